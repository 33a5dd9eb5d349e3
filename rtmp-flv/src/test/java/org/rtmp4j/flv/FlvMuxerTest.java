package org.rtmp4j.flv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class FlvMuxerTest {

    private final FlvMuxer muxer = new FlvMuxer();

    @Test
    void headerIsFollowedByPreviousTagSizeZero() {
        assertThat(FlvTestSupport.bytes(muxer.header(new FlvHeader(true, true))))
                .containsExactly(0x46, 0x4C, 0x56, 1, 5, 0, 0, 0, 9, 0, 0, 0, 0);
    }

    @Test
    void encodesTagHeaderWithExtendedTimestampAndBackPointer() {
        FlvTag tag = FlvTestSupport.tag(FlvTagType.VIDEO, 0x12345678, 0x17, 0x01, 0xAA);
        ByteBuffer[] parts = muxer.encode(tag);
        assertThat(parts).hasSize(3);
        assertThat(FlvTestSupport.bytes(parts[0]))
                .containsExactly(9, 0, 0, 3, 0x34, 0x56, 0x78, 0x12, 0, 0, 0);
        assertThat(FlvTestSupport.bytes(parts[1])).containsExactly(0x17, 0x01, 0xAA);
        assertThat(FlvTestSupport.bytes(parts[2])).containsExactly(0, 0, 0, 14);
    }

    @Test
    void bodyIsSharedNotCopiedAndTagBodyStaysUntouched() {
        byte[] data = {1, 2, 3, 4};
        FlvTag tag = new FlvTag(FlvTagType.AUDIO, 0, ByteBuffer.wrap(data, 1, 2));
        ByteBuffer body = muxer.encode(tag)[1];
        data[1] = 42;
        assertThat(body.isReadOnly()).isTrue();
        assertThat(body.remaining()).isEqualTo(2);
        assertThat(body.get(body.position())).isEqualTo((byte) 42);
        body.get();
        assertThat(tag.body().remaining()).isEqualTo(2);
    }

    @Test
    void tagRejectsBodiesLargerThanUi24() {
        assertThatThrownBy(() -> new FlvTag(FlvTagType.VIDEO, 0, ByteBuffer.allocate(0x1000000)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
