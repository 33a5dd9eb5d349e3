package org.rtmp4j.flv.ts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** PES header encoding (ISO/IEC 13818-1 §2.4.3.6–7): PTS/DTS fields with their prefixes and marker bits. */
class PesHeaderTest {
    @Test
    void videoHeaderWithPtsAndDtsMatchesGoldenBytes() {
        // PTS 1.48 s, DTS 1.4 s at 90 kHz: the time stamp bytes ffmpeg 7.1 writes for the first frame of the avatar
        // file; PES_packet_length = 3 + 10 + 1000 = 0x3f5
        byte[] h = PesHeader.encode(PesHeader.STREAM_ID_VIDEO, 1000, 133_200, 126_000);
        assertThat(HexFormat.of().formatHex(h)).isEqualTo("000001e003f5" + "84c00a" + "31000910a1" + "110007d861");
        assertThat(TsTestStream.timestamp(h, 9, 3)).isEqualTo(133_200);
        assertThat(TsTestStream.timestamp(h, 14, 1)).isEqualTo(126_000);
    }

    @Test
    void equalPtsAndDtsWriteThePtsOnly() {
        byte[] h = PesHeader.encode(PesHeader.STREAM_ID_AUDIO, 400, 90_000, 90_000);
        assertThat(h).hasSize(14);
        assertThat(h[7] & 0xFF).as("PTS_DTS_flags '10'").isEqualTo(0x80);
        assertThat(h[8]).as("PES_header_data_length").isEqualTo((byte) 5);
        assertThat((h[4] & 0xFF) << 8 | h[5] & 0xFF).as("PES_packet_length").isEqualTo(3 + 5 + 400);
        assertThat(TsTestStream.timestamp(h, 9, 2)).isEqualTo(90_000);
    }

    @Test
    void allThirtyThreeBitsSurviveAndLargerValuesWrap() {
        long max = (1L << 33) - 1;
        assertThat(TsTestStream.timestamp(PesHeader.encode(0xE0, 1, max, max), 9, 2)).isEqualTo(max);
        assertThat(TsTestStream.timestamp(PesHeader.encode(0xE0, 1, (1L << 33) + 5, 0), 9, 3)).isEqualTo(5);
        long pattern = 0x1_5555_5555L;
        assertThat(TsTestStream.timestamp(PesHeader.encode(0xE0, 1, pattern, pattern), 9, 2)).isEqualTo(pattern);
        assertThat(TsTestStream.timestamp(PesHeader.encode(0xE0, 1, -90, -90), 9, 2)).as("negative wraps too")
                .isEqualTo((1L << 33) - 90);
    }

    @Test
    void oversizedVideoPacketsDeclareLengthZero() {
        byte[] h = PesHeader.encode(PesHeader.STREAM_ID_VIDEO, 70_000, 0, 0);
        assertThat(h[4] | h[5]).isZero();
    }
}
