package org.rtmp4j.examples.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.rtmp4j.core.message.VideoMessage;

class SyntheticVideoTest {
    private final SyntheticVideo video = new SyntheticVideo(2000);

    @Test
    void framesAreSizedForTheBitRateAt30FpsWithoutAudio() {
        assertThat(video.fps()).isEqualTo(30);
        assertThat(video.frameBytes()).isEqualTo(8_333); // 2,000,000 bit/s / 8 / 30
        assertThat(video.frame(3, 0).payload().remaining()).isEqualTo(8_333);
    }

    @Test
    void videoAndAudioTogetherMakeTheConfiguredBitRate() {
        double audio = SyntheticAudio.aac().bytesPerSecond();
        SyntheticVideo v = new SyntheticVideo(2000, 30, audio);
        double total = v.frameBytes() * 30.0 + audio;
        assertThat(total).isCloseTo(250_000, org.assertj.core.data.Offset.offset(30.0)); // rounding: < 1 byte per frame
        assertThat(audio).isBetween(15_000.0, 17_500.0); // about 128 kbit/s of the 2000
        assertThat(new SyntheticVideo(2000, 25, audio).frameBytes() * 25.0 + audio)
                .isCloseTo(250_000, org.assertj.core.data.Offset.offset(25.0));
    }

    @Test
    void aBitRateThatLeavesNoRoomForVideoBesideTheAudioIsRefused() {
        assertThatThrownBy(() -> new SyntheticVideo(100, 30, SyntheticAudio.aac().bytesPerSecond()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--no-audio");
        assertThatThrownBy(() -> new SyntheticVideo(2000, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everySixtiethFrameIsAKeyframeWithTimestampsFromTheFrameNumber() {
        VideoMessage key = video.frame(60, 0);
        VideoMessage inter = video.frame(61, 0);
        assertThat(key.timestamp()).isEqualTo(2000);
        assertThat(inter.timestamp()).isEqualTo(2033);
        assertThat(video.frame(18_000 - 1, 0).timestamp()).isEqualTo(599_966); // no drift after 10 minutes
        assertThat(video.frame(18_000, 0).timestamp()).isEqualTo(600_000);
        assertThat(SyntheticVideo.sentTimestamp(inter.payload())).isEqualTo(2033);
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
