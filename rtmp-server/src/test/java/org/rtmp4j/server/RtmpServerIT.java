package org.rtmp4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.client.ClientOptions;
import org.rtmp4j.client.Publisher;
import org.rtmp4j.client.RtmpClient;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.VideoMessage;
import org.rtmp4j.core.session.ConnectRequest;
import org.rtmp4j.core.session.RtmpController;
import org.rtmp4j.core.session.RtmpSession;
import org.rtmp4j.core.session.SessionConfig;

/** RtmpServer over loopback on port 0, driven by RtmpClient and raw sockets. */
@Timeout(30)
class RtmpServerIT {
    private static RtmpServer.Builder server(RecordingController controller) {
        return RtmpServer.builder().host("127.0.0.1").port(0).eventLoops(1).controller(controller);
    }

    private static URI url(RtmpServer server, String path) {
        return URI.create("rtmp://127.0.0.1:" + server.port() + "/" + path);
    }

    private static ClientOptions options() {
        return ClientOptions.defaults().withTimeout(Duration.ofSeconds(5));
    }

    @Test
    void startBindsAnEphemeralLoopbackPortAndIsSingleUse() throws Exception {
        RtmpServer server = server(new RecordingController()).build();
        assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
        assertThat(server.start()).isSameAs(server);
        assertThat(server.port()).isPositive();
        assertThat(server.localAddress().getAddress().isLoopbackAddress()).isTrue();
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
        server.close();
        server.close(); // idempotent
        assertThat(server.terminationFuture()).isDone();
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void bindingAPortInUseThrowsIOException() throws Exception {
        try (RtmpServer first = server(new RecordingController()).build().start()) {
            RtmpServer second = server(new RecordingController()).port(first.port()).build();
            assertThatThrownBy(second::start).isInstanceOf(IOException.class);
            assertThat(second.terminationFuture()).isDone();
        }
    }

    @Test
    void loopThreadsAreNamedAndNonDaemon() throws Exception {
        try (RtmpServer server = server(new RecordingController()).eventLoops(2).build().start()) {
            Set<Thread> loops = new HashSet<>();
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().matches("rtmp-loop-[01]")) {
                    loops.add(t);
                }
            }
            assertThat(loops).hasSizeGreaterThanOrEqualTo(2).noneMatch(Thread::isDaemon);
        }
    }

    @Test
    void aControllerFactoryMakesOneControllerPerConnection() throws Exception {
        java.util.concurrent.BlockingQueue<String> sessions = new java.util.concurrent.LinkedBlockingQueue<>();
        java.util.concurrent.atomic.AtomicInteger made = new java.util.concurrent.atomic.AtomicInteger();
        try (RtmpServer server = RtmpServer.builder().port(0).eventLoops(1)
                        .controllerFactory(session -> {
                            made.incrementAndGet();
                            return new RtmpController() {
                                @Override
                                public void onConnect(RtmpSession s, ConnectRequest request) {
                                    sessions.add(s.id() + " " + this.hashCode());
                                    request.accept();
                                }
                            };
                        })
                        .build()
                        .start();
                RtmpClient a = RtmpClient.connect(url(server, "live"), options());
                RtmpClient b = RtmpClient.connect(url(server, "live"), options())) {
            String first = sessions.poll(5, TimeUnit.SECONDS);
            String second = sessions.poll(5, TimeUnit.SECONDS);
            assertThat(first).isNotNull().isNotEqualTo(second);
            assertThat(second).isNotNull();
            assertThat(made).hasValue(2);
        }
    }

    @Test
    void shutdownWithClientsAttachedCompletesWithinTheGrace() throws Exception {
        RecordingController controller = new RecordingController();
        RtmpServer server = server(controller).build().start();
        RtmpClient publisherClient = RtmpClient.connect(url(server, "live/a"), options());
        RtmpClient idleClient = RtmpClient.connect(url(server, "live"), options());
        Publisher publisher = publisherClient.publish("a");
        publisher.send(new AudioMessage(0, 0, ByteBuffer.wrap(new byte[] {(byte) 0xAF, 1, 2, 3})));
        assertThat(controller.media.poll(5, TimeUnit.SECONDS)).isNotNull();

        long start = System.nanoTime();
        server.shutdown(Duration.ofSeconds(2)).get(10, TimeUnit.SECONDS);
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(5));
        publisherClient.closeFuture().handle((v, t) -> null).get(5, TimeUnit.SECONDS);
        idleClient.closeFuture().handle((v, t) -> null).get(5, TimeUnit.SECONDS);
        assertThat(server.metrics().activeConnections()).isZero();
        assertThat(server.metrics().totalConnections()).isEqualTo(2);
        publisherClient.close();
        idleClient.close();
    }

    @Test
    void aConnectionOverTheLimitIsClosedWhileTheOthersKeepWorking() throws Exception {
        RecordingController controller = new RecordingController();
        try (RtmpServer server = server(controller).maxConnections(2).build().start();
                RtmpClient a = RtmpClient.connect(url(server, "live"), options());
                RtmpClient b = RtmpClient.connect(url(server, "live"), options());
                Socket third = new Socket()) {
            third.connect(server.localAddress(), 5000);
            third.setSoTimeout(5000);
            assertThat(third.getInputStream().read()).isEqualTo(-1);
            assertThat(server.metrics().rejectedConnections()).isEqualTo(1);

            try (Publisher p = a.publish("still-works")) {
                p.send(new VideoMessage(40, 0, ByteBuffer.wrap(new byte[] {0x17, 1, 0, 0, 0, 9})));
                RecordingController.Received r = controller.media.poll(5, TimeUnit.SECONDS);
                assertThat(r).isNotNull();
                assertThat(r.streamName()).isEqualTo("still-works");
            }
            assertThat(b.isOpen()).isTrue();
        }
    }

    @Test
    void aGarbageSendingSocketIsClosedWhileABystanderKeepsPublishing() throws Exception {
        RecordingController controller = new RecordingController();
        // garbage is closed by a protocol error or, at the latest, by the 1 s handshake deadline
        SessionConfig config = SessionConfig.defaults()
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofSeconds(30));
        try (RtmpServer server = server(controller).sessionConfig(config).build().start();
                RtmpClient bystander = RtmpClient.connect(url(server, "live"), options());
                Publisher publisher = bystander.publish("bystander");
                Socket garbage = new Socket()) {
            garbage.connect(server.localAddress(), 5000);
            garbage.setSoTimeout(10_000);
            // C0 with an unsupported version, then noise
            byte[] noise = new byte[4096];
            new Random(42).nextBytes(noise);
            noise[0] = (byte) 0x42;
            OutputStream out = garbage.getOutputStream();
            InputStream in = garbage.getInputStream();
            out.write(noise);
            out.flush();
            for (int i = 0; i < 50; i++) {
                publisher.send(new AudioMessage(i * 23, 0, ByteBuffer.wrap(new byte[] {(byte) 0xAF, 1, (byte) i})));
            }
            assertThat(drainUntilClosed(in)).isTrue();
            for (int i = 0; i < 50; i++) {
                RecordingController.Received r = controller.media.poll(5, TimeUnit.SECONDS);
                assertThat(r).isNotNull();
                assertThat(r.media().timestamp()).isEqualTo(i * 23);
            }
            publisher.send(new AudioMessage(5000, 0, ByteBuffer.wrap(new byte[] {(byte) 0xAF, 1, 99})));
            assertThat(controller.media.poll(5, TimeUnit.SECONDS)).isNotNull();
        }
    }

    @Test
    void connectionsAreSpreadOverSeveralLoops() throws Exception {
        RecordingController controller = new RecordingController();
        try (RtmpServer server = server(controller).eventLoops(2).build().start()) {
            Set<String> threads = new HashSet<>();
            List<RtmpClient> clients = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    RtmpClient c = RtmpClient.connect(url(server, "live"), options());
                    clients.add(c);
                    Publisher p = c.publish("s" + i);
                    p.send(new AudioMessage(i, 0, ByteBuffer.wrap(new byte[] {(byte) 0xAF, 1, (byte) i})));
                    RecordingController.Received r = controller.media.poll(5, TimeUnit.SECONDS);
                    assertThat(r).isNotNull();
                    assertThat(r.streamName()).isEqualTo("s" + i);
                    threads.add(r.thread());
                }
            } finally {
                clients.forEach(RtmpClient::close);
            }
            assertThat(threads).containsExactlyInAnyOrder("rtmp-loop-0", "rtmp-loop-1");
        }
    }

    /** @return true once the peer closed (EOF or reset), reading whatever the server sent first */
    private static boolean drainUntilClosed(InputStream in) throws IOException {
        byte[] buf = new byte[8192];
        try {
            while (in.read(buf) >= 0) {
                // the server may answer S0/S1 before it fails; keep reading
            }
            return true;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }
}
