package org.rtmp4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rtmp4j.testkit.Eventually.eventually;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.client.RtmpClient;
import org.rtmp4j.core.session.ClientListener;
import org.rtmp4j.live.LiveBroadcastController;

/**
 * {@link RtmpServer#clients()}: every open connection of both listeners with its kind, stream and bytes; closing
 * one by id; the protocol errors that closed connections, by kind (loopback, port 0).
 */
@Timeout(30)
class ClientDirectoryIT {
    private final LoopbackServer fixture = new LoopbackServer();

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    private RtmpServer start() throws Exception {
        return fixture.start(RtmpServer.builder().host("127.0.0.1").http(new InetSocketAddress("127.0.0.1", 0)),
                new LiveBroadcastController());
    }

    private static ClientInfo only(List<ClientInfo> clients, String kind) {
        List<ClientInfo> of = clients.stream().filter(c -> c.kind().equals(kind)).toList();
        assertThat(of).as("%s in %s", kind, clients).hasSize(1);
        return of.get(0);
    }

    @Test
    void listsPublisherPlayerAndHttpConnectionsAndClosesOneById() throws Exception {
        RtmpServer server = start();
        RtmpClient publisher = fixture.client();
        publisher.publish("cam");
        RtmpClient player = fixture.client();
        player.play("cam", new ClientListener() { });
        try (RawHttp http = new RawHttp(server.httpPort())) {
            assertThat(http.send("GET /nothing HTTP/1.1\r\nHost: t\r\n\r\n").read().status()).isEqualTo(404);

            // the response reaches the client before the loop adds the written bytes to the connection's count
            eventually("the HTTP connection's response bytes counted", () -> server.clients().list().stream()
                    .anyMatch(c -> c.kind().equals("http") && c.bytesOut() > 0));
            List<ClientInfo> clients = server.clients().list();
            assertThat(clients).hasSize(3);
            assertThat(clients).extracting(ClientInfo::id).isSorted();
            ClientInfo pub = only(clients, "rtmp-publisher");
            ClientInfo play = only(clients, "rtmp-player");
            ClientInfo web = only(clients, "http");
            assertThat(pub.stream()).isEqualTo("live/cam");
            assertThat(play.stream()).isEqualTo("live/cam");
            assertThat(web.stream()).isNull();
            assertThat(web.bytesIn()).isPositive();
            assertThat(web.bytesOut()).isPositive();
            assertThat(pub.bytesIn()).isGreaterThan(1536 * 2); // the handshake at least
            assertThat(pub.remoteAddress()).isInstanceOf(InetSocketAddress.class);
            assertThat(server.clients().get(pub.id())).hasValueSatisfying(c -> assertThat(c.kind()).isEqualTo("rtmp-publisher"));

            assertThat(server.clients().close(play.id())).isTrue();
            player.closeFuture().get(10, TimeUnit.SECONDS);
            assertThat(server.clients().close(Long.MAX_VALUE)).isFalse();
            assertThat(server.clients().get(Long.MAX_VALUE)).isEmpty();
            assertThat(publisher.isOpen()).as("only the player was closed").isTrue();
        }
    }

    @Test
    void protocolErrorsAreCountedByKind() throws Exception {
        RtmpServer server = start();
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write(new byte[] {9, 0, 0, 0}); // C0 must be version 3 (RTMP 1.0 §5.2.2)
            s.setSoTimeout(5_000);
            InputStream in = s.getInputStream();
            while (in.read() >= 0) {
                // until the server closes
            }
        }
        try (RawHttp http = new RawHttp(server.httpPort())) {
            assertThat(http.send("GET / HTTP/1.1\r\n\r\n").read().status()).isEqualTo(400);
        }
        assertThat(server.clients().protocolErrors()).containsEntry("rtmp-handshake", 1L).containsEntry("http-400", 1L);
    }
}
