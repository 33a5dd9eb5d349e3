package org.rtmp4j.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rtmp4j.testkit.Eventually.eventually;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.client.ClientOptions;
import org.rtmp4j.client.Publisher;
import org.rtmp4j.client.RtmpClient;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.StreamKey;
import org.rtmp4j.server.RtmpServer;
import org.rtmp4j.testkit.LogLines;

/**
 * Push loop detection with two in-process servers that push every stream to each other, renaming it on the way
 * ({@code live/KEY} to {@code live/KEY_b} and back as {@code live/KEY_b_a}, ...): without it the streams would
 * multiply without end; with it the first push back into the server the stream came from is refused.
 */
@Timeout(60)
class PushLoopIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    private RtmpServer server(LiveBroadcastController hub) throws Exception {
        RtmpServer s = RtmpServer.builder().bind(new InetSocketAddress("127.0.0.1", 0)).controller(hub).build().start();
        closing.add(s::close);
        return s;
    }

    private Relays pushAll(LiveBroadcastController hub, RtmpServer to, String suffix) {
        Relays relays = new Relays();
        closing.add(relays::close);
        PushRelays.install(relays, hub, List.of(PushRule.parse("live/*=rtmp://127.0.0.1:" + to.port() + "/live/{key}"
                + suffix)), PushOptions.DEFAULT.withBackoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(400),
                0.2, 0)).withClient(ClientOptions.defaults().withTimeout(Duration.ofSeconds(5))));
        return relays;
    }

    @Test
    void twoServersPushingToEachOtherStopAtTheFirstHopBack() throws Exception {
        LiveBroadcastController a = new LiveBroadcastController();
        LiveBroadcastController b = new LiveBroadcastController();
        RtmpServer serverA = server(a);
        RtmpServer serverB = server(b);
        Relays fromA = pushAll(a, serverB, "_b");
        Relays fromB = pushAll(b, serverA, "_a");
        LogLines log = new LogLines();
        closing.add(log);

        RtmpClient encoder = RtmpClient.connect(URI.create("rtmp://127.0.0.1:" + serverA.port() + "/live"),
                ClientOptions.defaults().withTimeout(Duration.ofSeconds(5)));
        closing.add(encoder::close);
        Publisher publisher = encoder.publish("cam");
        closing.add(publisher::close);

        eventually(WAIT, "A's push made live/cam_b live on B", () -> b.isLive(new StreamKey("live", "cam_b")));
        eventually(WAIT, () -> "B's push back to A is refused as a loop: " + fromB.list(), () -> fromB.list().size() == 1
                && fromB.list().get(0).lastError() != null && fromB.list().get(0).lastError().contains("relay loop"));
        assertThat(fromB.list().get(0).lastError()).contains(a.relayChain().serverId());
        eventually(WAIT, "a retry refused again", () -> fromB.list().get(0).retries() >= 2);

        assertThat(a.isLive(new StreamKey("live", "cam_b_a"))).isFalse();
        assertThat(a.liveStreamCount()).as("only the encoder's stream on A").isEqualTo(1);
        assertThat(b.liveStreamCount()).as("only A's push on B").isEqualTo(1);
        assertThat(fromA.list()).as("A's push to B is not refused: B is not in its chain").singleElement()
                .satisfies(r -> {
                    assertThat(r.destination()).endsWith("/live/cam_b");
                    assertThat(r.retries()).isZero();
                    assertThat(r.lastError()).isNull();
                });
        assertThat(log.containing("WARN")).as("the refusal is logged once, not per retry")
                .filteredOn(l -> l.contains("relay loop")).hasSize(1);
    }
}
