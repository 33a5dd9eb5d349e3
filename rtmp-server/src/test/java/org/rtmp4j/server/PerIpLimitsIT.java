package org.rtmp4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rtmp4j.testkit.Eventually.eventually;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.client.Publisher;
import org.rtmp4j.client.RtmpClient;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.session.RtmpStatusException;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.server.LimitsFixture.Bystander;
import org.rtmp4j.server.LimitsFixture.RawPeer;

/**
 * Issue 12, the per-IP defect: {@code maxConnectionsPerIp} counts only connections that do not publish or play
 * yet and closes the oldest of them for a new one; publishers and players have their own cap, off by default.
 * Over loopback, port 0.
 */
@Timeout(120)
class PerIpLimitsIT {
    private final LoopbackServer fixture = new LoopbackServer();
    private RtmpServer server;

    private RtmpServer start(RtmpServer.Builder builder) throws Exception {
        server = fixture.start(builder, new LiveBroadcastController());
        return server;
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void aThirdIdleSocketOverACapOfTwoClosesTheOldestAndIsServed() throws Exception {
        start(RtmpServer.builder().maxConnectionsPerIp(2));
        RawPeer oldest = fixture.keep(new RawPeer(server, "127.0.0.2")).handshake();
        RawPeer second = fixture.keep(new RawPeer(server, "127.0.0.2")).handshake();
        RawPeer newest = fixture.keep(new RawPeer(server, "127.0.0.2")).handshake();

        oldest.assertClosedByServer();
        newest.assertServed(3);
        second.assertServed(3);
        assertThat(server.metrics().rejectedConnections()).isZero();
        assertThat(server.metrics().evictedPerIp()).as("the oldest idle socket, counted").isEqualTo(1);
        // 127.0.0.1 has its own allowance: the bystander's two connections
        fixture.keep(new Bystander(server)).assertStreaming();
        second.assertServed(3);
    }

    @Test
    void seventyPlayersBehindOneAddressAllPlayDespiteSixtyFourIdleSockets() throws Exception {
        start(RtmpServer.builder()); // maxConnectionsPerIp 64
        RtmpClient publishing = fixture.client();
        Publisher publisher = publishing.publish("cam");
        publisher.send(LimitsFixture.sequenceHeader(0));
        List<RawPeer> idle = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            idle.add(fixture.keep(new RawPeer(server)));
        }
        eventually("64 idle sockets accepted", () -> server.metrics().activeConnections() == 65);
        List<MediaSink> players = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            MediaSink sink = new MediaSink();
            fixture.client().play("cam", sink);
            players.add(sink);
        }
        publisher.send(LimitsFixture.frame(40, true, 64));
        for (MediaSink sink : players) {
            sink.awaitTimestamp(40);
        }
        assertThat(server.metrics().players()).isEqualTo(70);
        assertThat(server.metrics().rejectedConnections()).isZero();
        // the first player made room by closing the oldest idle socket; the others found a free pending place
        idle.get(0).assertClosedByServer();
        assertThat(server.metrics().evictedPerIp()).isEqualTo(1);
        eventually("63 idle + 70 players + 1 publisher", () -> server.metrics().activeConnections() == 134);
    }

    @Test
    void theEstablishedCapWhenSetRefusesTheNextPlayerWithAReason() throws Exception {
        start(RtmpServer.builder().maxEstablishedPerIp(3));
        assertThat(server.limits().maxEstablishedPerIp()).isEqualTo(3);
        Publisher publisher = fixture.client().publish("cam"); // 1
        publisher.send(LimitsFixture.sequenceHeader(0));
        RtmpClient first = fixture.client();
        first.play("cam", new MediaSink()); // 2
        MediaSink second = new MediaSink();
        fixture.client().play("cam", second); // 3

        RtmpClient refused = fixture.client();
        assertThatThrownBy(() -> refused.play("cam", new MediaSink()))
                .isInstanceOfSatisfying(RtmpStatusException.class, e -> {
                    assertThat(e.status().code()).isEqualTo(StatusCodes.PLAY_FAILED);
                    assertThat(e.status().description()).isEqualTo("too many publishers and players from 127.0.0.1 (max 3)");
                });
        assertThat(refused.isOpen()).as("the connection stays").isTrue();
        assertThatThrownBy(() -> fixture.client().publish("other"))
                .isInstanceOfSatisfying(RtmpStatusException.class,
                        e -> assertThat(e.status().code()).isEqualTo(StatusCodes.PUBLISH_REJECTED));
        // another address is not affected, and the established ones keep playing
        RawPeer elsewhere = fixture.keep(new RawPeer(server, "127.0.0.2")).handshake();
        elsewhere.assertServed(3);
        publisher.send(LimitsFixture.frame(40, true, 64));
        second.awaitTimestamp(40);

        first.close(); // frees a place
        eventually("a player left", () -> server.metrics().players() == 1);
        MediaSink retried = new MediaSink();
        refused.play("cam", retried);
        publisher.send(LimitsFixture.frame(80, true, 64));
        retried.awaitTimestamp(80);
    }
}
