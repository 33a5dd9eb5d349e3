package org.rtmp4j.flv.ts;

/**
 * The CRC_32 of PSI sections (ISO/IEC 13818-1 Annex A): polynomial 0x04C11DB7, register preset
 * to all ones, bits processed most significant first, no final inversion. A decoder running the
 * same register over a whole section including its CRC_32 field ends at zero. Stateless and
 * thread-safe.
 */
final class Crc32Mpeg {
    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i << 24;
            for (int bit = 0; bit < 8; bit++) {
                c = (c & 0x80000000) != 0 ? (c << 1) ^ 0x04C11DB7 : c << 1;
            }
            TABLE[i] = c;
        }
    }

    private Crc32Mpeg() {}

    /**
     * Computes the CRC_32 of {@code length} bytes of {@code data} from {@code offset}.
     *
     * @param data the bytes
     * @param offset the first byte
     * @param length how many bytes
     * @return the 32-bit CRC register after the last byte
     */
    static int compute(byte[] data, int offset, int length) {
        int crc = 0xFFFFFFFF;
        for (int i = offset; i < offset + length; i++) {
            crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ data[i]) & 0xFF];
        }
        return crc;
    }
}
