package org.rtmp4j.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecordingTimelineTest {
    @Test
    void aRecordingStartingAtZeroKeepsItsTimestamps() {
        RecordingTimeline t = new RecordingTimeline();
        assertThat(t.firstUnwrapped()).isEqualTo(-1);
        assertThat(t.flvTimestamp(0)).isZero();
        assertThat(t.flvTimestamp(23)).isEqualTo(23);
        assertThat(t.flvTimestamp(40)).isEqualTo(40);
        assertThat(t.firstUnwrapped()).isZero();
    }

    @Test
    void aRecordingStartedJustBeforeTheWrapCountsFromZeroAcrossIt() {
        RecordingTimeline t = new RecordingTimeline();
        int start = -10_000; // 2^32 - 10 s
        for (int i = 0; i <= 500; i++) {
            assertThat(t.flvTimestamp(start + 40 * i)).isEqualTo(40 * i);
        }
        assertThat(t.firstUnwrapped()).isEqualTo((1L << 32) - 10_000);
    }

    @Test
    void signAndExtendedTimestampBoundariesAreInvisible() {
        for (int start : new int[] {0xFF_FFFF - 100, Integer.MAX_VALUE - 100}) {
            RecordingTimeline t = new RecordingTimeline();
            for (int i = 0; i <= 10; i++) {
                assertThat(t.flvTimestamp(start + 40 * i)).isEqualTo(40 * i);
            }
        }
    }

    @Test
    void audioSlightlyBehindTheFirstVideoFrameIsWrittenAtZero() {
        RecordingTimeline t = new RecordingTimeline();
        assertThat(t.flvTimestamp(5000)).isZero();
        assertThat(t.flvTimestamp(4990)).isZero();
        assertThat(t.flvTimestamp(5023)).isEqualTo(23);
    }

    @Test
    void pastTheFlvLimitTimestampsWrapModulo2To32() {
        RecordingTimeline t = new RecordingTimeline();
        long ts = 0;
        assertThat(t.flvTimestamp(0)).isZero();
        while (ts < (1L << 32) + 1000) { // steps below 2^31 keep the timeline ordered
            ts += 1L << 30;
            t.flvTimestamp((int) ts);
        }
        assertThat(t.flvTimestamp((int) (ts + 40))).isEqualTo((int) (ts + 40));
        assertThat(Integer.toUnsignedLong(t.flvTimestamp((int) (ts + 40)))).isLessThan(ts);
    }
}
