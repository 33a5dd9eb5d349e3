package org.rtmp4j.flv.codec;

import java.nio.ByteBuffer;
import org.rtmp4j.flv.FlvFormatException;

/**
 * The Opus identification header (RFC 7845 §5.1), the body of an E-RTMP {@code SequenceStart}
 * for {@code Opus}.
 *
 * <p>Layout (little-endian): magic "OpusHead" (8 bytes), version UI8 (major 0, i.e. 0..15),
 * output channel count UI8, pre-skip UI16 (48 kHz samples), input sample rate UI32 (Hz,
 * informational), output gain SI16 (Q7.8 dB), channel mapping family UI8; when the family is not
 * 0: stream count UI8, coupled count UI8, channel mapping UI8[channels]. Opus always decodes at
 * 48 kHz. Immutable.
 *
 * @param version the version byte
 * @param channels output channel count, 1..255
 * @param preSkip samples at 48 kHz to discard at the start
 * @param inputSampleRate original input sample rate in Hz (0 when unknown)
 * @param outputGain gain in Q7.8 dB
 * @param mappingFamily channel mapping family (0 mono/stereo, 1 Vorbis order, 255 undefined)
 * @param streamCount streams in each packet (1 for family 0)
 * @param coupledCount coupled (stereo) streams ({@code channels − 1} for family 0)
 */
public record OpusIdHeader(int version, int channels, int preSkip, long inputSampleRate,
        int outputGain, int mappingFamily, int streamCount, int coupledCount) {

    /** Opus decodes at 48,000 Hz whatever the input rate (RFC 7845 §5.1). */
    public static final int OUTPUT_SAMPLE_RATE = 48000;

    private static final String MAGIC = "OpusHead";

    /**
     * Parses an ID header.
     *
     * @param header the header bytes; position kept
     * @return the header
     * @throws FlvFormatException if the magic is wrong, the major version is not 0, the channel
     *     count is 0, truncated, or the mapping table is missing; offsets are within
     *     {@code header}
     */
    public static OpusIdHeader parse(ByteBuffer header) throws FlvFormatException {
        ByteCursor c = new ByteCursor(header, "Opus ID header");
        c.require(19);
        if (!c.startsWith(MAGIC)) {
            throw c.error(0, "missing \"OpusHead\" magic");
        }
        c.skip(8);
        int version = c.u8();
        if (version >> 4 != 0) {
            throw c.error(8, "unsupported major version " + (version >> 4));
        }
        int channels = c.u8();
        if (channels == 0) {
            throw c.error(9, "channel count 0");
        }
        int preSkip = c.u16le();
        long rate = c.u32le();
        int gain = (short) c.u16le();
        int family = c.u8();
        int streams = 1;
        int coupled = channels - 1;
        if (family != 0) {
            streams = c.u8();
            coupled = c.u8();
            if (streams == 0 || coupled > streams) {
                throw c.error(19, "stream count " + streams + ", coupled count " + coupled);
            }
            c.skip(channels);
        } else if (channels > 2) {
            throw c.error(9, "mapping family 0 with " + channels + " channels");
        }
        return new OpusIdHeader(version, channels, preSkip, rate, gain, family, streams, coupled);
    }
}
