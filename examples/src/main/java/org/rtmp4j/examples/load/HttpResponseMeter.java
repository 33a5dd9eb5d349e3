package org.rtmp4j.examples.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads HTTP/1.1 responses with a {@code Content-Length} body (RFC 9112 §4, §6.3) from a keep-alive
 * connection, one after another, without keeping the body: it only counts its bytes. Enough for a
 * load client that fetches the same cached object again and again (an HLS segment, a playlist);
 * a chunked or close-delimited response is refused, as the load figures would be meaningless without
 * a known length. Not thread-safe: one per connection.
 */
final class HttpResponseMeter {
    /** Largest response head accepted, in bytes. */
    static final int MAX_HEAD_BYTES = 16 * 1024;

    private final byte[] head = new byte[MAX_HEAD_BYTES];
    private int headLength;
    private long bodyRemaining = -1;
    private int status;
    private boolean close;
    private long offset;

    /**
     * Consumes bytes of the response stream.
     *
     * @param data bytes read; fully consumed unless a response completes inside them, in which case
     *     the position stops after that response's last byte
     * @return whether a whole response has been read (then {@link #status()} and {@link #closeAfter()} describe it)
     * @throws IOException on a malformed head, a head over {@value #MAX_HEAD_BYTES} bytes, or a body
     *     without {@code Content-Length}; the message names the stream offset
     */
    boolean feed(ByteBuffer data) throws IOException {
        while (data.hasRemaining()) {
            if (bodyRemaining < 0) {
                if (headLength == head.length) {
                    throw new IOException("response head over " + MAX_HEAD_BYTES + " bytes at offset " + offset);
                }
                head[headLength++] = data.get();
                offset++;
                if (headLength >= 4 && head[headLength - 1] == '\n' && head[headLength - 2] == '\r'
                        && head[headLength - 3] == '\n' && head[headLength - 4] == '\r') {
                    parseHead();
                    if (bodyRemaining == 0) {
                        return done();
                    }
                }
            } else {
                int n = (int) Math.min(bodyRemaining, data.remaining());
                data.position(data.position() + n);
                offset += n;
                bodyRemaining -= n;
                if (bodyRemaining == 0) {
                    return done();
                }
            }
        }
        return false;
    }

    private boolean done() {
        headLength = 0;
        bodyRemaining = -1;
        return true;
    }

    private void parseHead() throws IOException {
        String text = new String(head, 0, headLength - 4, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x status line at offset " + (offset - headLength) + ": " + lines[0]);
        }
        try {
            status = Integer.parseInt(statusLine[1]);
        } catch (NumberFormatException e) {
            throw new IOException("bad status code at offset " + (offset - headLength) + ": " + lines[0], e);
        }
        long length = -1;
        close = statusLine[0].equals("HTTP/1.0");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                throw new IOException("bad header line at offset " + (offset - headLength) + ": " + lines[i]);
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            if (name.equals("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equals("transfer-encoding")) {
                throw new IOException("chunked response at offset " + (offset - headLength) + " (need Content-Length)");
            } else if (name.equals("connection")) {
                close = value.equalsIgnoreCase("close");
            }
        }
        if (length < 0) {
            throw new IOException("response without Content-Length at offset " + (offset - headLength));
        }
        bodyRemaining = length;
    }

    /** @return the status code of the last whole response */
    int status() {
        return status;
    }

    /** @return whether the last whole response asked to close the connection */
    boolean closeAfter() {
        return close;
    }
}
