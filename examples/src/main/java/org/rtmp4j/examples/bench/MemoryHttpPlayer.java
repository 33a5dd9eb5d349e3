package org.rtmp4j.examples.bench;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import org.rtmp4j.http.HttpBodyListener;
import org.rtmp4j.http.HttpChunkedFraming;
import org.rtmp4j.http.HttpExchange;
import org.rtmp4j.http.HttpHeaders;
import org.rtmp4j.http.HttpMethod;
import org.rtmp4j.http.HttpRequestHead;
import org.rtmp4j.http.HttpResponseStream;
import org.rtmp4j.http.HttpVersion;
import org.rtmp4j.http.WebSocketListener;
import org.rtmp4j.http.WebSocketSession;

/**
 * An in-memory HTTP/1.1 {@code GET /APP/KEY.flv} for benchmarks: the exchange a listener would hand
 * to {@code HttpFlvPlayer}, and the chunked response body it opens, framed as the server's chunked
 * stream frames it (size line, the shared tag, CRLF: three buffers) and counted as a socket that
 * never blocks would take it. It belongs to a {@link MemoryLoop}, like a connection to its event
 * loop. Not thread-safe.
 */
final class MemoryHttpPlayer implements HttpExchange, HttpResponseStream {
    private static final SocketAddress PEER = new InetSocketAddress("127.0.0.1", 8080);
    private final MemoryLoop loop;
    private final HttpRequestHead request;
    private boolean open;
    private int status;
    private long written;
    private long writes;

    /** @param loop the loop the connection belongs to; @param path the request target */
    MemoryHttpPlayer(MemoryLoop loop, String path) {
        this.loop = loop;
        this.request = new HttpRequestHead(HttpMethod.GET, path, HttpVersion.HTTP_1_1, HttpHeaders.EMPTY, true, 0, false);
    }

    /** @return the response status, 0 before one */
    int status() {
        return status;
    }

    /** @return body bytes written so far, chunk framing included */
    long written() {
        return written;
    }

    /** @return buffers handed to the "transport" so far */
    long writes() {
        return writes;
    }

    private void take(ByteBuffer b) {
        written += b.remaining();
        writes++;
        b.position(b.limit());
    }

    // ------------------------------------------------------------------ HttpExchange

    @Override
    public HttpRequestHead request() {
        return request;
    }

    @Override
    public SocketAddress remoteAddress() {
        return PEER;
    }

    @Override
    public void onBody(HttpBodyListener listener) {}

    @Override
    public void respond(int status, HttpHeaders headers, ByteBuffer body) {
        this.status = status;
    }

    @Override
    public HttpResponseStream stream(int status, HttpHeaders headers) {
        this.status = status;
        this.open = true;
        return this;
    }

    @Override
    public boolean isWebSocketUpgrade() {
        return false;
    }

    @Override
    public WebSocketSession acceptWebSocket(WebSocketListener listener) {
        throw new UnsupportedOperationException("not a WebSocket upgrade");
    }

    // ------------------------------------------------------------------ HttpResponseStream

    @Override
    public void write(ByteBuffer data) {
        if (!open || !data.hasRemaining()) {
            return;
        }
        take(HttpChunkedFraming.chunkHeader(data.remaining()));
        take(data);
        take(HttpChunkedFraming.crlf());
    }

    @Override
    public long queuedBytes() {
        return 0;
    }

    @Override
    public void end() {
        open = false;
    }

    @Override
    public void abort() {
        open = false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void onClose(Runnable callback) {}

    @Override
    public void execute(Runnable task) {
        loop.execute(task);
    }

    @Override
    public boolean inStreamThread() {
        return loop.inLoop();
    }

    @Override
    public Object executorKey() {
        return loop;
    }
}
