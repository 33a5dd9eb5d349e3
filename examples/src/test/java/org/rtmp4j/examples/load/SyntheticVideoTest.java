package org.rtmp4j.examples.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.rtmp4j.core.message.VideoMessage;

class SyntheticVideoTest {
    private final SyntheticVideo video = new SyntheticVideo(2000);

    @Test
    void framesAreSizedForTheBitRateAt25Fps() {
        assertThat(video.frameBytes()).isEqualTo(10_000); // 2,000,000 bit/s / 8 / 25
        assertThat(video.frame(3, 0).payload().remaining()).isEqualTo(10_000);
    }

    @Test
    void everyFiftiethFrameIsAKeyframeWithTimestampsEvery40Ms() {
        VideoMessage key = video.frame(50, 0);
        VideoMessage inter = video.frame(51, 0);
        assertThat(key.timestamp()).isEqualTo(2000);
        assertThat(inter.timestamp()).isEqualTo(2040);
        assertThat(SyntheticVideo.isKeyframe(key.payload())).isTrue();
        assertThat(SyntheticVideo.isKeyframe(inter.payload())).isFalse();
        assertThat(key.payload().get(0)).isEqualTo((byte) 0x17);
        assertThat(key.payload().get(1)).isEqualTo((byte) 1); // AVC NALU
    }

    @Test
    void theSendTimeIsReadBackWithoutMovingThePayload() {
        VideoMessage m = video.frame(7, 123_456_789_012L);
        assertThat(SyntheticVideo.sendNanos(m.payload())).isEqualTo(123_456_789_012L);
        assertThat(m.payload().position()).isZero();
    }

    @Test
    void theSequenceHeaderIsNotAKeyframeAndCarriesNoSendTime() {
        ByteBuffer sh = video.sequenceHeader().payload();
        assertThat(sh.get(0)).isEqualTo((byte) 0x17);
        assertThat(sh.get(1)).isEqualTo((byte) 0); // AVC sequence header
        assertThat(SyntheticVideo.isKeyframe(sh)).isFalse();
        assertThat(SyntheticVideo.sendNanos(sh)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void enhancedKeyframesCountButTheirSequenceStartDoesNot() {
        // IsExHeader | FrameType 1 | PacketType: 1 CodedFrames, 0 SequenceStart (E-RTMP v2)
        assertThat(SyntheticVideo.isKeyframe(ByteBuffer.wrap(new byte[] {(byte) 0x91, 'h', 'v', 'c', '1'}))).isTrue();
        assertThat(SyntheticVideo.isKeyframe(ByteBuffer.wrap(new byte[] {(byte) 0x90, 'h', 'v', 'c', '1'}))).isFalse();
    }

    @Test
    void aZeroBitRateIsRefused() {
        assertThatThrownBy(() -> new SyntheticVideo(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
