package org.rtmp4j.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.rtmp4j.core.message.MediaMessage;

/** Which messages the hub lets wait for the next video (DESIGN-NOTES.md, "Audio rides with video (issue 17)"). */
class AudioHoldTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private static long hold(AudioHold h, MediaMessage m) {
        return h.onMedia(LiveMedia.of(m));
    }

    @Test
    void audioIsHeldForTheMeasuredVideoIntervalCappedByTheMaximum() {
        AudioHold h = new AudioHold(Duration.ofMillis(50));
        assertThat(hold(h, Flv.avcSequenceHeader(0))).isZero();
        assertThat(hold(h, Flv.aacSequenceHeader(0))).as("sequence header").isZero();
        assertThat(hold(h, Flv.avcKeyFrame(0))).as("video").isZero();
        assertThat(hold(h, Flv.aacFrame(10))).as("interval not measured yet").isZero();
        assertThat(hold(h, Flv.avcInterFrame(40))).as("video").isZero();
        assertThat(hold(h, Flv.aacFrame(43))).as("25 fps: 40 ms").isEqualTo(40 * MS);
        assertThat(hold(h, Flv.aacSequenceHeader(44))).as("sequence header, never").isZero();

        AudioHold slow = new AudioHold(Duration.ofMillis(50));
        hold(slow, Flv.avcKeyFrame(0));
        hold(slow, Flv.avcInterFrame(100)); // 10 fps
        assertThat(hold(slow, Flv.aacFrame(101))).as("capped").isEqualTo(50 * MS);
    }

    @Test
    void theIntervalIsSmoothedAndIgnoresJumpsAndRepeatedTimestamps() {
        AudioHold h = new AudioHold(Duration.ofMillis(50));
        int ts = 0;
        for (int i = 0; i < 60; i++) { // 30 fps as RTMP timestamps: 33, 33, 34
            hold(h, Flv.avcInterFrame(ts));
            ts += i % 3 == 2 ? 34 : 33;
        }
        assertThat(h.intervalMs()).isBetween(33.0, 34.0);
        hold(h, Flv.avcInterFrame(ts + 5000)); // a jump: not an interval
        hold(h, Flv.avcInterFrame(ts + 5000)); // same timestamp (another track): not an interval
        assertThat(h.intervalMs()).isBetween(33.0, 34.0);
        assertThat(hold(h, Flv.aacFrame(ts + 5010)) / (double) MS).isBetween(33.0, 34.0);
    }

    @Test
    void audioOnlyStreamsAndAudioFarFromTheLastVideoAreNeverHeld() {
        AudioHold audioOnly = new AudioHold(Duration.ofMillis(50));
        for (int ts = 0; ts < 1000; ts += 23) {
            assertThat(hold(audioOnly, Flv.aacFrame(ts))).isZero();
        }
        AudioHold videoStopped = new AudioHold(Duration.ofMillis(50));
        hold(videoStopped, Flv.avcKeyFrame(0));
        hold(videoStopped, Flv.avcInterFrame(33));
        assertThat(hold(videoStopped, Flv.aacFrame(1000))).isPositive();
        assertThat(hold(videoStopped, Flv.aacFrame(1100))).as("no video for over 1 s").isZero();
    }

    @Test
    void zeroTurnsItOffAndTheOptionIsValidated() {
        AudioHold off = new AudioHold(Duration.ZERO);
        hold(off, Flv.avcKeyFrame(0));
        hold(off, Flv.avcInterFrame(33));
        assertThat(hold(off, Flv.aacFrame(40))).isZero();
        assertThat(LiveOptions.DEFAULT.audioHoldMax()).isEqualTo(Duration.ofMillis(50));
        assertThatIllegalArgumentException().isThrownBy(() -> LiveOptions.DEFAULT.withAudioHoldMax(Duration.ofMillis(-1)))
                .withMessageContaining("audioHoldMax must be within 0..1000 ms");
        assertThatIllegalArgumentException().isThrownBy(() -> LiveOptions.DEFAULT.withAudioHoldMax(Duration.ofMillis(1001)));
        assertThat(LiveOptions.DEFAULT.withAudioHoldMax(Duration.ZERO).audioHoldMax()).isZero();
    }

    @Test
    void theHubHandsEachRtmpAndFlvPlayerTheHoldOfEachMessage() {
        LiveBroadcastController relay = new LiveBroadcastController(LiveOptions.DEFAULT.withAudioHoldMax(Duration.ofMillis(20)));
        FakeSession pub = new FakeSession();
        FakeSession.Stream pubStream = pub.newStream();
        relay.onPublish(pub, pubStream.publish("cam"));
        FakeSession player = new FakeSession();
        relay.onPlay(player, player.newStream().play("cam"));
        List<Long> flvHolds = Collections.synchronizedList(new ArrayList<>());
        relay.subscribeFlv(new StreamKey("live", "cam"), new FlvSubscriber() {
            @Override
            public void onFlv(ByteBuffer bytes) {
                flvHolds.add(0L);
            }

            @Override
            public void onFlv(ByteBuffer bytes, long holdNanos) {
                flvHolds.add(holdNanos);
            }

            @Override
            public long queuedBytes() {
                return 0;
            }
        }).orElseThrow();

        List<MediaMessage> sent = List.of(Flv.avcSequenceHeader(0), Flv.aacSequenceHeader(0), Flv.avcKeyFrame(0),
                Flv.aacFrame(10), Flv.avcInterFrame(33), Flv.aacFrame(34), Flv.avcInterFrame(66), Flv.aacFrame(67));
        for (MediaMessage m : sent) {
            relay.onMedia(pub, pubStream, m);
        }
        long h = 20 * MS; // 33 ms measured, capped at 20
        assertThat(player.holds).containsExactly(0L, 0L, 0L, 0L, 0L, h, 0L, h);
        assertThat(flvHolds).as("FLV header, then the tags").containsExactly(0L, 0L, 0L, 0L, 0L, 0L, h, 0L, h);
    }
}
