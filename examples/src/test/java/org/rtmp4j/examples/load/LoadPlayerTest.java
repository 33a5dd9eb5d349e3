package org.rtmp4j.examples.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoadPlayerTest {
    private final SyntheticVideo video = new SyntheticVideo(2000);
    private final Histogram all = new Histogram();
    private final Histogram steady = new Histogram();
    private final AtomicLong steadyFrom = new AtomicLong(Long.MIN_VALUE);
    private final LoadPlayer player = new LoadPlayer(all, steady, steadyFrom);

    @Test
    void framesSentBeforeEveryPlayerWasPlayingCountOnlyInTheOverallLatency() {
        player.playSent();
        long t0 = System.nanoTime();
        player.onMedia(1, video.frame(1, t0));
        player.onMedia(1, video.frame(2, t0 + 1));
        assertThat(all.count()).isEqualTo(2);
        assertThat(steady.count()).isZero();

        steadyFrom.set(t0 + 2);
        player.onMedia(1, video.frame(3, t0 + 1)); // sent before the steady mark: still a join-time frame
        player.onMedia(1, video.frame(4, t0 + 2));
        player.onMedia(1, video.frame(5, t0 + 3));
        assertThat(all.count()).isEqualTo(5);
        assertThat(steady.count()).isEqualTo(2);
    }
}
