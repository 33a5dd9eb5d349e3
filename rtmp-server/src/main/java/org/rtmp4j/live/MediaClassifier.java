package org.rtmp4j.live;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.flv.FlvFormatException;
import org.rtmp4j.flv.media.AudioTagHeader;
import org.rtmp4j.flv.media.Multitrack;
import org.rtmp4j.flv.media.VideoTagHeader;
import org.rtmp4j.flv.media.VideoTagValidator;

/**
 * Classifies relayed media with rtmp-flv's {@link VideoTagValidator} and {@link AudioTagHeader}
 * (FLV 10.1 §E.4.2.1, §E.4.3.1; E-RTMP v2 ExHeader). Video that is not well-formed (an unknown
 * CodecID, a reserved FrameType, a header cut short, a sequence header without its configuration
 * record, a frame without data) is {@link MediaKind#VIDEO_MALFORMED}: it must not change the
 * stream's codec state. Unparsable audio is a plain frame. Never throws.
 */
final class MediaClassifier {
    private MediaClassifier() {}

    /** @return the kind of {@code media}; never throws */
    static MediaKind classify(MediaMessage media) {
        return liveMedia(media).kind();
    }

    /**
     * Classifies {@code media} once for the whole hub: its kind and E-RTMP track id, from one parse
     * of its tag header. Never throws.
     *
     * @param media audio or video as published
     * @return the classified message
     */
    static LiveMedia liveMedia(MediaMessage media) {
        if (media instanceof AudioMessage) {
            try {
                AudioTagHeader h = AudioTagHeader.parse(media.payload());
                return new LiveMedia(media, h.isSequenceHeader() ? MediaKind.AUDIO_SEQUENCE_HEADER : MediaKind.AUDIO_FRAME,
                        h.isMultitrack() ? h.trackId() : 0);
            } catch (FlvFormatException e) {
                return new LiveMedia(media, MediaKind.AUDIO_FRAME, 0);
            }
        }
        try {
            VideoTagHeader h = VideoTagValidator.validate(media.payload());
            int track = h.isMultitrack() ? h.trackId() : 0;
            if (h.isSequenceHeader()) {
                return new LiveMedia(media, MediaKind.VIDEO_SEQUENCE_HEADER, track); // checked first: sent with frame type 1
            }
            return new LiveMedia(media, h.isKeyFrame() ? MediaKind.VIDEO_KEY_FRAME : MediaKind.VIDEO_FRAME, track);
        } catch (FlvFormatException e) {
            return new LiveMedia(media, MediaKind.VIDEO_MALFORMED, 0);
        }
    }

    /**
     * @return why {@code media} is {@link MediaKind#VIDEO_MALFORMED} (offset within the body and
     *     reason), or {@code null} when it is audio or well-formed video
     */
    static String malformedReason(MediaMessage media) {
        if (media instanceof AudioMessage) {
            return null;
        }
        try {
            VideoTagValidator.validate(media.payload());
            return null;
        } catch (FlvFormatException e) {
            return e.getMessage();
        }
    }

    /** @return whether {@code media} is video with the E-RTMP ExHeader bit (0x80 of byte 0) set */
    static boolean isExHeader(MediaMessage media) {
        ByteBuffer p = media.payload();
        return !(media instanceof AudioMessage) && p.hasRemaining() && (p.get(p.position()) & 0x80) != 0;
    }

    /**
     * @return the E-RTMP Multitrack track id of {@code media} (the first track's for a multi-track
     *     message), or 0 when not multitrack or unparsable
     */
    static int trackId(MediaMessage media) {
        try {
            if (media instanceof AudioMessage) {
                AudioTagHeader h = AudioTagHeader.parse(media.payload());
                return h.isMultitrack() ? h.trackId() : 0;
            }
            VideoTagHeader h = VideoTagHeader.parse(media.payload());
            return h.isMultitrack() ? h.trackId() : 0;
        } catch (FlvFormatException e) {
            return 0;
        }
    }

    /**
     * @return the E-RTMP video FourCC (e.g. {@code hvc1}; the first track's for Multitrack), or
     *     {@code null} for legacy or unparsable video
     */
    static String videoFourCc(MediaMessage media) {
        try {
            VideoTagHeader h = VideoTagHeader.parse(media.payload());
            return h.exHeader() ? h.fourCc() : null;
        } catch (FlvFormatException e) {
            return null;
        }
    }

    /**
     * @return the E-RTMP video FourCC of each track of {@code media} by track id, lowest first: one
     *     entry (track 0) for a plain ExHeader body, every track of a Multitrack body (E-RTMP v2,
     *     Multitrack; {@code ManyTracksManyCodecs} may name several); empty for legacy or
     *     unparsable video
     */
    static Map<Integer, String> videoFourCcs(MediaMessage media) {
        try {
            VideoTagHeader h = VideoTagHeader.parse(media.payload());
            if (!h.exHeader() || h.fourCc() == null) {
                return Map.of();
            }
            if (!h.isMultitrack()) {
                return Map.of(0, h.fourCc());
            }
            Map<Integer, String> byTrack = new TreeMap<>();
            for (Multitrack.Track t : Multitrack.parseVideo(media.payload()).tracks()) {
                byTrack.put(t.trackId(), t.fourCc());
            }
            return byTrack;
        } catch (FlvFormatException e) {
            return Map.of();
        }
    }
}
