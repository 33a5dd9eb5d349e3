package org.rtmp4j.examples.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link AudioSendTimes}: the publisher's audio send times, found again from a frame's timestamp. */
class AudioSendTimesTest {
    private final AudioSendTimes times = new AudioSendTimes();

    @Test
    void aRecordedFrameIsFoundByItsTimestampAndNothingElseIs() {
        assertThat(times.sendNanos(0)).isEqualTo(Long.MIN_VALUE);
        times.sent(0, 111);
        times.sent(2, 333);
        assertThat(times.sendNanos(SyntheticAudio.timestampMs(0))).isEqualTo(111);
        assertThat(times.sendNanos(SyntheticAudio.timestampMs(2))).isEqualTo(333);
        assertThat(times.sendNanos(SyntheticAudio.timestampMs(1))).isEqualTo(Long.MIN_VALUE); // not sent
        assertThat(times.sendNanos(SyntheticAudio.timestampMs(2) + 1)).isEqualTo(Long.MIN_VALUE); // no frame there
    }

    @Test
    void aSlotReusedByALaterFrameDoesNotAnswerForTheEarlierOne() {
        times.sent(5, 500);
        times.sent(5 + AudioSendTimes.SLOTS, 900);
        assertThat(times.sendNanos(SyntheticAudio.timestampMs(5))).isEqualTo(Long.MIN_VALUE);
        assertThat(times.sendNanos(SyntheticAudio.timestampMs(5 + AudioSendTimes.SLOTS))).isEqualTo(900);
    }

    @Test
    void aRestartedPublisherOverwritesTheFramesItSendsAgain() {
        times.sent(0, 100);
        times.sent(1, 200);
        times.sent(0, 1_000); // restarted: frame 0 again
        assertThat(times.sendNanos(0)).isEqualTo(1_000);
        assertThat(times.sendNanos(SyntheticAudio.timestampMs(1))).isEqualTo(200);
    }
}
