package org.rtmp4j.examples.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link AvSchedule}: video and AAC frames interleaved in timestamp order, counted over 10 minutes. */
class AvScheduleTest {
    @Test
    void videoAndAudioInterleaveInTimestampOrderWithVideoFirstOnATie() {
        AvSchedule s = new AvSchedule(30, true);
        List<String> order = new ArrayList<>();
        while (s.nextMs() < 100) {
            order.add((s.nextIsVideo() ? "v" : "a") + s.nextMs());
            s.advance();
        }
        assertThat(order).containsExactly("v0", "a0", "a23", "v33", "a46", "v66", "a69", "a92");
    }

    @Test
    void tenMinutesHold18000VideoAnd25840AudioFramesInNonDecreasingOrder() {
        AvSchedule s = new AvSchedule(30, true);
        long video = 0;
        long audio = 0;
        long last = -1;
        while (s.nextMs() < 600_000) {
            assertThat(s.nextMs()).isGreaterThanOrEqualTo(last);
            last = s.nextMs();
            if (s.nextIsVideo()) {
                video++;
            } else {
                audio++;
            }
            s.advance();
        }
        assertThat(video).isEqualTo(18_000);
        assertThat(audio).isEqualTo(25_840); // ceil(600 s × 44100 / 1024)
        assertThat(s.videoIndex()).isEqualTo(video);
        assertThat(s.audioIndex()).isEqualTo(audio);
    }

    @Test
    void withoutAudioOnlyVideoComes() {
        AvSchedule s = new AvSchedule(25, false);
        for (int i = 0; i < 100; i++) {
            assertThat(s.nextIsVideo()).isTrue();
            assertThat(s.nextMs()).isEqualTo(i * 40L);
            s.advance();
        }
        assertThat(s.audioIndex()).isZero();
    }
}
