package org.rtmp4j.flv.mp4;

import java.nio.ByteBuffer;
import org.rtmp4j.flv.FlvFormatException;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.flv.media.AudioFourCc;
import org.rtmp4j.flv.media.AudioPacketType;
import org.rtmp4j.flv.media.AudioTagHeader;
import org.rtmp4j.flv.media.Multitrack;
import org.rtmp4j.flv.media.VideoFourCc;
import org.rtmp4j.flv.media.VideoPacketType;
import org.rtmp4j.flv.media.VideoTagHeader;
import org.rtmp4j.flv.media.VideoTagValidator;

/**
 * What one FLV audio or video tag means to the fMP4 muxer: a codec configuration, a coded frame,
 * or something to skip. Legacy tags (FLV 10.1 §E.4.2.1, §E.4.3.1: AAC, AVC, HEVC with CodecID
 * 12) and E-RTMP tags (E-RTMP v2, Enhanced Audio and Video) are read with the header parsers of
 * {@code org.rtmp4j.flv.media}; of a Multitrack body the default track (id 0, else the lowest
 * id) is taken. Immutable.
 *
 * @param kind what the tag carries
 * @param video true for a video tag
 * @param fourCc the codec FourCC (avc1, hvc1, av01, vp09, mp4a, Opus), or null for
 *     {@link Kind#SKIP} and {@link Kind#UNSUPPORTED} without one
 * @param payload a read-only view of the configuration record or the frame (no copy)
 * @param compositionTimeMs the composition time offset in ms (0 for audio)
 * @param keyFrame whether the FLV frame type is 1 (key frame); true for audio
 */
record TagUnit(Kind kind, boolean video, String fourCc, ByteBuffer payload, int compositionTimeMs,
        boolean keyFrame) {

    /** What a tag carries. */
    enum Kind {
        /** A sequence header (decoder configuration record). */
        CONFIG,
        /** Coded frames: one sample. */
        FRAME,
        /** Nothing for the muxer (script data, metadata, commands, end of sequence). */
        SKIP,
        /** A codec the muxer does not carry. */
        UNSUPPORTED
    }

    private static final TagUnit SKIP = new TagUnit(Kind.SKIP, false, null, null, 0, false);

    /**
     * Reads a tag.
     *
     * @param tag an FLV tag
     * @return what it carries
     * @throws FlvFormatException if its header or Multitrack body is malformed
     */
    static TagUnit of(FlvTag tag) throws FlvFormatException {
        if (tag.type() == FlvTagType.VIDEO) {
            return video(tag.body());
        }
        if (tag.type() == FlvTagType.AUDIO) {
            return audio(tag.body());
        }
        return SKIP;
    }

    private static TagUnit video(ByteBuffer body) throws FlvFormatException {
        if (VideoTagValidator.isEmptySequenceStart(body)) {
            return SKIP; // ffmpeg writes one before the real configuration
        }
        VideoTagHeader h = VideoTagValidator.validate(body);
        if (h.isCommandFrame() && h.fourCc() == null) {
            return SKIP;
        }
        String fourCc;
        ByteBuffer payload;
        int cts = h.compositionTime();
        if (!h.exHeader()) {
            if (h.codecId() == VideoTagHeader.CODEC_AVC) {
                fourCc = VideoFourCc.AVC;
            } else if (h.codecId() == VideoTagHeader.CODEC_HEVC) {
                fourCc = VideoFourCc.HEVC;
            } else {
                return new TagUnit(Kind.UNSUPPORTED, true, null, null, 0, false);
            }
            payload = slice(body, h.headerSize());
        } else if (h.isMultitrack()) {
            Multitrack.Track t = defaultTrack(Multitrack.parseVideo(body));
            fourCc = t.fourCc();
            payload = t.payload();
            cts = t.compositionTime();
        } else {
            fourCc = h.fourCc();
            payload = slice(body, h.headerSize());
        }
        switch (fourCc) {
            case VideoFourCc.AVC: case VideoFourCc.HEVC: case VideoFourCc.AV1: case VideoFourCc.VP9:
                break;
            default:
                return new TagUnit(Kind.UNSUPPORTED, true, fourCc, null, 0, false);
        }
        VideoPacketType pt = h.packetType();
        if (pt == VideoPacketType.SEQUENCE_START) {
            return new TagUnit(Kind.CONFIG, true, fourCc, payload, 0, false);
        }
        if ((pt == VideoPacketType.CODED_FRAMES || pt == VideoPacketType.CODED_FRAMES_X)
                && payload.hasRemaining() && !h.isCommandFrame()) {
            return new TagUnit(Kind.FRAME, true, fourCc, payload,
                    pt == VideoPacketType.CODED_FRAMES ? cts : 0, h.isKeyFrame());
        }
        return SKIP;
    }

    private static TagUnit audio(ByteBuffer body) throws FlvFormatException {
        AudioTagHeader h = AudioTagHeader.parse(body);
        String fourCc;
        ByteBuffer payload;
        if (!h.exHeader()) {
            if (h.soundFormat() != AudioTagHeader.FORMAT_AAC) {
                return new TagUnit(Kind.UNSUPPORTED, false, null, null, 0, true);
            }
            fourCc = AudioFourCc.AAC;
            payload = slice(body, h.headerSize());
        } else if (h.isMultitrack()) {
            Multitrack.Track t = defaultTrack(Multitrack.parseAudio(body));
            fourCc = t.fourCc();
            payload = t.payload();
        } else {
            fourCc = h.fourCc();
            payload = slice(body, h.headerSize());
        }
        if (!AudioFourCc.AAC.equals(fourCc) && !AudioFourCc.OPUS.equals(fourCc)) {
            return new TagUnit(Kind.UNSUPPORTED, false, fourCc, null, 0, true);
        }
        if (!payload.hasRemaining()) {
            return SKIP;
        }
        if (h.packetType() == AudioPacketType.SEQUENCE_START) {
            return new TagUnit(Kind.CONFIG, false, fourCc, payload, 0, true);
        }
        if (h.packetType() == AudioPacketType.CODED_FRAMES) {
            return new TagUnit(Kind.FRAME, false, fourCc, payload, 0, true);
        }
        return SKIP;
    }

    /** Track 0 (the default track by convention, E-RTMP v2 Multitrack), else the lowest id. */
    private static Multitrack.Track defaultTrack(Multitrack m) {
        Multitrack.Track best = m.tracks().get(0);
        for (Multitrack.Track t : m.tracks()) {
            if (t.trackId() < best.trackId()) {
                best = t;
            }
        }
        return best;
    }

    private static ByteBuffer slice(ByteBuffer body, int offset) {
        ByteBuffer b = body.duplicate();
        b.position(body.position() + Math.min(offset, body.remaining()));
        return b.slice().asReadOnlyBuffer();
    }
}
