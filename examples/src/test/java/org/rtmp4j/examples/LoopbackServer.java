package org.rtmp4j.examples;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.rtmp4j.core.session.RtmpController;
import org.rtmp4j.server.RtmpServer;

/**
 * Test fixture (a JUnit extension: register it with {@code @RegisterExtension}): an {@link RtmpServer} bound to
 * 127.0.0.1 on an ephemeral port, started by the test with its controller and closed after each test.
 */
class LoopbackServer implements AfterEachCallback {
    private RtmpServer server;

    /** Starts the server on 127.0.0.1:0 with {@code controller}. */
    final RtmpServer start(RtmpController controller) throws IOException {
        return start(controller, UnaryOperator.identity());
    }

    /** Starts the server on 127.0.0.1:0 with {@code controller} wrapped in an {@link ObservingController}, returned. */
    final ObservingController startObserved(RtmpController controller) throws IOException {
        ObservingController observed = new ObservingController(controller);
        start(observed);
        return observed;
    }

    /** Starts the server on 127.0.0.1:0 with {@code controller} and whatever {@code options} adds to the builder. */
    final RtmpServer start(RtmpController controller, UnaryOperator<RtmpServer.Builder> options) throws IOException {
        server = options.apply(RtmpServer.builder().bind(new InetSocketAddress("127.0.0.1", 0)).controller(controller))
                .build()
                .start();
        return server;
    }

    /** @return {@code rtmp://127.0.0.1:<port>/<path>} of the started server, e.g. {@code path} "live/test" */
    final String url(String path) {
        return "rtmp://127.0.0.1:" + server.port() + "/" + path;
    }

    /** {@link #url} as a URI. */
    final URI uri(String path) {
        return URI.create(url(path));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    /** Closes the server, if started. */
    void close() {
        if (server != null) {
            server.close();
        }
    }
}
