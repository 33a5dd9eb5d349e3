package org.rtmp4j.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.rtmp4j.core.message.MediaMessage;
import org.junit.jupiter.api.Test;

class GopCacheTest {
    private static GopCache cache(long maxBytes, long maxMs, long audioMs) {
        return new GopCache(maxBytes, Duration.ofMillis(maxMs), Duration.ofMillis(audioMs));
    }

    private static int[] timestamps(GopCache c) {
        return c.snapshot().stream().mapToInt(MediaMessage::timestamp).toArray();
    }

    @Test
    void keepsEveryAudioAndVideoMessageSinceTheLastKeyFrame() {
        GopCache c = cache(1 << 20, 10_000, 1000);
        c.add(Flv.avcSequenceHeader(0));
        c.add(Flv.aacSequenceHeader(0));
        c.add(Flv.avcKeyFrame(0));
        c.add(Flv.aacFrame(10));
        c.add(Flv.avcInterFrame(33));
        c.add(Flv.aacFrame(33));

        assertThat(timestamps(c)).containsExactly(0, 10, 33, 33);
        assertThat(c.isAwaitingKeyFrame()).isFalse();
    }

    @Test
    void restartsAtEachKeyFrame() {
        GopCache c = cache(1 << 20, 10_000, 1000);
        c.add(Flv.avcKeyFrame(0));
        c.add(Flv.avcInterFrame(40));
        c.add(Flv.aacFrame(50));
        c.add(Flv.avcKeyFrame(80));
        c.add(Flv.aacFrame(90));

        assertThat(timestamps(c)).containsExactly(80, 90);
    }

    @Test
    void dropsFramesUntilTheFirstKeyFrameAndAfterSequenceHeaderChange() {
        GopCache c = cache(1 << 20, 10_000, 1000);
        c.add(Flv.avcInterFrame(0));
        c.add(Flv.aacFrame(5));
        assertThat(c.size()).isZero();
        assertThat(c.isAwaitingKeyFrame()).isTrue();

        c.add(Flv.avcKeyFrame(40));
        c.add(Flv.avcInterFrame(80));
        c.add(Flv.avcSequenceHeader(100)); // new decoder configuration: old GOP is useless
        c.add(Flv.avcInterFrame(120));
        assertThat(c.size()).isZero();

        c.add(Flv.avcKeyFrame(160));
        assertThat(timestamps(c)).containsExactly(160);
    }

    @Test
    void clearsAndWaitsForTheNextKeyFrameWhenTheByteBoundIsExceeded() {
        GopCache c = cache(1000, 10_000, 1000);
        c.add(Flv.avcKeyFrame(0, 400));
        c.add(Flv.avcInterFrame(40, 400));
        assertThat(c.bytes()).isEqualTo(800);

        c.add(Flv.avcInterFrame(80, 400)); // 1200 > 1000
        assertThat(c.size()).isZero();
        assertThat(c.bytes()).isZero();
        assertThat(c.overflows()).isEqualTo(1);
        assertThat(c.isAwaitingKeyFrame()).isTrue();

        c.add(Flv.avcInterFrame(120, 10));
        c.add(Flv.aacFrame(130));
        assertThat(c.size()).isZero();

        c.add(Flv.avcKeyFrame(160, 400));
        assertThat(timestamps(c)).containsExactly(160);
        assertThat(c.bytes()).isLessThanOrEqualTo(1000);
    }

    @Test
    void neverCachesAKeyFrameLargerThanTheByteBound() {
        GopCache c = cache(100, 10_000, 1000);
        c.add(Flv.avcKeyFrame(0, 101));
        assertThat(c.size()).isZero();
        assertThat(c.isAwaitingKeyFrame()).isTrue();
    }

    @Test
    void clearsWhenTheDurationBoundIsExceeded() {
        GopCache c = cache(1 << 20, 1000, 1000);
        c.add(Flv.avcKeyFrame(5000));
        c.add(Flv.avcInterFrame(6000)); // span 1000: still within
        assertThat(c.size()).isEqualTo(2);

        c.add(Flv.avcInterFrame(6001)); // span 1001
        assertThat(c.size()).isZero();
        assertThat(c.overflows()).isEqualTo(1);
    }

    @Test
    void durationIsMeasuredAcrossThe32BitTimestampWrap() {
        GopCache c = cache(1 << 20, 1000, 1000);
        c.add(Flv.avcKeyFrame(-100)); // 0xFFFFFF9C
        c.add(Flv.avcInterFrame(100)); // 200 ms later after the wrap
        assertThat(c.size()).isEqualTo(2);
    }

    @Test
    void durationBoundsHoldAcrossTheSignBitAndTheWrap() {
        for (int start : new int[] {Integer.MAX_VALUE - 499, -500}) { // 2^31 - 500, 2^32 - 500
            GopCache c = cache(1 << 20, 1000, 1000);
            c.add(Flv.avcKeyFrame(start));
            c.add(Flv.aacFrame(start + 600));
            c.add(Flv.avcInterFrame(start + 1000)); // span 1000 across the boundary: still within
            assertThat(timestamps(c)).containsExactly(start, start + 600, start + 1000);
            c.add(Flv.avcInterFrame(start + 1001)); // span 1001
            assertThat(c.size()).isZero();
            assertThat(c.overflows()).isEqualTo(1);
            c.add(Flv.avcKeyFrame(start + 1040));
            assertThat(timestamps(c)).containsExactly(start + 1040);
        }
    }

    @Test
    void theAudioRingEvictsByDurationAcrossTheWrap() {
        GopCache c = cache(1 << 20, 10_000, 1000);
        for (int ts = -1500; ts <= 500; ts += 100) {
            c.add(Flv.aacFrame(ts));
        }
        assertThat(timestamps(c)).containsExactly(-500, -400, -300, -200, -100, 0, 100, 200, 300, 400, 500);
    }

    @Test
    void audioOnlyStreamsKeepARingOfRecentAudio() {
        GopCache c = cache(1 << 20, 10_000, 1000);
        c.add(Flv.aacSequenceHeader(0));
        for (int ts = 0; ts <= 3000; ts += 100) {
            c.add(Flv.aacFrame(ts));
        }
        assertThat(timestamps(c)).containsExactly(2000, 2100, 2200, 2300, 2400, 2500, 2600, 2700, 2800, 2900, 3000);
        assertThat(c.isAwaitingKeyFrame()).isFalse();
    }

    @Test
    void audioRingIsAlsoBoundedInBytes() {
        GopCache c = cache(20, 10_000, 10_000);
        for (int ts = 0; ts < 10; ts++) {
            c.add(Flv.aacFrame(ts, 6));
        }
        assertThat(c.bytes()).isLessThanOrEqualTo(20);
        assertThat(timestamps(c)).containsExactly(7, 8, 9);
    }

    @Test
    void switchesFromTheAudioRingToGopsWhenVideoAppears() {
        GopCache c = cache(1 << 20, 10_000, 1000);
        c.add(Flv.aacFrame(0));
        c.add(Flv.avcSequenceHeader(10));
        c.add(Flv.aacFrame(20));
        assertThat(c.size()).isZero();
        c.add(Flv.avcKeyFrame(30));
        c.add(Flv.aacFrame(40));
        assertThat(timestamps(c)).containsExactly(30, 40);
    }

    @Test
    void clearForgetsVideo() {
        GopCache c = cache(1 << 20, 10_000, 1000);
        c.add(Flv.avcKeyFrame(0));
        c.clear();
        c.add(Flv.aacFrame(10));
        assertThat(timestamps(c)).containsExactly(10);
    }

    @Test
    void sharesPayloadsInsteadOfCopying() {
        GopCache c = cache(1 << 20, 10_000, 1000);
        MediaMessage key = Flv.avcKeyFrame(0);
        c.add(key);
        assertThat(c.snapshot().get(0)).isSameAs(key);
    }

    @Test
    void rejectsNegativeBounds() {
        assertThatThrownBy(() -> cache(-1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache(1, -1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyThePrimaryMultitrackTrackStartsAGopSoAlignedRenditionsKeepBothKeyFrames() {
        GopCache c = cache(1 << 20, 10_000, 1000);
        c.add(Flv.multitrackSequenceStart(0, "avc1", 0));
        c.add(Flv.multitrackSequenceStart(0, "hvc1", 1));
        c.add(Flv.multitrackFrame(0, true, "avc1", 0));
        c.add(Flv.multitrackFrame(1, true, "hvc1", 1));
        c.add(Flv.multitrackFrame(40, false, "avc1", 0));
        c.add(Flv.multitrackFrame(41, false, "hvc1", 1));
        assertThat(timestamps(c)).as("track 1's keyframe joins track 0's GOP").containsExactly(0, 1, 40, 41);

        c.add(Flv.multitrackSequenceStart(50, "hvc1", 1)); // kept per track by LiveStream, the GOP goes on
        c.add(Flv.multitrackFrame(80, true, "avc1", 0));
        c.add(Flv.multitrackFrame(81, true, "hvc1", 1));
        assertThat(timestamps(c)).containsExactly(80, 81);
        assertThat(c.isAwaitingKeyFrame()).isFalse();
    }

    @Test
    void aLowerTrackIdSeenLaterBecomesThePrimaryTrack() {
        GopCache c = cache(1 << 20, 10_000, 1000);
        c.add(Flv.multitrackFrame(0, true, "hvc1", 1));
        c.add(Flv.multitrackFrame(1, true, "avc1", 0));
        c.add(Flv.multitrackFrame(40, false, "hvc1", 1));
        c.add(Flv.multitrackFrame(80, true, "hvc1", 1));
        assertThat(timestamps(c)).containsExactly(1, 40, 80);
    }
}
