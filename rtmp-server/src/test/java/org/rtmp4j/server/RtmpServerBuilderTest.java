package org.rtmp4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RtmpServerBuilderTest {
    @Test
    void rejectsOutOfRangeSettings() {
        RtmpServer.Builder b = RtmpServer.builder();
        assertThatThrownBy(() -> b.port(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.port(65536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.eventLoops(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.maxConnections(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.handshakeTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.controller(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void defaultsToLoopbackPort1935() {
        assertThat(RtmpServer.builder().build().toString()).contains("127.0.0.1").contains(":1935").contains("NEW");
    }

    @Test
    void aServerNeverStartedShutsDownAtOnceAndCannotStartAfterwards() throws Exception {
        RtmpServer server = RtmpServer.builder().port(0).build();
        assertThat(server.shutdown(Duration.ofSeconds(1))).isDone();
        assertThat(server.terminationFuture()).isDone();
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(server::localAddress).isInstanceOf(IllegalStateException.class);
        server.close();
    }

    @Test
    void metricsAreZeroBeforeStart() {
        assertThat(RtmpServer.builder().build().metrics()).isEqualTo(new ServerMetrics(0, 0, 0, 0, 0));
    }
}
