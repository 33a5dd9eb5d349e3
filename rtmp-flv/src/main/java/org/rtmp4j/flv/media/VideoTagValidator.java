package org.rtmp4j.flv.media;

import java.nio.ByteBuffer;
import org.rtmp4j.flv.FlvFormatException;

/**
 * Decides whether a video tag body is well-formed enough to describe a codec: whether a relay or a
 * {@link org.rtmp4j.flv.codec.MediaInfoCollector} may let it change what it believes the stream's
 * codec, decoder configuration and keyframes are.
 *
 * <p>A body is well-formed when {@link VideoTagHeader#parse} accepts its header and:
 * <ul>
 *   <li>its FrameType is defined: 1 to 5 (FLV 10.1 §E.4.3.1; E-RTMP v2, Enhanced Video, where 0,
 *       6 and 7 are reserved);</li>
 *   <li>a legacy body names a defined CodecID: 1 to 7 (FLV 10.1 §E.4.3.1) or the de-facto HEVC id
 *       12;</li>
 *   <li>data follows the header wherever the packet needs it: the decoder configuration record of
 *       a sequence header (legacy AVCPacketType 0, E-RTMP {@code SequenceStart} and
 *       {@code MPEG2TSSequenceStart}), the coded data of a frame (legacy non-command tags, AVC/HEVC
 *       AVCPacketType 1, E-RTMP {@code CodedFrames} and {@code CodedFramesX}) and the AMF data of an
 *       E-RTMP {@code Metadata} packet; for E-RTMP Multitrack every track's (the tracks must also
 *       parse, see {@link Multitrack#parseVideo}). End of sequence packets and command frames need
 *       none.</li>
 * </ul>
 * Examples of malformed bodies: {@code 0x90 'hvc1'} (a SequenceStart without its
 * HEVCDecoderConfigurationRecord), {@code 0x91 'av01'} (CodedFrames without a frame), {@code 0x1F}
 * (CodecID 15). Unknown E-RTMP FourCCs are not malformed: they pass through as opaque codecs. The
 * configuration record itself is not parsed here (its content is the codec parsers' job, and a
 * parser stricter than the decoders must not decide what is relayed).
 *
 * <p>Stateless and thread-safe.
 */
public final class VideoTagValidator {
    private VideoTagValidator() {}

    /**
     * Parses the header of {@code body} and checks that the body is well-formed (see the class
     * description). The body's position is kept.
     *
     * @param body a video tag body (an RTMP video message payload)
     * @return the header, when the body is well-formed
     * @throws FlvFormatException if it is not: the offset (0-based within the body) is where the
     *     damage is or where the missing data should start (for a Multitrack track other than the
     *     first: where the first track's data starts; the reason names the track); the reason says
     *     what is wrong
     */
    public static VideoTagHeader validate(ByteBuffer body) throws FlvFormatException {
        VideoTagHeader h = VideoTagHeader.parse(body);
        if (h.frameType() < VideoTagHeader.FRAME_KEY || h.frameType() > VideoTagHeader.FRAME_COMMAND) {
            throw new FlvFormatException(0, "reserved FrameType " + h.frameType());
        }
        if (!h.exHeader()) {
            return legacy(body, h);
        }
        if (h.isCommandFrame() && h.fourCc() == null) {
            return h; // the command byte is all a command frame carries
        }
        if (h.isMultitrack()) {
            for (Multitrack.Track t : Multitrack.parseVideo(body).tracks()) {
                if (needsData(h.packetType()) && !t.payload().hasRemaining()) {
                    throw new FlvFormatException(h.headerSize(), "track " + t.trackId() + " of the Multitrack body: "
                            + missing(h.packetType(), t.fourCc()));
                }
            }
            return h;
        }
        if (needsData(h.packetType()) && body.remaining() <= h.headerSize()) {
            throw new FlvFormatException(h.headerSize(), missing(h.packetType(), h.fourCc()));
        }
        return h;
    }

    /**
     * Tells whether {@code body} is a sequence header with nothing after its header: legacy
     * AVC/HEVC AVCPacketType 0, or a single-track E-RTMP {@code SequenceStart} or
     * {@code MPEG2TSSequenceStart}. Such a body is malformed for {@link #validate}, but it is not
     * always a fault: ffmpeg 7.1's FLV muxer writes one for E-RTMP codecs before it knows their
     * configuration, and the real one follows (the E-RTMP specification's {@code testsrc.flv} has an
     * empty {@code av01} SequenceStart at 0 ms and the AV1CodecConfigurationRecord at 7 ms).
     *
     * @param body a video tag body; position kept
     * @return true for an empty sequence header, false otherwise (also when the header does not
     *     parse)
     */
    public static boolean isEmptySequenceStart(ByteBuffer body) {
        try {
            VideoTagHeader h = VideoTagHeader.parse(body);
            return h.isSequenceHeader() && !h.isMultitrack() && body.remaining() <= h.headerSize();
        } catch (FlvFormatException e) {
            return false;
        }
    }

    private static VideoTagHeader legacy(ByteBuffer body, VideoTagHeader h) throws FlvFormatException {
        int codec = h.codecId();
        if (codec < VideoTagHeader.CODEC_JPEG || codec > VideoTagHeader.CODEC_AVC && codec != VideoTagHeader.CODEC_HEVC) {
            throw new FlvFormatException(0, "unknown CodecID " + codec);
        }
        if (h.isCommandFrame() || h.isSequenceEnd()) {
            return h;
        }
        if (body.remaining() <= h.headerSize()) {
            String what = h.isSequenceHeader()
                    ? (codec == VideoTagHeader.CODEC_AVC ? "AVC" : "HEVC") + " sequence header without its decoder configuration record"
                    : h.codecName() + " frame without coded data";
            throw new FlvFormatException(h.headerSize(), what);
        }
        return h;
    }

    private static boolean needsData(VideoPacketType t) {
        return t != VideoPacketType.SEQUENCE_END;
    }

    private static String missing(VideoPacketType t, String fourCc) {
        switch (t) {
            case SEQUENCE_START:
                return "SequenceStart of " + fourCc + " without its decoder configuration record";
            case MPEG2TS_SEQUENCE_START:
                return "MPEG2TSSequenceStart of " + fourCc + " without its video descriptor";
            case METADATA:
                return "Metadata packet of " + fourCc + " without AMF data";
            case CODED_FRAMES_X:
                return "CodedFramesX of " + fourCc + " without coded data";
            default:
                return "CodedFrames of " + fourCc + " without coded data";
        }
    }
}
