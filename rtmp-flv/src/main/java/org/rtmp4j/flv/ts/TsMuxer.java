package org.rtmp4j.flv.ts;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.rtmp4j.flv.FlvFormatException;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.flv.codec.AacAudioSpecificConfig;
import org.rtmp4j.flv.codec.AvcDecoderConfigurationRecord;
import org.rtmp4j.flv.codec.HevcDecoderConfigurationRecord;
import org.rtmp4j.flv.media.AudioFourCc;
import org.rtmp4j.flv.media.AudioPacketType;
import org.rtmp4j.flv.media.AudioTagHeader;
import org.rtmp4j.flv.media.VideoFourCc;
import org.rtmp4j.flv.media.VideoPacketType;
import org.rtmp4j.flv.media.VideoTagHeader;

/**
 * Sans-I/O MPEG-2 transport stream muxer (ISO/IEC 13818-1) for H.264 or HEVC video and AAC audio
 * from FLV tags, one per stream: {@link #accept(FlvTag)} each tag, {@link #take()} the packets.
 *
 * <p>One program (program_number 1) with the PMT on {@link #PMT_PID}, video on
 * {@link #VIDEO_PID} (stream_type 0x1B H.264 or 0x24 HEVC) and audio on {@link #AUDIO_PID}
 * (stream_type 0x0F, AAC in ADTS). The PCR (§2.4.3.4–5) is on the video PID, or on the audio PID
 * when there is no video; it goes out with every video PES (every audio PES for audio-only
 * streams), and in a PCR-only packet before other data when the last one is half
 * {@link TsMuxerOptions#pcrInterval()} old. PAT and PMT (§2.4.4.3, §2.4.4.8) precede the first
 * PES, every video keyframe, the first PES after {@link #startSegment()} and a change of the
 * streams (the PMT's version_number then increments). Continuity counters (§2.4.3.3) run per PID
 * across segments.
 *
 * <p>Video (legacy CodecID 7 and 12, E-RTMP {@code avc1} and {@code hvc1}, not multitrack): every
 * coded frame becomes one PES (stream_id 0xE0, §2.4.3.6–7) holding an Annex B access unit: an
 * access unit delimiter, for keyframes the VPS/SPS/PPS of the last sequence header, then the
 * frame's NAL units. Keyframes set the random_access_indicator. DTS = FLV time, PTS = FLV time
 * + CompositionTime (never before the DTS), both plus {@link TsMuxerOptions#decodeDelay()}, in
 * 90 kHz units modulo 2^33; FLV times are 32-bit and may wrap, they are extended to 64 bits.
 *
 * <p>Audio (legacy SoundFormat 10 and E-RTMP {@code mp4a}): each raw AAC frame gets an ADTS header
 * (ISO/IEC 13818-7 §6.2, ISO/IEC 14496-3 §1.A.2) from the last AudioSpecificConfig; consecutive
 * frames share one PES (stream_id 0xC0, PTS of its first frame) of at most
 * {@link TsMuxerOptions#maxAudioPesDuration()}, which saves a PES header and the stuffing of a
 * transport packet per frame. {@link #take()} and {@link #startSegment()} close the PES being
 * gathered, so a segment holds the audio accepted before it was taken.
 *
 * <p>Input that cannot be muxed never throws: tags of other types and codecs (AV1, VP9, Opus,
 * MP3...), multitrack tags, command frames, metadata and sequence ends are counted by
 * {@link #ignoredTags()}; malformed tags, coded frames before their sequence header and AAC
 * configurations ADTS cannot express are counted by {@link #droppedTags()}, with the latest
 * reason in {@link #lastDropReason()}. Not thread-safe: one thread, or external locking.
 */
public final class TsMuxer {
    /** PID of the program map table: 0x1000. */
    public static final int PMT_PID = 0x1000;
    /** PID of the video elementary stream: 0x100. */
    public static final int VIDEO_PID = 0x100;
    /** PID of the audio elementary stream: 0x101. */
    public static final int AUDIO_PID = 0x101;
    /** stream_type of H.264 video (ISO/IEC 13818-1 Table 2-34): 0x1B. */
    public static final int STREAM_TYPE_H264 = 0x1B;
    /** stream_type of HEVC video: 0x24. */
    public static final int STREAM_TYPE_HEVC = 0x24;
    /** stream_type of AAC audio with the ADTS transport syntax (ISO/IEC 13818-7): 0x0F. */
    public static final int STREAM_TYPE_AAC_ADTS = 0x0F;

    private final TsProgram program;
    private boolean timeStarted;
    private int lastTimestamp;
    private long extendedTime;
    private VideoConfig video;
    private AdtsHeader adts;
    private long ignored;
    private long dropped;
    private String lastDropReason;

    /** The parameter sets and NAL unit length size of the last video sequence header. */
    private record VideoConfig(boolean hevc, int lengthSize, List<ByteBuffer> parameterSets) {}

    /** Creates a muxer with {@link TsMuxerOptions#defaults()}. */
    public TsMuxer() {
        this(TsMuxerOptions.defaults());
    }

    /**
     * Creates a muxer.
     *
     * @param options the settings
     * @throws NullPointerException if {@code options} is null
     */
    public TsMuxer(TsMuxerOptions options) {
        this.program = new TsProgram(Objects.requireNonNull(options, "options"));
    }

    /**
     * Feeds one FLV tag, in stream order. Sequence headers configure a stream; coded frames
     * become PES packets in the pending output (see the class description).
     *
     * @param tag the tag; its body is read, never changed, and may be referenced until the next
     *     {@link #take()}
     * @throws NullPointerException if {@code tag} is null
     */
    public void accept(FlvTag tag) {
        Objects.requireNonNull(tag, "tag");
        if (tag.type() == FlvTagType.VIDEO) {
            video(tag);
        } else if (tag.type() == FlvTagType.AUDIO) {
            audio(tag);
        } else {
            ignored++;
        }
    }

    /**
     * Makes the next bytes written start a segment: the audio being gathered is written first,
     * then PAT and PMT precede the next PES. Continuity counters continue.
     */
    public void startSegment() {
        program.startSegment();
    }

    /**
     * Returns the transport packets written since the last take, after writing the audio being
     * gathered.
     *
     * @return a buffer owned by the caller, position 0, a multiple of 188 bytes, possibly empty
     */
    public ByteBuffer take() {
        return program.take();
    }

    /**
     * Returns how many tags carried nothing this muxer writes: script data, other codecs,
     * multitrack tags, command frames, metadata, sequence ends.
     *
     * @return the count since construction
     */
    public long ignoredTags() {
        return ignored;
    }

    /**
     * Returns how many audio or video tags were dropped as malformed or unusable: a bad tag header
     * or configuration record, a coded frame before its sequence header, an AAC configuration ADTS
     * cannot express.
     *
     * @return the count since construction
     */
    public long droppedTags() {
        return dropped;
    }

    /**
     * Returns why the latest tag was dropped, with the offset within the tag body when known.
     *
     * @return the reason, or empty if none was dropped
     */
    public Optional<String> lastDropReason() {
        return Optional.ofNullable(lastDropReason);
    }

    private void video(FlvTag tag) {
        ByteBuffer body = tag.body();
        VideoTagHeader h;
        try {
            h = VideoTagHeader.parse(body);
        } catch (FlvFormatException e) {
            drop("video tag header: " + e.getMessage());
            return;
        }
        boolean avc = h.exHeader() ? VideoFourCc.AVC.equals(h.fourCc())
                : h.codecId() == VideoTagHeader.CODEC_AVC;
        boolean hevc = h.exHeader() ? VideoFourCc.HEVC.equals(h.fourCc())
                : h.codecId() == VideoTagHeader.CODEC_HEVC;
        if (!(avc || hevc) || h.isMultitrack() || h.isCommandFrame()) {
            ignored++;
            return;
        }
        ByteBuffer data = body.duplicate().position(body.position() + h.headerSize()).slice();
        if (h.packetType() == VideoPacketType.SEQUENCE_START) {
            configureVideo(data, hevc);
        } else if (h.packetType() == VideoPacketType.CODED_FRAMES
                || h.packetType() == VideoPacketType.CODED_FRAMES_X) {
            codedFrame(tag, h, data, hevc);
        } else {
            ignored++;
        }
    }

    private void configureVideo(ByteBuffer record, boolean hevc) {
        try {
            List<ByteBuffer> sets = new ArrayList<>();
            int lengthSize;
            if (hevc) {
                HevcDecoderConfigurationRecord r = HevcDecoderConfigurationRecord.parse(record);
                sets.addAll(r.vps());
                sets.addAll(r.sequenceParameterSets());
                sets.addAll(r.pps());
                lengthSize = r.nalUnitLengthSize();
            } else {
                AvcDecoderConfigurationRecord r = AvcDecoderConfigurationRecord.parse(record);
                sets.addAll(r.sequenceParameterSets());
                sets.addAll(r.pictureParameterSets());
                lengthSize = r.nalUnitLengthSize();
            }
            video = new VideoConfig(hevc, lengthSize, List.copyOf(sets));
            program.video(hevc ? STREAM_TYPE_HEVC : STREAM_TYPE_H264);
        } catch (FlvFormatException e) {
            drop("video sequence header: " + e.getMessage());
        }
    }

    private void codedFrame(FlvTag tag, VideoTagHeader h, ByteBuffer frame, boolean hevc) {
        if (video == null || video.hevc() != hevc) {
            drop("video frame at " + Integer.toUnsignedString(tag.timestamp())
                    + " ms before its sequence header");
            return;
        }
        boolean key = h.isKeyFrame();
        List<ByteBuffer> pieces = new ArrayList<>();
        int length;
        try {
            length = AnnexB.convert(frame, video.lengthSize(), hevc,
                    key ? video.parameterSets() : List.of(), pieces);
        } catch (FlvFormatException e) {
            drop("video frame at " + Integer.toUnsignedString(tag.timestamp()) + " ms, frame offset "
                    + (h.headerSize() + e.offset()) + ": " + e.reason());
            return;
        }
        long dts = extend(tag.timestamp());
        long pts = dts + Math.max(0, h.compositionTime());
        program.writeVideo(pieces, length, dts, pts, key);
    }

    private void audio(FlvTag tag) {
        ByteBuffer body = tag.body();
        AudioTagHeader h;
        try {
            h = AudioTagHeader.parse(body);
        } catch (FlvFormatException e) {
            drop("audio tag header: " + e.getMessage());
            return;
        }
        boolean aac = h.exHeader() ? AudioFourCc.AAC.equals(h.fourCc())
                : h.soundFormat() == AudioTagHeader.FORMAT_AAC;
        if (!aac || h.isMultitrack()) {
            ignored++;
            return;
        }
        ByteBuffer data = body.duplicate().position(body.position() + h.headerSize()).slice();
        if (h.packetType() == AudioPacketType.SEQUENCE_START) {
            try {
                adts = AdtsHeader.of(AacAudioSpecificConfig.parse(data));
                program.audio();
            } catch (FlvFormatException e) {
                adts = null;
                drop("AAC sequence header: " + e.getMessage());
            }
        } else if (h.packetType() == AudioPacketType.CODED_FRAMES) {
            if (adts == null) {
                drop("AAC frame at " + Integer.toUnsignedString(tag.timestamp())
                        + " ms without a usable sequence header");
            } else if (!data.hasRemaining()
                    || data.remaining() > AdtsHeader.MAX_FRAME_LENGTH - AdtsHeader.SIZE) {
                drop("AAC frame of " + data.remaining() + " bytes (1.."
                        + (AdtsHeader.MAX_FRAME_LENGTH - AdtsHeader.SIZE) + " fit in ADTS)");
            } else {
                program.writeAudio(adts.encode(data.remaining()), data, extend(tag.timestamp()));
            }
        } else {
            ignored++;
        }
    }

    /** Extends a 32-bit FLV time to 64 bits: each step is taken as a signed 32-bit difference. */
    private long extend(int timestamp) {
        if (!timeStarted) {
            timeStarted = true;
            extendedTime = Integer.toUnsignedLong(timestamp);
        } else {
            extendedTime += timestamp - lastTimestamp;
        }
        lastTimestamp = timestamp;
        return extendedTime;
    }

    private void drop(String reason) {
        dropped++;
        lastDropReason = reason;
    }
}
