package org.rtmp4j.flv.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.rtmp4j.flv.FlvFormatException;

class Vp9FrameHeaderTest {
    /** The first bytes of libvpx-vp9's first key frame of a 320x240 testsrc2 (ffmpeg 7.1, profile 0). */
    static final String KEY_FRAME_320X240 = "824983420013f00ef60638241c184a000d405f";
    /** An inter frame of the same stream. */
    static final String INTER_FRAME = "86004092f121400000b47f91e46ea610559d47";

    @Test
    void aKeyFrameGivesThePictureSize() throws Exception {
        ByteBuffer frame = CodecTestSupport.hex(KEY_FRAME_320X240);
        assertThat(Vp9FrameHeader.parse(frame)).isEqualTo(new Vp9FrameHeader(0, false, true, 320, 240));
        assertThat(frame.position()).isZero();
    }

    @Test
    void anInterFrameHasNoSize() throws Exception {
        assertThat(Vp9FrameHeader.parse(CodecTestSupport.hex(INTER_FRAME)))
                .isEqualTo(new Vp9FrameHeader(0, false, false, 0, 0));
    }

    @Test
    void profileOneKeyFramesSkipTheSubsamplingBits() throws Exception {
        // marker 10, profile 1 (low 1, high 0), show_existing 0, key, show 1, error_res 0 = 1010 0010;
        // sync 49 83 42; color_space 010, color_range 0, ss_x 0, ss_y 0, reserved 0 (7 bits), then
        // width-1 = 639 (0x027f) and height-1 = 359 (0x0167), 16 bits each, from the 8th bit on
        ByteBuffer frame = CodecTestSupport.hex("a2498342" + "4004fe02ce");
        assertThat(Vp9FrameHeader.parse(frame)).isEqualTo(new Vp9FrameHeader(1, false, true, 640, 360));
    }

    @Test
    void showExistingFrameEndsTheHeader() throws Exception {
        // marker 10, profile 0, show_existing 1, index 000 = 1000 1000
        assertThat(Vp9FrameHeader.parse(CodecTestSupport.hex("88")).showExistingFrame()).isTrue();
    }

    @Test
    void aWrongMarkerSyncCodeOrTruncationIsAFormatError() {
        assertThatThrownBy(() -> Vp9FrameHeader.parse(CodecTestSupport.hex("02")))
                .isInstanceOf(FlvFormatException.class).hasMessageContaining("frame_marker");
        assertThatThrownBy(() -> Vp9FrameHeader.parse(CodecTestSupport.hex("8249834300")))
                .isInstanceOf(FlvFormatException.class).hasMessageContaining("frame_sync_code");
        assertThatThrownBy(() -> Vp9FrameHeader.parse(CodecTestSupport.hex("82498342")))
                .isInstanceOf(FlvFormatException.class);
    }
}
