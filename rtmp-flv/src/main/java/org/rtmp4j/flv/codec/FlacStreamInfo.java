package org.rtmp4j.flv.codec;

import java.nio.ByteBuffer;
import org.rtmp4j.flv.FlvFormatException;

/**
 * The FLAC sequence header of E-RTMP ({@code fLaC} {@code SequenceStart}): the signature "fLaC"
 * followed by the METADATA_BLOCK_HEADER (last-block UB[1] | type UB[7] = 0 STREAMINFO | length
 * UI24 = 34) and the STREAMINFO block (FLAC format §METADATA_BLOCK_STREAMINFO).
 *
 * <p>STREAMINFO (bits): min block size 16, max block size 16, min frame size 24, max frame size
 * 24, sample rate 20 (Hz, 0 invalid), channels − 1 3, bits per sample − 1 5, total samples 36
 * (0 unknown), MD5 128. Immutable.
 *
 * @param minBlockSize minimum block size in samples
 * @param maxBlockSize maximum block size in samples
 * @param sampleRate sample rate in Hz
 * @param channels 1..8
 * @param bitsPerSample 4..32
 * @param totalSamples samples per channel, 0 when unknown
 */
public record FlacStreamInfo(int minBlockSize, int maxBlockSize, int sampleRate, int channels,
        int bitsPerSample, long totalSamples) {

    private static final String WHAT = "FLAC STREAMINFO";
    private static final int STREAMINFO_SIZE = 34;

    /**
     * Parses the sequence header; a body without the "fLaC" signature that starts directly with
     * the metadata block header is accepted too.
     *
     * @param header the header bytes; position kept
     * @return the STREAMINFO fields
     * @throws FlvFormatException if truncated, the first block is not STREAMINFO, its length is
     *     below 34, or the sample rate is 0; offsets are within {@code header}
     */
    public static FlacStreamInfo parse(ByteBuffer header) throws FlvFormatException {
        ByteCursor c = new ByteCursor(header, WHAT);
        if (c.startsWith("fLaC")) {
            c.skip(4);
        }
        int at = c.position();
        int blockType = c.u8() & 0x7F;
        if (blockType != 0) {
            throw c.error(at, "first metadata block type " + blockType + ", expected 0");
        }
        int length = (c.u8() << 16) | c.u16();
        if (length < STREAMINFO_SIZE) {
            throw c.error(at + 1, "STREAMINFO length " + length + " below " + STREAMINFO_SIZE);
        }
        int start = c.position();
        byte[] b = new byte[STREAMINFO_SIZE];
        c.slice(STREAMINFO_SIZE).get(b);
        BitReader r = new BitReader(b, 0, b.length, start, WHAT);
        int minBlock = r.u(16);
        int maxBlock = r.u(16);
        r.skip(48);
        long rateAt = r.byteOffset();
        int rate = r.u(20);
        if (rate == 0) {
            throw new FlvFormatException(rateAt, WHAT + ": sample rate 0");
        }
        int channels = r.u(3) + 1;
        int bits = r.u(5) + 1;
        long total = r.bits(4) << 32 | r.bits(32);
        return new FlacStreamInfo(minBlock, maxBlock, rate, channels, bits, total);
    }
}
