package org.rtmp4j.examples.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.VideoMessage;

class LoadPlayerTest {
    private final SyntheticVideo video = new SyntheticVideo(2000);
    private final SyntheticAudio aac = SyntheticAudio.aac();
    private final Latencies latencies = Latencies.create();
    private final AtomicLong steadyFrom = new AtomicLong(Long.MIN_VALUE);
    private final AudioSendTimes audioSendTimes = new AudioSendTimes();
    private final LoadPlayer player = new LoadPlayer(latencies, steadyFrom, audioSendTimes);

    @Test
    void framesSentBeforeEveryPlayerWasPlayingCountOnlyInTheOverallLatency() {
        player.playSent();
        long t0 = System.nanoTime();
        player.onMedia(1, video.frame(1, t0));
        player.onMedia(1, video.frame(2, t0 + 1));
        assertThat(latencies.video().count()).isEqualTo(2);
        assertThat(latencies.videoSteady().count()).isZero();

        steadyFrom.set(t0 + 2);
        player.onMedia(1, video.frame(3, t0 + 1)); // sent before the steady mark: still a join-time frame
        player.onMedia(1, video.frame(4, t0 + 2));
        player.onMedia(1, video.frame(5, t0 + 3));
        assertThat(latencies.video().count()).isEqualTo(5);
        assertThat(latencies.videoSteady().count()).isEqualTo(2);
        assertThat(latencies.audio().count()).isZero();
    }

    @Test
    void audioLatencyComesFromThePublishersSendTimeOfThatFrameNumber() {
        player.playSent();
        long now = System.nanoTime();
        player.onMedia(1, video.frame(0, now));
        audioSendTimes.sent(10, now); // frame 10 (232 ms) sent after play
        audioSendTimes.sent(11, now + 60_000_000_000L); // frame 11 "sent" in a minute: latency clamps to 0
        player.onMedia(1, aac.frame(10));
        player.onMedia(1, aac.frame(11));
        player.onMedia(1, aac.frame(12)); // never recorded: not measured
        double elapsedMs = (System.nanoTime() - now) / 1e6; // not floored: a bucket's upper edge is 0.1 ms above its values

        assertThat(latencies.audio().count()).isEqualTo(2);
        assertThat(latencies.audio().quantileMillis(0.5)).isEqualTo(0.1); // the first bucket: the clamped one
        assertThat(latencies.audio().quantileMillis(1.0)).isLessThanOrEqualTo(elapsedMs + 0.1 + 1e-9);
        assertThat(latencies.video().count()).isEqualTo(1);
    }

    @Test
    void aServerThatRebasesTimestampsIsUndoneWithTheVideoFramesOwnTimestamp() {
        player.playSent();
        long now = System.nanoTime();
        int shift = 5_000; // the server adds 5 s to every timestamp
        VideoMessage v = video.frame(30, now); // 1000 ms
        player.onMedia(1, new VideoMessage(v.timestamp() + shift, 0, v.payload()));
        audioSendTimes.sent(43, now); // frame 43: 998 ms
        AudioMessage a = aac.frame(43);
        player.onMedia(1, new AudioMessage(a.timestamp() + shift, 0, a.payload()));
        player.onMedia(1, a); // the publisher's own timestamp arrives shifted back: 998 - 5000 < 0, no frame

        assertThat(latencies.audio().count()).isEqualTo(1);
    }

    @Test
    void audioBeforeAnySyntheticVideoFrameOrSentBeforePlayIsNotMeasured() {
        long before = System.nanoTime();
        audioSendTimes.sent(1, before);
        player.playSent();
        player.onMedia(1, aac.frame(1)); // no video frame yet: the timestamp shift is unknown
        assertThat(latencies.audio().count()).isZero();

        player.onMedia(1, video.frame(0, System.nanoTime()));
        player.onMedia(1, aac.frame(1)); // sent before play: a GOP cache replay, not latency
        player.onMedia(1, aac.sequenceHeader());
        assertThat(latencies.audio().count()).isZero();
    }

    @Test
    void withoutSendTimesOnlyVideoIsMeasured() {
        LoadPlayer videoOnly = new LoadPlayer(latencies, steadyFrom, null);
        videoOnly.playSent();
        videoOnly.onMedia(1, video.frame(0, System.nanoTime()));
        videoOnly.onMedia(1, aac.frame(0));
        assertThat(latencies.video().count()).isEqualTo(1);
        assertThat(latencies.audio().count()).isZero();
    }
}
