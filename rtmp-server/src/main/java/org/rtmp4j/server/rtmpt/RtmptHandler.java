package org.rtmp4j.server.rtmpt;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.RejectedExecutionException;
import org.rtmp4j.http.HttpBodyListener;
import org.rtmp4j.http.HttpExchange;
import org.rtmp4j.http.HttpHandler;
import org.rtmp4j.http.HttpHeaders;
import org.rtmp4j.http.HttpRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RTMPT (RTMP tunnelled through HTTP) as HTTP routes, so it runs on any HTTP listener, plain or TLS
 * (RTMPTS): mount it for {@code POST} paths that {@link #matches} accepts. Each request's body is read
 * whole (at most {@link RtmptOptions#maxBodyBytes()}), then handed to its session's loop, and the reply
 * comes back to the request's own connection:
 *
 * <ul>
 *   <li>{@code /open/1}: a new session (its RTMP engine counts as a connection of the server, in its
 *       limits, metrics and client list); 200 with the session id and {@code \n}. The body's padding byte
 *       is ignored. 503 when {@link RtmptOptions#maxSessions()} or the server's connection limit is
 *       reached or the server drains.</li>
 *   <li>{@code /send/ID/SEQ}, {@code /idle/ID/SEQ}, {@code /close/ID/SEQ}: 200 with the polling-delay byte
 *       and the session's queued RTMP bytes ({@code Content-Type: application/x-fcs}, {@code Content-Length}
 *       always); the {@code send} body goes to the engine, the {@code idle} padding does not.</li>
 *   <li>{@code /fcs/ident2}: 404, as Flash Player expects.</li>
 * </ul>
 *
 * <p>Bad input, each logged once at INFO with the peer and the reason and affecting that request's
 * connection or session only: a malformed path (400, connection closed), an unknown or ended session
 * (404, the connection stays), a sequence number that does not increase (400, connection and session
 * closed, see {@link RtmptSession}), a body over the limit (413, connection closed), RTMP garbage in a
 * {@code send} (the engine's protocol error closes that session; its next request gets 404).
 *
 * <p>Thread-safety: {@link #handle} on the request's loop thread, as every handler; thread-safe otherwise.
 */
public final class RtmptHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RtmptHandler.class);
    private static final HttpHeaders FCS = HttpHeaders.of("Content-Type", "application/x-fcs",
            "Cache-Control", "no-cache");

    private final RtmptHost host;
    private final RtmptOptions options;
    private final RtmptSessions sessions;

    /**
     * @param host the server: loops, clock, engines
     * @param options limits
     */
    public RtmptHandler(RtmptHost host, RtmptOptions options) {
        this.host = java.util.Objects.requireNonNull(host, "host");
        this.options = java.util.Objects.requireNonNull(options, "options");
        this.sessions = new RtmptSessions(options.maxSessions());
    }

    /**
     * @param path a request path without query
     * @return whether it is RTMPT's (see {@link RtmptRequest#matches})
     */
    public static boolean matches(String path) {
        return RtmptRequest.matches(path);
    }

    /** @return RTMPT sessions open now */
    public int sessionCount() {
        return sessions.size();
    }

    /**
     * Ends every session as if its peer left (server shutdown): each engine hears that its transport closed, on
     * its loop, after the tasks posted before, so controllers run their close callbacks (unpublish, recordings)
     * as for TCP connections. Any thread.
     */
    public void closeAll() {
        for (RtmptSession s : sessions.snapshot()) {
            try {
                s.loop().execute(() -> s.finish(null));
            } catch (RejectedExecutionException e) {
                LOG.debug("loop of RTMPT session {} already stopped", s.id());
            }
        }
    }

    @Override
    public void handle(HttpExchange exchange) {
        RtmptRequest request;
        try {
            request = RtmptRequest.parse(exchange.request().path());
        } catch (HttpRequestException e) {
            refuse(exchange, e.status(), e.reason() + " (path offset " + e.offset() + ")", true);
            return;
        }
        if (request.command() == RtmptRequest.Command.IDENT) {
            exchange.respond(404, HttpHeaders.of("Cache-Control", "no-cache"), ByteBuffer.allocate(0));
            return;
        }
        exchange.onBody(new Body(exchange, request));
    }

    private void dispatch(HttpExchange exchange, RtmptRequest request, ByteBuffer body) {
        if (request.command() == RtmptRequest.Command.OPEN) {
            open(exchange);
            return;
        }
        RtmptSession session = sessions.get(request.sessionId());
        if (session == null) {
            refuse(exchange, 404, "unknown or expired RTMPT session " + request.sessionId(), false);
            return;
        }
        try {
            session.loop().execute(() -> {
                RtmptReply reply = session.handle(request, body, host.nanoTime());
                exchange.execute(() -> answer(exchange, reply));
            });
        } catch (RejectedExecutionException e) {
            refuse(exchange, 503, "server stopping", true);
        }
    }

    private void open(HttpExchange exchange) {
        SocketAddress remote = exchange.remoteAddress();
        if (!sessions.reserve()) {
            refuse(exchange, 503, "RTMPT session limit reached (" + options.maxSessions() + ")", true);
            return;
        }
        RtmptLoop loop;
        try {
            loop = host.nextLoop();
            RtmptSession session = new RtmptSession(sessions.newId(), remote, options, loop, sessions::remove,
                    host::nanoTime);
            loop.execute(() -> start(exchange, session));
        } catch (RejectedExecutionException | IllegalStateException e) {
            sessions.release();
            refuse(exchange, 503, "server not running", true);
        }
    }

    /** On the session's loop: opens its engine, then answers the {@code /open/1} on the request's loop. */
    private void start(HttpExchange exchange, RtmptSession session) {
        RtmptEngine engine = host.open(session, session.remoteAddress(), exchange.secure());
        if (engine == null) {
            sessions.release();
            exchange.execute(() -> refuse(exchange, 503, "the server refuses connections (limit or drain)", true));
            return;
        }
        session.start(engine, host.nanoTime());
        sessions.add(session);
        tick(session);
        LOG.debug("RTMPT session {} opened by {}", session.id(), session.remoteAddress());
        byte[] id = (session.id() + "\n").getBytes(StandardCharsets.US_ASCII);
        exchange.execute(() -> exchange.respond(200, FCS, ByteBuffer.wrap(id)));
    }

    private void tick(RtmptSession session) {
        session.loop().schedule(() -> {
            session.onTick(host.nanoTime());
            if (!session.isClosed()) {
                tick(session);
            }
        }, org.rtmp4j.server.internal.EventLoop.DEFAULT_TICK_NANOS);
    }

    private void answer(HttpExchange exchange, RtmptReply reply) {
        if (reply.status() == 200) {
            exchange.respond(200, FCS, reply.body());
        } else {
            refuse(exchange, reply.status(), reply.reason(), reply.status() != 404);
        }
    }

    private static void refuse(HttpExchange exchange, int status, String reason, boolean closeConnection) {
        LOG.info("RTMPT peer {} refused: {} {}: {}", exchange.remoteAddress(), exchange.request().path(), status,
                reason);
        HttpHeaders headers = closeConnection
                ? HttpHeaders.of("Cache-Control", "no-cache", "Connection", "close")
                : HttpHeaders.of("Cache-Control", "no-cache");
        exchange.respond(status, headers, ByteBuffer.allocate(0));
    }

    /** Collects one request body, at most {@link RtmptOptions#maxBodyBytes()}, then dispatches it. */
    private final class Body implements HttpBodyListener {
        private final HttpExchange exchange;
        private final RtmptRequest request;
        private byte[] bytes = new byte[0];
        private int size;

        Body(HttpExchange exchange, RtmptRequest request) {
            this.exchange = exchange;
            this.request = request;
        }

        @Override
        public void onBody(ByteBuffer data) {
            if (request.command() != RtmptRequest.Command.SEND) {
                size += data.remaining(); // padding: counted against the limit, not kept
                data.position(data.limit());
            } else {
                int n = data.remaining();
                if (size + n > bytes.length && size + n <= options.maxBodyBytes()) {
                    bytes = java.util.Arrays.copyOf(bytes, Math.min(options.maxBodyBytes(),
                            Math.max(size + n, bytes.length * 2)));
                }
                if (size + n <= options.maxBodyBytes()) {
                    data.get(bytes, size, n);
                }
                size += n;
            }
            if (size > options.maxBodyBytes()) {
                throw new HttpRequestException(413, options.maxBodyBytes(),
                        "RTMPT body over " + options.maxBodyBytes() + " bytes");
            }
        }

        @Override
        public void onEnd() {
            ByteBuffer body = request.command() == RtmptRequest.Command.SEND
                    ? ByteBuffer.wrap(bytes, 0, size) : ByteBuffer.allocate(0);
            dispatch(exchange, request, body);
        }
    }
}
