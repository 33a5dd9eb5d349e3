package org.rtmp4j.flv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class FlvHeaderTest {

    @Test
    void encodesNineBytesWithVersionFlagsAndDataOffset() {
        assertThat(FlvTestSupport.bytes(new FlvHeader(true, true).encode()))
                .containsExactly(0x46, 0x4C, 0x56, 0x01, 0x05, 0, 0, 0, 0x09);
        assertThat(FlvTestSupport.bytes(new FlvHeader(true, false).encode())[4]).isEqualTo((byte) 0x04);
        assertThat(FlvTestSupport.bytes(new FlvHeader(false, true).encode())[4]).isEqualTo((byte) 0x01);
    }

    @Test
    void parsesWhatItEncodesAndAdvancesByNine() throws Exception {
        for (boolean a : new boolean[] {false, true}) {
            for (boolean v : new boolean[] {false, true}) {
                ByteBuffer b = new FlvHeader(a, v).encode();
                assertThat(FlvHeader.parse(b)).isEqualTo(new FlvHeader(a, v));
                assertThat(b.position()).isEqualTo(9);
            }
        }
    }

    @Test
    void rejectsWrongSignatureShortInputAndSmallDataOffset() {
        assertThatThrownBy(() -> FlvHeader.parse(ByteBuffer.wrap(new byte[] {'F', 'L', 'X', 1, 5, 0, 0, 0, 9})))
                .isInstanceOf(FlvFormatException.class).hasMessageContaining("not an FLV stream");
        assertThatThrownBy(() -> FlvHeader.parse(ByteBuffer.wrap(new byte[] {'F', 'L', 'V'})))
                .isInstanceOf(FlvFormatException.class).hasMessageContaining("truncated FLV header");
        assertThatThrownBy(() -> FlvHeader.parse(ByteBuffer.wrap(new byte[] {'F', 'L', 'V', 1, 5, 0, 0, 0, 8})))
                .isInstanceOf(FlvFormatException.class)
                .hasMessage("FLV offset 5: FLV header DataOffset 8 is below 9");
    }

    @Test
    void tagTypeMapsIdsAndRejectsUnknownOnes() {
        assertThat(FlvTagType.of(8)).isEqualTo(FlvTagType.AUDIO);
        assertThat(FlvTagType.of(9)).isEqualTo(FlvTagType.VIDEO);
        assertThat(FlvTagType.of(18)).isEqualTo(FlvTagType.SCRIPT);
        assertThatThrownBy(() -> FlvTagType.of(7)).isInstanceOf(IllegalArgumentException.class);
    }
}
