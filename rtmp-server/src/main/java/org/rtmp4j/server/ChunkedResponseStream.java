package org.rtmp4j.server;

import java.nio.ByteBuffer;
import java.util.List;
import org.rtmp4j.http.HttpChunkedFraming;
import org.rtmp4j.server.internal.NioTransport;

/**
 * An open-ended response body: chunked on HTTP/1.1 (RFC 9112 §7.1: size line, the caller's buffer,
 * CRLF, queued as three buffers without copying), close-delimited on HTTP/1.0 (RFC 9112 §6.3 item
 * 8: the caller's buffer alone, and the end is the close). Body bytes go through
 * {@link NioTransport#writeMedia}, so merged writes apply to them as to RTMP media.
 */
final class ChunkedResponseStream extends LoopStream {
    private final boolean chunked;
    private final Runnable onEnd;

    /**
     * @param transport the connection's transport
     * @param chunked chunked framing (HTTP/1.1), else close-delimited
     * @param onEnd tells the connection the response is complete (it then serves the next request or closes)
     */
    ChunkedResponseStream(NioTransport transport, boolean chunked, Runnable onEnd) {
        super(transport);
        this.chunked = chunked;
        this.onEnd = onEnd;
    }

    @Override
    public void write(ByteBuffer data) {
        write(data, 0);
    }

    /** Chunk header, data and CRLF are held together (see {@link NioTransport#writeMedia(ByteBuffer, long)}). */
    @Override
    public void write(ByteBuffer data, long holdNanos) {
        checkThread();
        if (!isOpen() || !data.hasRemaining()) {
            return;
        }
        if (chunked) {
            transport.writeMedia(HttpChunkedFraming.chunkHeader(data.remaining()), holdNanos);
            transport.writeMedia(data, holdNanos);
            transport.writeMedia(HttpChunkedFraming.crlf(), holdNanos);
        } else {
            transport.writeMedia(data, holdNanos);
        }
    }

    @Override
    public void end() {
        checkThread();
        if (!stop()) {
            return;
        }
        if (chunked) {
            transport.write(List.of(HttpChunkedFraming.lastChunk()));
        }
        onEnd.run();
    }

    /** The connection closed: the stream stops without a last chunk. Loop thread. */
    void connectionClosed() {
        stop();
    }
}
