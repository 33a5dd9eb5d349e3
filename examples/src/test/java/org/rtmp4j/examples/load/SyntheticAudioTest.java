package org.rtmp4j.examples.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.rtmp4j.core.message.AudioMessage;

/** {@link SyntheticAudio}: real AAC-LC frames, timestamps from the sample count. */
class SyntheticAudioTest {
    private final SyntheticAudio aac = SyntheticAudio.aac();

    @Test
    void timestampsFollowTheSampleCountWithoutDriftOverTenMinutes() {
        long frames = 10 * 60 * 44_100L / 1024 + 1; // every frame starting in the first 10 minutes
        for (long i = 0; i < frames; i++) {
            double exactMs = i * 1024 * 1000.0 / 44_100;
            long ts = SyntheticAudio.timestampMs(i);
            assertThat(exactMs - ts).as("frame %d", i).isGreaterThanOrEqualTo(0).isLessThan(1);
            assertThat(SyntheticAudio.frameIndex(ts)).as("frame %d back from %d ms", i, ts).isEqualTo(i);
        }
        assertThat(SyntheticAudio.timestampMs(frames - 1)).isEqualTo(599_980); // 25,839 × 1024 / 44.1
        assertThat(SyntheticAudio.timestampMs(frames)).isGreaterThanOrEqualTo(600_000);
    }

    @Test
    void timestampsBetweenFramesBelongToNoFrame() {
        assertThat(SyntheticAudio.frameIndex(0)).isZero();
        assertThat(SyntheticAudio.frameIndex(1)).isEqualTo(-1);
        assertThat(SyntheticAudio.frameIndex(22)).isEqualTo(-1);
        assertThat(SyntheticAudio.frameIndex(23)).isEqualTo(1); // 1024 / 44.1 = 23.2
        assertThat(SyntheticAudio.frameIndex(46)).isEqualTo(2);
    }

    @Test
    void theSequenceHeaderIsAnAacLcAudioSpecificConfigAt44100HzStereo() {
        ByteBuffer sh = aac.sequenceHeader().payload();
        assertThat(sh.get(0) & 0xFF).isEqualTo(0xAF); // AAC, 44 kHz, 16 bit, stereo (FLV 10.1 §E.4.2.1)
        assertThat(sh.get(1)).isZero(); // AACPacketType 0: sequence header
        int asc = ((sh.get(2) & 0xFF) << 8) | (sh.get(3) & 0xFF);
        assertThat(asc >> 11).as("audioObjectType").isEqualTo(2); // AAC LC (ISO 14496-3 §1.6.2.1)
        assertThat((asc >> 7) & 0xF).as("samplingFrequencyIndex").isEqualTo(4); // 44100 Hz
        assertThat((asc >> 3) & 0xF).as("channelConfiguration").isEqualTo(2);
        assertThat(SyntheticAudio.isAacFrame(sh)).isFalse();
    }

    @Test
    void anAacDecoderAcceptsTheConfigAndDecodesEveryFrameTo1024StereoSamples() throws Exception {
        net.sourceforge.jaad.aac.Decoder decoder = new net.sourceforge.jaad.aac.Decoder(bytesAfterTagHeader(aac.sequenceHeader().payload()));
        net.sourceforge.jaad.aac.SampleBuffer pcm = new net.sourceforge.jaad.aac.SampleBuffer();
        for (int i = 0; i < aac.frameCount(); i++) {
            decoder.decodeFrame(bytesAfterTagHeader(aac.frame(i).payload()), pcm);
            assertThat(pcm.getSampleRate()).as("frame %d", i).isEqualTo(44_100);
            assertThat(pcm.getChannels()).isEqualTo(2);
            assertThat(pcm.getData()).hasSize(1024 * 2 * 2); // 1024 samples × 2 channels × 16 bit
        }
    }

    private static byte[] bytesAfterTagHeader(ByteBuffer body) {
        byte[] b = new byte[body.remaining() - 2];
        body.duplicate().position(body.position() + 2).get(b);
        return b;
    }

    @Test
    void framesAreRawAacAtAbout128KbpsAndLoop() {
        assertThat(aac.frameCount()).isGreaterThan(100);
        assertThat(aac.bytesPerSecond() * 8 / 1000).isBetween(120.0, 140.0);
        AudioMessage f = aac.frame(3);
        assertThat(f.timestamp()).isEqualTo(69);
        assertThat(SyntheticAudio.isAacFrame(f.payload())).isTrue();
        assertThat(f.payload().remaining()).isEqualTo(aac.frameBytes(3));
        assertThat(aac.frame(3 + aac.frameCount()).payload()).isEqualTo(f.payload());
        assertThat(aac.frame(3 + aac.frameCount()).timestamp()).isEqualTo((int) SyntheticAudio.timestampMs(3 + aac.frameCount()));
    }
}
