package org.rtmp4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rtmp4j.core.session.OutboundLimits;

class ServerLimitsTest {
    @Test
    void theDefaultsAreTheDocumentedOnes() {
        ServerLimits d = ServerLimits.defaults();
        assertThat(d.maxConnections()).isEqualTo(1024);
        assertThat(d.maxConnectionsPerIp()).isEqualTo(64);
        assertThat(d.maxEstablishedPerIp()).as("off").isZero();
        assertThat(d.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.connectTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(d.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(d.pingInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.maxMessageSize()).isEqualTo(16 * 1024 * 1024);
        assertThat(d.maxChunkStreams()).isEqualTo(64);
        assertThat(d.maxPendingBytes()).isEqualTo(32L * 1024 * 1024);
        assertThat(d.maxMessageStreams()).isEqualTo(16);
        assertThat(d.outbound()).isEqualTo(OutboundLimits.DEFAULT);
        assertThat(RtmpServer.builder().limits()).isEqualTo(d);
        assertThat(RtmpServer.builder().build().limits()).isEqualTo(d);
    }

    @Test
    void everyBuilderSetterReachesTheLimits() {
        OutboundLimits outbound = new OutboundLimits(1, 2, 3, OutboundLimits.DropPolicy.NEVER);
        ServerLimits l = RtmpServer.builder()
                .maxConnections(5)
                .maxConnectionsPerIp(4)
                .maxEstablishedPerIp(6)
                .handshakeTimeout(Duration.ofSeconds(1))
                .connectTimeout(Duration.ofSeconds(2))
                .idleTimeout(Duration.ofSeconds(3))
                .pingInterval(Duration.ZERO)
                .maxMessageSize(1000)
                .maxChunkStreams(7)
                .maxPendingBytes(2000)
                .maxMessageStreams(3)
                .outbound(outbound)
                .build()
                .limits();
        assertThat(l).isEqualTo(new ServerLimits(5, 4, 6, Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(3), Duration.ZERO, 1000, 7, 2000, 3, outbound));
    }

    @Test
    void outOfRangeLimitsAreRejected() {
        RtmpServer.Builder b = RtmpServer.builder();
        assertThatThrownBy(() -> b.maxConnectionsPerIp(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.maxEstablishedPerIp(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.connectTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.pingInterval(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.maxMessageSize(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.maxChunkStreams(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.maxPendingBytes(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.maxMessageStreams(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.outbound(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ServerLimits(0, 1, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO,
                1, 1, 1, 1, OutboundLimits.DEFAULT)).isInstanceOf(IllegalArgumentException.class);
    }
}
