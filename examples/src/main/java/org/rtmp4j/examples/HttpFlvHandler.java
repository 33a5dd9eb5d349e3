package org.rtmp4j.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.rtmp4j.core.session.OutboundLimits;
import org.rtmp4j.live.FlvSubscriber;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.LiveSubscription;
import org.rtmp4j.live.StreamKey;

/**
 * HTTP-FLV from a host's own HTTP server: mounts the live relay's streams in the JDK's {@code
 * com.sun.net.httpserver} ({@code GET /APP/KEY.flv} → {@code 200 video/x-flv}, chunked, {@code
 * Access-Control-Allow-Origin: *}, {@code Cache-Control: no-cache}; a name that is not live → 404).
 * The body is what {@link LiveBroadcastController#subscribeFlv} delivers: the FLV header with the
 * stream's real track flags, {@code onMetaData}, the sequence headers, the GOP from a keyframe, then
 * the live tags.
 *
 * <p>Back-pressure: the relay's threads hand shared, read-only tag buffers to a queue; the
 * exchange's thread copies them to the response. The queue's bytes are the subscriber's
 * {@link FlvSubscriber#queuedBytes()}, so a slow client is dropped to the next keyframe above the
 * high watermark and its response ends past the hard cap (the relay's defaults,
 * {@link OutboundLimits#DEFAULT}), without slowing the publisher or anyone else.
 *
 * <pre>{@code
 * HttpServer http = HttpServer.create(new InetSocketAddress(8080), 0);
 * http.createContext("/", new HttpFlvHandler(relay));
 * http.setExecutor(Executors.newCachedThreadPool()); // one thread per open response
 * http.start();
 * }</pre>
 *
 * <p>Thread-safety: one instance serves every exchange; each response blocks one executor thread
 * while it streams.
 */
public final class HttpFlvHandler implements HttpHandler {
    private static final ByteBuffer END = ByteBuffer.allocate(0);

    private final LiveBroadcastController relay;
    private final OutboundLimits limits;

    /** @param relay the relay whose streams to serve, with {@link OutboundLimits#DEFAULT} */
    public HttpFlvHandler(LiveBroadcastController relay) {
        this(relay, OutboundLimits.DEFAULT);
    }

    /**
     * @param relay the relay whose streams to serve
     * @param limits the slow-client bounds, compared with the bytes queued for each response
     */
    public HttpFlvHandler(LiveBroadcastController relay, OutboundLimits limits) {
        this.relay = Objects.requireNonNull(relay, "relay");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
            String method = exchange.getRequestMethod();
            if (method.equals("OPTIONS")) {
                exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "GET, OPTIONS");
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            StreamKey key = key(exchange.getRequestURI().getPath());
            if (key == null || !method.equals("GET")) {
                exchange.sendResponseHeaders(key == null ? 404 : 405, -1);
                return;
            }
            Queue queue = new Queue();
            Optional<LiveSubscription> sub = relay.isLive(key)
                    ? relay.subscribeFlv(key, queue, limits, Runnable::run) : Optional.empty();
            if (sub.isEmpty()) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            try {
                exchange.getResponseHeaders().set("Content-Type", "video/x-flv");
                exchange.getResponseHeaders().set("Cache-Control", "no-cache");
                exchange.sendResponseHeaders(200, 0); // chunked
                queue.drainTo(exchange.getResponseBody());
            } finally {
                sub.get().cancel();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return {@code APP/KEY} from {@code /APP/KEY.flv}, or {@code null} */
    static StreamKey key(String path) {
        if (path == null || !path.endsWith(".flv")) {
            return null;
        }
        String p = path.substring(1, path.length() - 4);
        int slash = p.lastIndexOf('/');
        if (slash <= 0 || slash == p.length() - 1) {
            return null;
        }
        return new StreamKey(p.substring(0, slash), p.substring(slash + 1));
    }

    /** The subscriber: the relay's threads offer, the exchange's thread takes. */
    private static final class Queue implements FlvSubscriber {
        private final LinkedBlockingQueue<ByteBuffer> buffers = new LinkedBlockingQueue<>();
        private final AtomicLong queued = new AtomicLong();

        @Override
        public void onFlv(ByteBuffer bytes) {
            queued.addAndGet(bytes.remaining());
            buffers.add(bytes);
        }

        @Override
        public long queuedBytes() {
            return queued.get();
        }

        @Override
        public void onEnd(Throwable cause) {
            buffers.add(END);
        }

        void drainTo(OutputStream out) throws IOException, InterruptedException {
            byte[] copy = new byte[64 * 1024];
            for (;;) {
                ByteBuffer b = buffers.poll(30, TimeUnit.SECONDS);
                if (b == null) {
                    out.flush(); // idle: keep going while the client is there
                    continue;
                }
                if (b == END) {
                    return;
                }
                int n = b.remaining();
                while (b.hasRemaining()) {
                    int len = Math.min(copy.length, b.remaining());
                    b.get(copy, 0, len);
                    out.write(copy, 0, len);
                }
                queued.addAndGet(-n);
                if (buffers.isEmpty()) {
                    out.flush();
                }
            }
        }
    }
}
