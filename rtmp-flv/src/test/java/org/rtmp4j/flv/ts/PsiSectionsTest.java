package org.rtmp4j.flv.ts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * PAT and PMT sections (ISO/IEC 13818-1 §2.4.4.3, §2.4.4.8) against golden bytes; the golden PAT and H.264+AAC PMT
 * are the sections ffmpeg 7.1's mpegts muxer writes for the same program layout (same PIDs, version 0), and every
 * CRC_32 is checked again with the bit-serial register of Annex A in {@link TsTestStream#crc32}.
 */
class PsiSectionsTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static void assertCrcChecks(byte[] section) {
        int n = section.length;
        int crc = section[n - 4] << 24 | (section[n - 3] & 0xFF) << 16 | (section[n - 2] & 0xFF) << 8 | section[n - 1] & 0xFF;
        assertThat(TsTestStream.crc32(section, n - 4)).as("CRC_32 of the section body").isEqualTo(crc);
        assertThat(TsTestStream.crc32(section, n)).as("the register over the whole section ends at zero").isZero();
    }

    @Test
    void patMapsProgramOneToThePmtPid() {
        byte[] pat = PsiSections.pat(TsMuxer.PMT_PID, 0);
        assertThat(pat).isEqualTo(hex("00 b0 0d 0001 c1 00 00 0001 f000 2ab104b2"));
        assertCrcChecks(pat);
    }

    @Test
    void pmtListsH264AndAacWithThePcrOnTheVideoPid() {
        byte[] pmt = PsiSections.pmt(TsMuxer.VIDEO_PID, 0, new int[] {0x1B, 0x100}, new int[] {0x0F, 0x101});
        assertThat(pmt).isEqualTo(hex("02 b0 17 0001 c1 00 00 e100 f000 1b e100 f000 0f e101 f000 2f44b99b"));
        assertCrcChecks(pmt);
    }

    @Test
    void audioOnlyPmtCarriesThePcrOnTheAudioPidAndTheVersionChanges() {
        byte[] pmt = PsiSections.pmt(TsMuxer.AUDIO_PID, 3, new int[] {0x0F, 0x101});
        assertThat(java.util.Arrays.copyOf(pmt, pmt.length - 4))
                .isEqualTo(hex("02 b0 12 0001 c7 00 00 e101 f000 0f e101 f000"));
        assertCrcChecks(pmt);
        byte[] hevc = PsiSections.pmt(TsMuxer.VIDEO_PID, 31, new int[] {0x24, 0x100});
        assertThat(hevc[5] & 0xFF).as("version_number 31, current_next_indicator 1").isEqualTo(0xFF);
        assertThat(hevc[12] & 0xFF).as("stream_type HEVC").isEqualTo(0x24);
        assertCrcChecks(hevc);
    }

    @Test
    void tableCrcMatchesTheBitSerialRegisterOnArbitraryBytes() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 200; i++) {
            byte[] data = new byte[random.nextInt(300)];
            random.nextBytes(data);
            assertThat(Crc32Mpeg.compute(data, 0, data.length)).isEqualTo(TsTestStream.crc32(data, data.length));
        }
    }
}
