package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.rtmp4j.live.FlvSubscriber;
import org.rtmp4j.live.IngestSource;
import org.rtmp4j.live.InlineSink;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.PlayerKind;
import org.rtmp4j.live.RelayEvent;
import org.rtmp4j.live.StreamDetails;
import org.rtmp4j.live.StreamKey;

/** The status line counts players as the HTTP API does: a recorder-like output without a PlayerKind is not one. */
class PlayerCountsTest {
    private static final StreamKey KEY = new StreamKey("live", "cam");

    /** An output that is not a player (as {@code HubRecorder}'s sink): runs on the caller's thread, writes nothing. */
    private static final class Recorder implements InlineSink {
        @Override
        public void onEvent(RelayEvent event) {}

        @Override
        public void onOverflow(long queuedBytes, long maxQueued) {}
    }

    @Test
    void aRecorderIsNotAPlayerAnFlvSubscriberIs() {
        LiveBroadcastController relay = new LiveBroadcastController();
        relay.publish(KEY, new IngestSource() {
            @Override
            public String id() {
                return "in-process";
            }

            @Override
            public void close() {}
        });
        relay.subscribe(KEY, new Recorder());
        relay.subscribeFlv(KEY, new FlvSubscriber() {
            @Override
            public void onFlv(ByteBuffer bytes) {}

            @Override
            public long queuedBytes() {
                return 0;
            }
        });

        assertThat(relay.stats().totalViewers()).as("the hub counts players only, not the recorder").isEqualTo(1);
        assertThat(relay.activeStreams()).singleElement().satisfies(i -> assertThat(i.players()).isEqualTo(1));
        assertThat(PlayerCounts.stats(relay).totalViewers()).isEqualTo(1);
        assertThat(PlayerCounts.stats(relay).activeStreams()).isEqualTo(1);
        assertThat(PlayerCounts.streams(relay)).singleElement().satisfies(i -> assertThat(i.players()).isEqualTo(1));
        StreamDetails d = relay.control().stream(KEY).orElseThrow();
        assertThat(d.players(PlayerKind.HTTP_FLV).players()).isEqualTo(1);
        assertThat(d.players()).containsOnlyKeys(PlayerKind.HTTP_FLV);
        assertThat(d.publisherProtocol()).isEqualTo("other");
        assertThat(d.publisherAddress()).isNull();
        assertThat(relay.control().closePublisher(new StreamKey("live", "none"))).isFalse();
    }
}
