package org.rtmp4j.flv.media;

import java.nio.ByteBuffer;
import org.rtmp4j.flv.FlvFormatException;

/**
 * The header of a video tag body (an RTMP video message payload), legacy or E-RTMP.
 *
 * <p>Legacy layout (FLV 10.1 §E.4.3.1): byte 0 = FrameType UB[4] | CodecID UB[4]; for AVC (7)
 * and the non-standard HEVC id 12 used by some CDNs, then AVCPacketType UI8 and
 * CompositionTime SI24 (5 bytes in all). A command frame (frame type 5) carries one UI8 video
 * command after byte 0 (E-RTMP v2, Enhanced Video, legacy branch).
 *
 * <p>E-RTMP layout (E-RTMP v2, Enhanced Video): byte 0 = IsExHeader UB[1] (0x80) | FrameType
 * UB[3] | VideoPacketType UB[4]. {@code ModEx} (7) prefixes are consumed (size UI8+1, or UI16+1
 * when the UI8 is 255; data; ModExType UB[4] | next packet type UB[4]); a
 * {@code TimestampOffsetNano} modifier is reported in {@link #timestampOffsetNano()}. A command
 * frame (type 5, packet type not Metadata) has a UI8 command and no FourCC. {@code Multitrack}
 * (6) is followed by AvMultitrackType UB[4] | packet type UB[4], then the FourCC unless
 * {@code ManyTracksManyCodecs}; this record then describes the first track (its FourCC, UI8
 * track id, and the UI24 track size when not {@code OneTrack}). Otherwise the FourCC follows.
 * {@code CodedFrames} of avc1, hvc1 and vvc1 then carry an SI24 composition time.
 *
 * <p>Immutable and thread-safe.
 *
 * @param exHeader whether the E-RTMP ExHeader bit is set
 * @param frameType 1 key, 2 inter, 3 disposable inter, 4 generated key, 5 command/info
 * @param codecId legacy CodecID (1 JPEG, 2 H.263, 3 screen, 4 VP6, 5 VP6 alpha, 6 screen v2, 7 AVC,
 *     12 HEVC), 0 for ExHeader
 * @param packetType the packet type (after ModEx and Multitrack), or {@code null} for legacy
 *     codecs without one and for legacy command frames
 * @param fourCc the FourCC for ExHeader (see {@link VideoFourCc}), {@code null} for legacy and for
 *     E-RTMP command frames
 * @param compositionTime composition time offset in ms (0 when absent, e.g. CodedFramesX)
 * @param videoCommand the UI8 command of a command frame (0 start seek, 1 end seek), else -1
 * @param multitrackType the multitrack type, or {@code null} when not multitrack
 * @param trackId the first track's id when multitrack, else 0
 * @param timestampOffsetNano the ModEx TimestampOffsetNano in ns, else 0
 * @param modEx whether ModEx prefixes were present
 * @param headerSize bytes before the codec payload (or before the command byte's end)
 */
public record VideoTagHeader(boolean exHeader, int frameType, int codecId,
        VideoPacketType packetType, String fourCc, int compositionTime, int videoCommand,
        AvMultitrackType multitrackType, int trackId, int timestampOffsetNano, boolean modEx,
        int headerSize) {

    /** Frame type: key frame. */
    public static final int FRAME_KEY = 1;
    /** Frame type: inter frame. */
    public static final int FRAME_INTER = 2;
    /** Frame type: disposable inter frame (H.263 only). */
    public static final int FRAME_DISPOSABLE_INTER = 3;
    /** Frame type: generated key frame (server use). */
    public static final int FRAME_GENERATED_KEY = 4;
    /** Frame type: video info/command frame. */
    public static final int FRAME_COMMAND = 5;

    /** Legacy CodecID: JPEG (defined but unused, FLV 10.1 §E.4.3.1). */
    public static final int CODEC_JPEG = 1;
    /** Legacy CodecID: Sorenson H.263. */
    public static final int CODEC_SORENSON_H263 = 2;
    /** Legacy CodecID: screen video. */
    public static final int CODEC_SCREEN = 3;
    /** Legacy CodecID: On2 VP6. */
    public static final int CODEC_VP6 = 4;
    /** Legacy CodecID: On2 VP6 with alpha channel. */
    public static final int CODEC_VP6_ALPHA = 5;
    /** Legacy CodecID: screen video version 2. */
    public static final int CODEC_SCREEN_V2 = 6;
    /** Legacy CodecID: AVC (H.264). */
    public static final int CODEC_AVC = 7;
    /** Non-standard legacy CodecID 12: HEVC (used by some CDNs before E-RTMP). */
    public static final int CODEC_HEVC = 12;

    /**
     * Parses the header at the body's position without moving it.
     *
     * @param body a video tag body
     * @return the header
     * @throws FlvFormatException if the body is too short, or a packet type or multitrack type is
     *     reserved; the offset is 0-based within the body
     */
    public static VideoTagHeader parse(ByteBuffer body) throws FlvFormatException {
        TagBodyCursor c = new TagBodyCursor(body, "video tag header");
        int b0 = c.u8();
        if ((b0 & 0x80) == 0) {
            return parseLegacy(c, b0);
        }
        int frameType = (b0 >> 4) & 0x07;
        ModExPrefix modExPrefix = ModExPrefix.read(c, body, b0 & 0x0F);
        int pt = modExPrefix.packetType();
        int nano = modExPrefix.timestampOffsetNano();
        boolean modEx = modExPrefix.present();
        VideoPacketType packetType = packetType(c, pt);
        if (frameType == FRAME_COMMAND && packetType != VideoPacketType.METADATA) {
            int command = c.u8();
            return new VideoTagHeader(true, frameType, 0, packetType, null, 0, command, null, 0,
                    nano, modEx, c.position());
        }
        AvMultitrackType multitrack = null;
        int trackId = 0;
        String fourCc;
        if (packetType == VideoPacketType.MULTITRACK) {
            MultitrackPrefix<VideoPacketType> m =
                    MultitrackPrefix.read(c, VideoPacketType.MULTITRACK.id(), VideoTagHeader::packetType);
            multitrack = m.type();
            packetType = m.packetType();
            fourCc = m.fourCc();
            trackId = m.trackId();
        } else {
            fourCc = c.fourCc();
        }
        int cts = 0;
        if (packetType == VideoPacketType.CODED_FRAMES && VideoFourCc.hasCompositionTime(fourCc)) {
            cts = c.s24();
        }
        return new VideoTagHeader(true, frameType, 0, packetType, fourCc, cts, -1, multitrack,
                trackId, nano, modEx, c.position());
    }

    private static VideoPacketType packetType(TagBodyCursor c, int pt) throws FlvFormatException {
        VideoPacketType t = VideoPacketType.of(pt);
        if (t == null) {
            throw c.error(c.position() - 1, "reserved VideoPacketType " + pt);
        }
        return t;
    }

    private static VideoTagHeader parseLegacy(TagBodyCursor c, int b0) throws FlvFormatException {
        int frameType = (b0 >> 4) & 0x0F;
        int codecId = b0 & 0x0F;
        if (frameType == FRAME_COMMAND) {
            int command = c.u8();
            return new VideoTagHeader(false, frameType, codecId, null, null, 0, command, null, 0,
                    0, false, c.position());
        }
        if (codecId == CODEC_AVC || codecId == CODEC_HEVC) {
            int avcPacketType = c.u8();
            int cts = c.s24();
            VideoPacketType t;
            switch (avcPacketType) {
                case 0:
                    t = VideoPacketType.SEQUENCE_START;
                    break;
                case 1:
                    t = VideoPacketType.CODED_FRAMES;
                    break;
                case 2:
                    t = VideoPacketType.SEQUENCE_END;
                    break;
                default:
                    throw c.error(1, "unknown AVCPacketType " + avcPacketType);
            }
            return new VideoTagHeader(false, frameType, codecId, t, null,
                    t == VideoPacketType.CODED_FRAMES ? cts : 0, -1, null, 0, 0, false, 5);
        }
        return new VideoTagHeader(false, frameType, codecId, null, null, 0, -1, null, 0, 0, false,
                1);
    }

    /**
     * Tells whether this is a key frame: frame type 1 and not a {@code Metadata} packet (whose
     * frame type is ignored) nor a {@code SequenceEnd}. Sequence headers sent with frame type 1
     * count as key frames. A command frame (type 5) never is one.
     *
     * @return true for key frames
     */
    public boolean isKeyFrame() {
        return frameType == FRAME_KEY && packetType != VideoPacketType.METADATA
                && packetType != VideoPacketType.SEQUENCE_END;
    }

    /**
     * Tells whether the frame type is 5 (video info/command frame). Such a tag is never a key
     * frame; ffmpeg also sends E-RTMP {@code Metadata} packets with frame type 5. The command byte
     * itself, when present, is {@link #videoCommand()}.
     *
     * @return true for frame type 5
     */
    public boolean isCommandFrame() {
        return frameType == FRAME_COMMAND;
    }

    /**
     * Tells whether this carries a decoder configuration: legacy AVC/HEVC packet type 0, E-RTMP
     * {@code SequenceStart} or {@code MPEG2TSSequenceStart}.
     *
     * @return true for sequence headers
     */
    public boolean isSequenceHeader() {
        return videoCommand < 0 && (packetType == VideoPacketType.SEQUENCE_START
                || packetType == VideoPacketType.MPEG2TS_SEQUENCE_START);
    }

    /**
     * Tells whether this ends the sequence (legacy AVC packet type 2, E-RTMP {@code SequenceEnd}).
     *
     * @return true for end of sequence
     */
    public boolean isSequenceEnd() {
        return videoCommand < 0 && packetType == VideoPacketType.SEQUENCE_END;
    }

    /**
     * Tells whether the E-RTMP Multitrack packet type was used.
     *
     * @return true for multitrack
     */
    public boolean isMultitrack() {
        return multitrackType != null;
    }

    /**
     * Returns a short codec name: "jpeg", "h263", "screen", "vp6", "vp6a", "screen2", "h264", "hevc" for
     * legacy ids ("codec" + id otherwise); for ExHeader the name of the FourCC (see
     * {@link VideoFourCc#codecName}), or "unknown" for command frames without a FourCC.
     *
     * @return the codec name
     */
    public String codecName() {
        if (exHeader) {
            return fourCc == null ? "unknown" : VideoFourCc.codecName(fourCc);
        }
        switch (codecId) {
            case CODEC_JPEG: return "jpeg";
            case CODEC_SORENSON_H263: return "h263";
            case CODEC_SCREEN: return "screen";
            case CODEC_VP6: return "vp6";
            case CODEC_VP6_ALPHA: return "vp6a";
            case CODEC_SCREEN_V2: return "screen2";
            case CODEC_AVC: return "h264";
            case CODEC_HEVC: return "hevc";
            default: return "codec" + codecId;
        }
    }
}
