package org.rtmp4j.flv.ts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.rtmp4j.flv.FlvFormatException;
import org.rtmp4j.flv.codec.AacAudioSpecificConfig;

/** ADTS headers (ISO/IEC 13818-7 §6.2.1, ISO/IEC 14496-3 §1.A.2.2) from AudioSpecificConfigs, read back field by field. */
class AdtsHeaderTest {
    private static AdtsHeader of(int... asc) throws FlvFormatException {
        byte[] b = new byte[asc.length];
        for (int i = 0; i < asc.length; i++) {
            b[i] = (byte) asc[i];
        }
        return AdtsHeader.of(AacAudioSpecificConfig.parse(ByteBuffer.wrap(b)));
    }

    /** Reads bits [from, from + n) of the header, most significant first. */
    private static int bits(byte[] h, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            v = v << 1 | (h[i / 8] >> (7 - i % 8)) & 1;
        }
        return v;
    }

    @Test
    void aacLc44100StereoGivesEveryFieldOfTheHeader() throws Exception {
        byte[] h = of(0x12, 0x10).encode(371); // AAC-LC, index 4 (44.1 kHz), 2 channels: the avatar file's config
        assertThat(h).hasSize(7);
        assertThat(bits(h, 0, 12)).as("syncword").isEqualTo(0xFFF);
        assertThat(bits(h, 12, 1)).as("ID (MPEG-4)").isZero();
        assertThat(bits(h, 13, 2)).as("layer").isZero();
        assertThat(bits(h, 15, 1)).as("protection_absent").isEqualTo(1);
        assertThat(bits(h, 16, 2)).as("profile_ObjectType (LC = 1)").isEqualTo(1);
        assertThat(bits(h, 18, 4)).as("sampling_frequency_index").isEqualTo(4);
        assertThat(bits(h, 22, 1)).as("private_bit").isZero();
        assertThat(bits(h, 23, 3)).as("channel_configuration").isEqualTo(2);
        assertThat(bits(h, 26, 4)).as("original_copy, home, copyright bits").isZero();
        assertThat(bits(h, 30, 13)).as("aac_frame_length").isEqualTo(378);
        assertThat(bits(h, 43, 11)).as("adts_buffer_fullness (VBR)").isEqualTo(0x7FF);
        assertThat(bits(h, 54, 2)).as("number_of_raw_data_blocks_in_frame").isZero();
    }

    @Test
    void mono48kAndTheLongestFrame() throws Exception {
        byte[] h = of(0x11, 0x88).encode(8184); // LC, index 3 (48 kHz), 1 channel
        assertThat(bits(h, 18, 4)).isEqualTo(3);
        assertThat(bits(h, 23, 3)).isEqualTo(1);
        assertThat(bits(h, 30, 13)).isEqualTo(8191);
        assertThatThrownBy(() -> of(0x11, 0x88).encode(8185)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void heAacIsDescribedByItsCoreLayer() throws Exception {
        // object type 5 (SBR), core 24 kHz (index 6), 2 channels, extension 48 kHz (index 3), core type 2
        byte[] h = of(0x2B, 0x11, 0x88, 0x00).encode(100);
        assertThat(bits(h, 16, 2)).as("core AAC-LC").isEqualTo(1);
        assertThat(bits(h, 18, 4)).as("core sampling frequency 24 kHz").isEqualTo(6);
        assertThat(bits(h, 23, 3)).isEqualTo(2);
    }

    @Test
    void configurationsAdtsCannotExpressAreRefusedWithAReason() {
        assertThatThrownBy(() -> of(0x12, 0x00)).isInstanceOf(FlvFormatException.class)
                .hasMessageContaining("channelConfiguration 0");
        // escape object type 31 + 10 = 42 (USAC), 44.1 kHz, stereo
        assertThatThrownBy(() -> of(0xF9, 0x48, 0x20)).isInstanceOf(FlvFormatException.class)
                .hasMessageContaining("audioObjectType 42");
        // explicit frequency 0xF, 50,000 Hz
        assertThatThrownBy(() -> of(0x17, 0x80, 0x61, 0xA8, 0x10)).isInstanceOf(FlvFormatException.class)
                .hasMessageContaining("50000 Hz");
    }
}
