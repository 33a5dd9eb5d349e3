package org.rtmp4j.flv.codec;

import java.nio.ByteBuffer;
import org.rtmp4j.flv.FlvFormatException;

/**
 * VPCodecConfigurationRecord ("vpcC", VP Codec ISO Media File Format Binding §2.3.3), the body of
 * an E-RTMP {@code SequenceStart} for {@code vp09} and {@code vp08}.
 *
 * <p>Layout: profile UI8, level UI8 (e.g. 31 for level 3.1), bitDepth UB[4] |
 * chromaSubsampling UB[3] | videoFullRangeFlag UB[1], colourPrimaries UI8,
 * transferCharacteristics UI8, matrixCoefficients UI8, codecInitializationDataSize UI16 (must be 0
 * for VP8/VP9), codecInitializationData. Some writers prefix the ISOBMFF FullBox version UI8 (1)
 * and flags UI24; such a prefix is detected by the total length and skipped. Immutable.
 *
 * @param profile VP9 profile 0..3
 * @param level level × 10, 0 when unspecified
 * @param bitDepth 8, 10 or 12
 * @param chromaSubsampling 0 4:2:0 vertical, 1 4:2:0 colocated, 2 4:2:2, 3 4:4:4
 * @param videoFullRange the full range flag
 * @param colourPrimaries ISO/IEC 23091-4 colour primaries
 * @param transferCharacteristics ISO/IEC 23091-4 transfer characteristics
 * @param matrixCoefficients ISO/IEC 23091-4 matrix coefficients
 */
public record Vp9CodecConfiguration(int profile, int level, int bitDepth, int chromaSubsampling,
        boolean videoFullRange, int colourPrimaries, int transferCharacteristics,
        int matrixCoefficients) {

    private static final int BARE_SIZE = 8;

    /**
     * Parses a record, with or without the 4-byte FullBox prefix.
     *
     * @param record the record bytes; position kept
     * @return the record
     * @throws FlvFormatException if truncated or the initialization data size overruns the
     *     record; offsets are within {@code record}
     */
    public static Vp9CodecConfiguration parse(ByteBuffer record) throws FlvFormatException {
        ByteCursor c = new ByteCursor(record, "VPCodecConfigurationRecord");
        c.require(BARE_SIZE);
        int n = c.remaining();
        int p = record.position();
        boolean fullBox = n >= BARE_SIZE + 4 && record.get(p) == 1 && record.get(p + 1) == 0
                && record.get(p + 2) == 0 && record.get(p + 3) == 0
                && BARE_SIZE + 4 + u16(record, p + 10) == n;
        if (fullBox) {
            c.skip(4);
        }
        int profile = c.u8();
        int level = c.u8();
        int b = c.u8();
        int bitDepth = b >> 4;
        if (bitDepth != 8 && bitDepth != 10 && bitDepth != 12) {
            throw c.error(c.position() - 1, "bitDepth " + bitDepth + ", expected 8, 10 or 12");
        }
        int primaries = c.u8();
        int transfer = c.u8();
        int matrix = c.u8();
        c.skip(c.u16());
        return new Vp9CodecConfiguration(profile, level, bitDepth, (b >> 1) & 0x07,
                (b & 1) != 0, primaries, transfer, matrix);
    }

    private static int u16(ByteBuffer b, int at) {
        return ((b.get(at) & 0xFF) << 8) | (b.get(at + 1) & 0xFF);
    }
}
