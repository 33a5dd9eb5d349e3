package org.rtmp4j.server;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.rtmp4j.http.HttpEvent;
import org.rtmp4j.http.HttpHeader;
import org.rtmp4j.http.HttpHeaders;
import org.rtmp4j.http.HttpMethod;
import org.rtmp4j.http.HttpOptions;
import org.rtmp4j.http.HttpRequestException;
import org.rtmp4j.http.HttpRequestParser;
import org.rtmp4j.http.HttpResponseWriter;
import org.rtmp4j.http.HttpVersion;
import org.rtmp4j.http.WebSocketHandshake;
import org.rtmp4j.http.WebSocketListener;
import org.rtmp4j.server.internal.ClientEntry;
import org.rtmp4j.server.internal.ConnectionHandler;
import org.rtmp4j.server.internal.NioTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP/1.1 connection on an event loop: feeds the transport's bytes to the sans-I/O
 * {@link HttpRequestParser} and answers the requests in order through {@link HttpRouter}.
 *
 * <ul>
 *   <li>Keep-alive and pipelining (RFC 9112 §9.3): the parser pauses after each request; the next is
 *       read only once the answer is complete, so responses go out in request order. Bytes of later
 *       requests that arrive meanwhile are held, at most {@link HttpOptions#maxPipelinedBytes()}
 *       (beyond, the connection closes).</li>
 *   <li>Deadlines, checked on the loop's tick (every 100 ms): the request head must be complete
 *       {@link org.rtmp4j.http.HttpLimits#headDeadline()} after its first byte, however the bytes
 *       trickle in (408); a connection with no request in progress closes after
 *       {@link HttpOptions#idleTimeout()}.</li>
 *   <li>Bad input: the parser's status (400, 405 with {@code Allow}, 408, 414, 426, 431, 505) with
 *       {@code Connection: close}, logged once at INFO with the peer and the reason; only this
 *       connection closes.</li>
 *   <li>After a {@code 101 Switching Protocols} the bytes go to the {@link WebSocketConnection}.</li>
 * </ul>
 *
 * <p>Loop thread only.
 */
final class HttpConnection implements ConnectionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(HttpConnection.class);

    private final NioTransport transport;
    private final HttpOptions options;
    private final HttpRouter router;
    private final LongSupplier clock;
    private final BooleanSupplier establish;
    private final HttpRequestParser parser;
    /** Held bytes of later requests, in write mode; null until needed. */
    private ByteBuffer held;
    private HttpExchangeImpl current;
    private WebSocketConnection webSocket;
    private long idleSinceNanos;
    private boolean processing;
    private boolean closing;

    /**
     * @param transport the connection's transport
     * @param options limits, CORS origin, timeouts
     * @param router who answers
     * @param clock the deadlines' clock, in nanoseconds
     * @param establish makes the connection count as a player in the per-IP limits; false when its
     *     address has no room (it then stays pending)
     */
    HttpConnection(NioTransport transport, HttpOptions options, HttpRouter router, LongSupplier clock,
            BooleanSupplier establish) {
        this.transport = transport;
        this.establish = establish;
        this.options = options;
        this.router = router;
        this.clock = clock;
        this.parser = new HttpRequestParser(options.limits(), clock);
        this.idleSinceNanos = clock.getAsLong();
    }

    @Override
    public void onBytes(ByteBuffer in) {
        if (closing) {
            in.position(in.limit());
        } else if (webSocket != null) {
            webSocket.onBytes(in);
        } else if (held != null && held.position() > 0) {
            if (!hold(in)) {
                return;
            }
            processHeld();
        } else {
            process(in);
            if (in.hasRemaining() && !closing) {
                hold(in);
            }
        }
    }

    /** Copies {@code in}'s rest into the held bytes; closes the connection if they would overflow. */
    private boolean hold(ByteBuffer in) {
        if (held == null) {
            held = ByteBuffer.allocate(Math.min(options.maxPipelinedBytes(), 16 * 1024));
        }
        if (held.remaining() < in.remaining()) {
            int need = held.position() + in.remaining();
            if (need > options.maxPipelinedBytes()) {
                LOG.info("HTTP peer {} refused: more than {} bytes of pipelined requests while one is answered",
                        transport.remoteAddress(), options.maxPipelinedBytes());
                in.position(in.limit());
                closeNow();
                return false;
            }
            ByteBuffer bigger = ByteBuffer.allocate(Math.min(options.maxPipelinedBytes(), Math.max(need, held.capacity() * 2)));
            held.flip();
            held = bigger.put(held);
        }
        held.put(in);
        return true;
    }

    private void processHeld() {
        held.flip();
        try {
            process(held);
        } finally {
            if (held != null) {
                held.compact();
            }
        }
    }

    /** Reads events until the parser needs bytes, waits for an answer, or the connection switches or closes. */
    private void process(ByteBuffer in) {
        if (processing) {
            return;
        }
        processing = true;
        try {
            while (!closing && webSocket == null) {
                HttpEvent e = parser.next(in);
                if (e instanceof HttpEvent.Request r) {
                    current = new HttpExchangeImpl(this, transport, r.head(), options.allowOrigin());
                    router.dispatch(current, this);
                } else if (e instanceof HttpEvent.Body b) {
                    current.bodyData(b.data());
                } else if (e instanceof HttpEvent.EndOfRequest) {
                    current.bodyEnd();
                } else if (e instanceof HttpEvent.Paused || e instanceof HttpEvent.Closed) {
                    if (!current.answered()) {
                        return; // the rest of in is held until the answer completes
                    }
                    if (current.webSocket() != null) {
                        webSocket = current.webSocket();
                        current = null;
                        webSocket.onBytes(in);
                        return;
                    }
                    if (e instanceof HttpEvent.Closed || current.closeAfter()) {
                        closeGracefully();
                        return;
                    }
                    current = null;
                    idleSinceNanos = clock.getAsLong();
                    parser.startNextRequest();
                } else {
                    return; // NEED_DATA
                }
            }
        } catch (HttpRequestException e) {
            refuse(e);
        } finally {
            processing = false;
        }
    }

    /** The current exchange's answer is complete (maybe later than its handler returned). */
    void responseComplete() {
        if (processing || closing) {
            return; // the loop in process() goes on by itself
        }
        if (held != null && held.position() > 0) {
            processHeld();
        } else {
            process(ByteBuffer.allocate(0));
        }
    }

    /** The current answer is a stream or a WebSocket: the connection is a player from now on. */
    void becamePlayer() {
        if (!establish.getAsBoolean()) {
            LOG.debug("HTTP peer {} plays but its address has no room for more players; it stays pending",
                    transport.remoteAddress());
        }
    }

    /** What this connection is for the client list (see {@link org.rtmp4j.http.HttpExchange#describeClient}). */
    void describe(String kind, String stream, java.util.function.LongSupplier droppedMessages) {
        if (transport.listener() instanceof ClientEntry e) {
            e.detail(new HttpClientDetail(kind, stream, droppedMessages));
        }
    }

    WebSocketConnection newWebSocket(WebSocketListener listener) {
        return new WebSocketConnection(transport, options.maxWebSocketMessageSize(), listener);
    }

    /**
     * Answers bad input with its status and {@code Connection: close} (unless an answer already
     * started, then just closes), logs it once at INFO, and closes this connection only.
     */
    void refuse(HttpRequestException e) {
        if (closing) {
            return;
        }
        LOG.info("HTTP peer {} refused: {} at offset {}: {}", transport.remoteAddress(), e.status(), e.offset(),
                e.reason());
        if (e.status() < 500 && e.status() != 409 && transport.listener() instanceof ClientEntry entry) {
            entry.protocolError("http-" + e.status()); // 409: a takeover, not bad input
        }
        if (current == null || !current.answerStarted()) {
            List<HttpHeader> fields = new ArrayList<>();
            fields.add(new HttpHeader("Content-Length", "0"));
            fields.add(new HttpHeader("Connection", "close"));
            fields.add(new HttpHeader("Access-Control-Allow-Origin", options.allowOrigin()));
            if (e.status() == 405) {
                fields.add(new HttpHeader("Allow", HttpMethod.ALLOW));
            } else if (e.status() == 426) {
                fields.add(new HttpHeader("Sec-WebSocket-Version", WebSocketHandshake.VERSION));
            }
            HttpVersion v = current != null ? current.request().version() : HttpVersion.HTTP_1_1;
            transport.write(List.of(HttpResponseWriter.head(v, e.status(), HttpHeaders.of(fields))));
        }
        if (current != null) {
            current.connectionClosed("refused: " + e.reason());
        }
        closeGracefully();
    }

    /** A handler failed: 500 if nothing was answered yet, then close. */
    void handlerFailed(Throwable t) {
        if (current == null) { // the handler closed the connection, then threw
            LOG.warn("HTTP handler failed for {}", transport.remoteAddress(), t);
            return;
        }
        LOG.warn("HTTP handler failed for {} {} from {}", current.request().method(), current.request().path(),
                transport.remoteAddress(), t);
        refuse(new HttpRequestException(500, -1, "handler failed: " + t));
    }

    private void closeGracefully() {
        closing = true;
        held = null;
        transport.close();
    }

    private void closeNow() {
        closing = true;
        held = null;
        transport.closeNow(null);
    }

    @Override
    public void onTick(long nowNanos) {
        if (closing || webSocket != null) {
            return;
        }
        try {
            parser.checkHeadDeadline();
        } catch (HttpRequestException e) {
            refuse(e);
            return;
        }
        long now = clock.getAsLong();
        if (current == null && !parser.inRequest() && now - idleSinceNanos >= options.idleTimeout().toNanos()) {
            LOG.debug("HTTP peer {} idle for {} ms, closing", transport.remoteAddress(), options.idleTimeout().toMillis());
            closeGracefully();
        }
    }

    @Override
    public void onTransportClosed(Throwable causeOrNull) {
        closing = true;
        HttpExchangeImpl c = current;
        current = null;
        if (c != null) {
            c.connectionClosed(causeOrNull != null ? causeOrNull.toString() : "connection closed");
        }
        if (webSocket != null) {
            webSocket.connectionClosed();
        }
    }
}
