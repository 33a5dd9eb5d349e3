package org.rtmp4j.server;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.rtmp4j.client.ClientOptions;
import org.rtmp4j.client.RtmpClient;
import org.rtmp4j.core.session.RtmpController;

/**
 * Test fixture of the loopback ITs: the server under test (127.0.0.1, ephemeral port, two event loops) and the
 * clients and peers the test opened, which {@link #close()} closes in the order they were kept, then the server.
 * Call {@link #close()} from {@code @AfterEach}.
 */
public final class LoopbackServer implements AutoCloseable {
    /** Client options of the ITs: the defaults with a 5 s timeout. */
    public static final ClientOptions OPTIONS = ClientOptions.defaults().withTimeout(Duration.ofSeconds(5));

    private final List<AutoCloseable> resources = new ArrayList<>();
    private RtmpServer server;

    /** Starts {@code builder} (with the test's settings) on port 0 with two event loops and {@code controller}. */
    public RtmpServer start(RtmpServer.Builder builder, RtmpController controller) throws Exception {
        server = builder.port(0).eventLoops(2).controller(controller).build().start();
        return server;
    }

    /** Starts a server with default settings, port 0 and two event loops, and {@code controller}. */
    public RtmpServer start(RtmpController controller) throws Exception {
        return start(RtmpServer.builder(), controller);
    }

    /** Closes {@code resource} after the test. */
    public <T extends AutoCloseable> T keep(T resource) {
        resources.add(resource);
        return resource;
    }

    /** {@code rtmp://127.0.0.1:<port>/<path>}, e.g. {@code path} "live". */
    public URI url(String path) {
        return URI.create("rtmp://127.0.0.1:" + server.port() + "/" + path);
    }

    /** A client connected to {@code rtmp://127.0.0.1:<port>/live} with {@link #OPTIONS}, closed after the test. */
    public RtmpClient client() throws Exception {
        return keep(RtmpClient.connect(url("live"), OPTIONS));
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable r : resources) {
            r.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
