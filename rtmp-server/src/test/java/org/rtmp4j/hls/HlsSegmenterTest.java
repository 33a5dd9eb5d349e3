package org.rtmp4j.hls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rtmp4j.hls.HlsSegmenter.Cut.NONE;
import static org.rtmp4j.hls.HlsSegmenter.Cut.PART;
import static org.rtmp4j.hls.HlsSegmenter.Cut.SEGMENT;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HlsSegmenterTest {
    private static final HlsOptions LL = HlsOptions.defaults();

    @Test
    void videoSegmentsCutAtTheFirstKeyframeAfterTheTargetAndPartsEvery200ms() {
        HlsSegmenter s = new HlsSegmenter(LL, true);
        List<String> cuts = new ArrayList<>();
        // 25 fps, keyframe every 1.2 s (30 frames): the 2 s target is reached at 2.0 s, the keyframe is at 2.4 s.
        for (int f = 0; f < 75; f++) {
            long dts = f * 40L;
            HlsSegmenter.Cut cut = s.onSample(true, dts, f % 30 == 0);
            if (cut != NONE) {
                cuts.add(cut + "@" + dts);
            }
        }
        assertThat(cuts).containsExactly("PART@200", "PART@400", "PART@600", "PART@800", "PART@1000",
                "PART@1200", "PART@1400", "PART@1600", "PART@1800", "PART@2000", "PART@2200", "SEGMENT@2400",
                "PART@2600", "PART@2800");
    }

    @Test
    void audioSamplesOfAVideoStreamNeverCut() {
        HlsSegmenter s = new HlsSegmenter(LL, true);
        assertThat(s.onSample(true, 0, true)).isEqualTo(NONE);
        for (long t = 0; t < 10_000; t += 23) {
            assertThat(s.onSample(false, t, true)).isEqualTo(NONE);
        }
        assertThat(s.onSample(true, 10_000, true)).isEqualTo(SEGMENT);
    }

    @Test
    void noKeyframeNoSegmentButPartsGoOn() {
        HlsSegmenter s = new HlsSegmenter(LL, true);
        s.onSample(true, 0, true);
        assertThat(s.onSample(true, 5_000, false)).isEqualTo(PART);
        assertThat(s.onSample(true, 5_001, true)).isEqualTo(SEGMENT);
    }

    @Test
    void audioOnlyCutsSegmentsEveryTargetAndPartsEveryPartTarget() {
        HlsSegmenter s = new HlsSegmenter(LL, false);
        int segments = 0;
        int parts = 0;
        // AAC at 48 kHz: 1024 samples = 21.333 ms, as FLV ms timestamps.
        for (int i = 0; i <= 470; i++) {
            HlsSegmenter.Cut cut = s.onSample(false, i * 1024L * 1000 / 48_000, true);
            segments += cut == SEGMENT ? 1 : 0;
            parts += cut == PART ? 1 : 0;
        }
        // 470 frames = 10.03 s: segments at 2, 4, 6, 8, 10 s; 9 parts in each of 5 segments plus 0 after the last.
        assertThat(segments).isEqualTo(4 + 1);
        assertThat(parts).isEqualTo(5 * 9);
    }

    @Test
    void withoutLowLatencyThereAreNoParts() {
        HlsSegmenter s = new HlsSegmenter(HlsOptions.builder().lowLatency(false).build(), true);
        s.onSample(true, 0, true);
        assertThat(s.onSample(true, 1_000, false)).isEqualTo(NONE);
        assertThat(s.onSample(true, 1_999, true)).isEqualTo(NONE);
        assertThat(s.onSample(true, 2_000, true)).isEqualTo(SEGMENT);
    }

    @Test
    void timestampsPast32BitsKeepCutting() {
        HlsSegmenter s = new HlsSegmenter(LL, true);
        long base = (1L << 32) - 1_000;
        s.onSample(true, base, true);
        assertThat(s.onSample(true, base + 2_000, true)).isEqualTo(SEGMENT);
        assertThat(s.onSample(true, base + 4_000, true)).isEqualTo(SEGMENT);
    }

    @Test
    void aJumpBackRestartsTheClocksAndResetStartsOver() {
        HlsSegmenter s = new HlsSegmenter(LL, true);
        s.onSample(true, 50_000, true);
        assertThat(s.onSample(true, 10, true)).isEqualTo(NONE);
        assertThat(s.onSample(true, 2_010, true)).isEqualTo(SEGMENT);
        s.reset();
        assertThat(s.onSample(true, 99_999, true)).isEqualTo(NONE);
        assertThat(s.onSample(true, 100_199, false)).isEqualTo(PART);
    }

    @Test
    void optionsAreHonoured() {
        HlsOptions o = HlsOptions.builder().segmentDuration(Duration.ofSeconds(4)).partDuration(Duration.ofMillis(500))
                .build();
        HlsSegmenter s = new HlsSegmenter(o, true);
        s.onSample(true, 0, true);
        assertThat(s.onSample(true, 499, false)).isEqualTo(NONE);
        assertThat(s.onSample(true, 500, false)).isEqualTo(PART);
        assertThat(s.onSample(true, 3_999, true)).isEqualTo(PART);
        assertThat(s.onSample(true, 4_000, true)).isEqualTo(SEGMENT);
    }
}
