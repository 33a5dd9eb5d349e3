package org.rtmp4j.server;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.rtmp4j.http.HttpBodyListener;
import org.rtmp4j.http.HttpExchange;
import org.rtmp4j.http.HttpHeader;
import org.rtmp4j.http.HttpHeaders;
import org.rtmp4j.http.HttpMethod;
import org.rtmp4j.http.HttpRequestException;
import org.rtmp4j.http.HttpRequestHead;
import org.rtmp4j.http.HttpResponseStream;
import org.rtmp4j.http.HttpResponseWriter;
import org.rtmp4j.http.HttpVersion;
import org.rtmp4j.http.WebSocketHandshake;
import org.rtmp4j.http.WebSocketListener;
import org.rtmp4j.http.WebSocketSession;
import org.rtmp4j.server.internal.NioTransport;

/**
 * One request of an {@link HttpConnection} and its single answer. Adds the framing fields
 * ({@code Content-Length}, {@code Transfer-Encoding: chunked}), {@code Connection} (close when the
 * connection will not be reused, keep-alive for a persistent HTTP/1.0 request, RFC 9112 §9.3) and
 * {@code Access-Control-Allow-Origin} unless the handler set it. Loop thread only.
 */
final class HttpExchangeImpl implements HttpExchange {
    private enum Answer { NONE, COMPLETE, STREAMING, WEBSOCKET }

    private final HttpConnection connection;
    private final NioTransport transport;
    private final HttpRequestHead head;
    private final String allowOrigin;
    private HttpBodyListener body;
    private boolean bodyEnded;
    private Answer answer = Answer.NONE;
    private boolean closeAfter;
    private ChunkedResponseStream stream;
    private WebSocketConnection webSocket;

    HttpExchangeImpl(HttpConnection connection, NioTransport transport, HttpRequestHead head, String allowOrigin) {
        this.connection = connection;
        this.transport = transport;
        this.head = head;
        this.allowOrigin = allowOrigin;
        this.closeAfter = !head.keepAlive();
    }

    @Override
    public HttpRequestHead request() {
        return head;
    }

    @Override
    public SocketAddress remoteAddress() {
        return transport.remoteAddress();
    }

    @Override
    public boolean secure() {
        return transport.tls() != null;
    }

    @Override
    public void describeClient(String kind, String stream, java.util.function.LongSupplier droppedMessages) {
        connection.describe(kind, stream, droppedMessages);
    }

    @Override
    public void onBody(HttpBodyListener listener) {
        this.body = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public void respond(int status, HttpHeaders headers, ByteBuffer content) {
        claim(Answer.COMPLETE);
        List<HttpHeader> fields = fields(headers);
        fields.add(new HttpHeader("Content-Length", Integer.toString(content.remaining())));
        ByteBuffer h = HttpResponseWriter.head(head.version(), status, HttpHeaders.of(fields));
        if (head.method() == HttpMethod.HEAD || !content.hasRemaining()) {
            transport.write(List.of(h));
        } else {
            transport.write(List.of(h, content));
        }
        connection.responseComplete();
    }

    @Override
    public HttpResponseStream stream(int status, HttpHeaders headers) {
        claim(Answer.STREAMING);
        boolean chunked = head.version() == HttpVersion.HTTP_1_1;
        if (!chunked) {
            closeAfter = true; // close-delimited (RFC 9112 §6.3 item 8)
        }
        List<HttpHeader> fields = fields(headers);
        if (chunked) {
            fields.add(new HttpHeader("Transfer-Encoding", "chunked"));
        }
        transport.write(List.of(HttpResponseWriter.head(head.version(), status, HttpHeaders.of(fields))));
        stream = new ChunkedResponseStream(transport, chunked, connection::responseComplete);
        connection.becamePlayer();
        if (head.method() == HttpMethod.HEAD) {
            stream.end();
        }
        return stream;
    }

    @Override
    public boolean isWebSocketUpgrade() {
        return WebSocketHandshake.isUpgrade(head);
    }

    @Override
    public WebSocketSession acceptWebSocket(WebSocketListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (answer != Answer.NONE) {
            throw new IllegalStateException("exchange already answered");
        }
        String key;
        try {
            key = WebSocketHandshake.validate(head);
        } catch (HttpRequestException e) {
            connection.refuse(e);
            return null;
        }
        claim(Answer.WEBSOCKET);
        transport.write(List.of(HttpResponseWriter.head(HttpVersion.HTTP_1_1, 101, WebSocketHandshake.responseHeaders(key))));
        webSocket = connection.newWebSocket(listener);
        connection.becamePlayer();
        connection.responseComplete();
        return webSocket;
    }

    @Override
    public void execute(Runnable task) {
        transport.execute(task);
    }

    private void claim(Answer a) {
        if (!transport.inConnectionThread()) {
            throw new IllegalStateException("answer on the connection's thread (HttpExchange.execute)");
        }
        if (answer != Answer.NONE) {
            throw new IllegalStateException("exchange already answered (" + answer + ")");
        }
        answer = a;
    }

    private List<HttpHeader> fields(HttpHeaders extra) {
        List<HttpHeader> fields = new ArrayList<>(extra.size() + 4);
        fields.addAll(extra.list());
        if (extra.first("Access-Control-Allow-Origin").isEmpty()) {
            fields.add(new HttpHeader("Access-Control-Allow-Origin", allowOrigin));
        }
        if (extra.first("Connection").filter("close"::equalsIgnoreCase).isPresent()) {
            closeAfter = true; // the handler's own Connection: close (e.g. a refused upload) is honoured
            return fields;
        }
        if (closeAfter || answer == Answer.STREAMING && head.version() != HttpVersion.HTTP_1_1) {
            fields.add(new HttpHeader("Connection", "close"));
        } else if (head.version() == HttpVersion.HTTP_1_0) {
            fields.add(new HttpHeader("Connection", "keep-alive"));
        }
        return fields;
    }

    /** @return whether the answer is fully queued (the connection may read the next request) */
    boolean answered() {
        return answer == Answer.COMPLETE || answer == Answer.WEBSOCKET || answer == Answer.STREAMING && !stream.isOpen();
    }

    /** @return whether any answer (even an unfinished stream) has started */
    boolean answerStarted() {
        return answer != Answer.NONE;
    }

    /** @return whether the connection must close after the answer */
    boolean closeAfter() {
        return closeAfter;
    }

    /** @return the accepted WebSocket, or {@code null} */
    WebSocketConnection webSocket() {
        return webSocket;
    }

    void bodyData(ByteBuffer data) {
        if (body != null) {
            body.onBody(data);
        }
    }

    void bodyEnd() {
        bodyEnded = true;
        if (body != null) {
            body.onEnd();
        }
    }

    /** The connection closed (or failed): the body listener and the stream learn it. */
    void connectionClosed(String reason) {
        if (body != null && !bodyEnded) {
            bodyEnded = true;
            body.onAbort(reason);
        }
        if (stream != null) {
            stream.connectionClosed();
        }
        if (webSocket != null) {
            webSocket.connectionClosed();
        }
    }
}
