package org.rtmp4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.core.session.ClientListener;
import org.rtmp4j.server.RtmpServer;

/** Socket errors name what was tried: the URL for a refused connect, host and port for a bind. */
@Timeout(30)
class ConnectFailureIT {
    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void aRefusedConnectNamesTheUrlAndStaysAConnectException() throws Exception {
        int port = freePort();
        URI url = URI.create("rtmp://127.0.0.1:" + port + "/live/cam");
        assertThatThrownBy(() -> RtmpClient.connect(url, ClientOptions.defaults().withTimeout(Duration.ofSeconds(5))))
                .isInstanceOf(ConnectException.class)
                .hasMessage("Connection refused: rtmp://127.0.0.1:" + port + "/live/cam (127.0.0.1:" + port + ")")
                .hasCauseInstanceOf(ConnectException.class);
    }

    @Test
    void theNioClientGroupNamesTheUrlToo() throws Exception {
        int port = freePort();
        try (NioClientGroup group = new NioClientGroup(1)) {
            var connecting = group.connect(URI.create("rtmp://127.0.0.1:" + port + "/live/cam"),
                    ClientOptions.defaults().withTimeout(Duration.ofSeconds(5)), new ClientListener() { }, null);
            assertThatThrownBy(() -> connecting.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(ConnectException.class)
                    .hasMessageContaining("rtmp://127.0.0.1:" + port + "/live/cam");
        }
    }

    @Test
    void aPortInUseNamesHostAndPortAndStaysABindException() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            RtmpServer server = RtmpServer.builder().bind(new InetSocketAddress("127.0.0.1", port)).build();
            assertThatThrownBy(server::start)
                    .isInstanceOf(BindException.class)
                    .hasMessage("Address already in use: 127.0.0.1:" + port);
            assertThat(server.terminationFuture()).isDone();
        }
    }
}
