package org.rtmp4j.http;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * The request side of one HTTP/1.x server connection as an explicit state machine, without I/O
 * (RFC 9112): the runtime hands it the bytes it reads and gets {@link HttpEvent}s back.
 *
 * <pre>{@code
 * for (HttpEvent e = parser.next(in); e != HttpEvent.NEED_DATA; e = parser.next(in)) {
 *     if (e instanceof HttpEvent.Request r) { route r.head() }
 *     else if (e instanceof HttpEvent.Body b) { consume b.data() before reusing in }
 *     else if (e == HttpEvent.PAUSED) { finish the response, then parser.startNextRequest() }
 *     else if (e == HttpEvent.CLOSED) { close after the response; break }
 * }
 * }</pre>
 *
 * <p>Per request: one {@link HttpEvent.Request} once the head is complete (request line RFC 9112
 * §3, header fields §5), the body as {@link HttpEvent.Body} slices of the caller's buffer (length
 * from {@code Content-Length} §6.3 or chunked §7.1; no body when neither), then
 * {@link HttpEvent.EndOfRequest}. After that the parser pauses ({@link HttpEvent#PAUSED}, leaving
 * pipelined bytes unread) until {@link #startNextRequest()}, or reports {@link HttpEvent#CLOSED} when
 * the request was not keep-alive. Empty lines before a request line are ignored (RFC 9112 §2.2).
 * After a request that switches protocols (a WebSocket handshake, RFC 9110 §7.8) the bytes left in
 * the buffer at {@link HttpEvent#PAUSED} belong to the new protocol.
 *
 * <p>Errors: {@link HttpRequestException} with status, reason and the byte offset (counted from the
 * connection's first byte); the parser then fails every later call the same way. Line ends must be
 * CRLF: a bare LF is refused (400), which RFC 9112 §2.2 permits, so that this parser and any other
 * on the path never disagree on where a line ends.
 *
 * <p>Head deadline: the clock given to the constructor is read when the first byte of a request
 * head is consumed; {@link #checkHeadDeadline()} fails with 408 once {@link HttpLimits#headDeadline()}
 * has passed since, however many bytes trickled in. The runtime calls it from its timer. Waiting for
 * a first byte is not covered (that is the runtime's idle timeout).
 *
 * <p>Not thread-safe: one parser per connection, used by one thread at a time.
 */
public final class HttpRequestParser {
    private enum State { HEAD, BODY, CHUNKED, PAUSED, CLOSED, FAILED }

    private final HttpLimits limits;
    private final LongSupplier nanoClock;
    private final LineBuffer requestLine;
    private final FieldSectionReader fields;
    private final ChunkedBodyReader chunked;
    private State state = State.HEAD;
    private RequestLineParser.RequestLine line;
    private HttpRequestHead head;
    private long remaining;
    private long consumed;
    private long headStartedNanos;
    private boolean headStarted;
    private HttpRequestException failure;

    /**
     * A parser on {@link System#nanoTime()}.
     *
     * @param limits the limits
     */
    public HttpRequestParser(HttpLimits limits) {
        this(limits, System::nanoTime);
    }

    /**
     * @param limits the limits
     * @param nanoClock monotonic time in nanoseconds, for the head deadline (tests pass a fake)
     */
    public HttpRequestParser(HttpLimits limits, LongSupplier nanoClock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.requestLine = new LineBuffer(128);
        this.fields = new FieldSectionReader(limits.maxHeaderCount(), limits.maxHeaderBytes());
        this.chunked = new ChunkedBodyReader(limits);
    }

    /**
     * Consumes bytes from {@code in} up to the next event. Head bytes are copied (the head may span
     * reads); body bytes are not.
     *
     * @param in bytes read from the connection; its position advances past what was consumed, which
     *     is everything when the result is {@link HttpEvent#NEED_DATA} and nothing when it is
     *     {@link HttpEvent#PAUSED} or {@link HttpEvent#CLOSED}
     * @return the next event, never null
     * @throws HttpRequestException when the request must be refused (status, reason, offset); the
     *     connection must then be closed
     */
    public HttpEvent next(ByteBuffer in) {
        if (failure != null) {
            throw failure;
        }
        int before = in.position();
        try {
            return step(in);
        } catch (HttpRequestException e) {
            failure = e;
            state = State.FAILED;
            throw e;
        } finally {
            consumed += in.position() - before;
        }
    }

    private HttpEvent step(ByteBuffer in) {
        switch (state) {
            case HEAD:
                return head(in);
            case BODY:
                if (remaining == 0) {
                    return endOfRequest(HttpHeaders.EMPTY);
                }
                if (!in.hasRemaining()) {
                    return HttpEvent.NEED_DATA;
                }
                int n = (int) Math.min(remaining, in.remaining());
                ByteBuffer slice = in.slice(in.position(), n).asReadOnlyBuffer();
                in.position(in.position() + n);
                remaining -= n;
                return new HttpEvent.Body(slice);
            case CHUNKED:
                HttpEvent e = chunked.next(in, consumed);
                return e instanceof HttpEvent.EndOfRequest end ? endOfRequest(end.trailers()) : e;
            case PAUSED:
                return HttpEvent.PAUSED;
            default:
                return HttpEvent.CLOSED;
        }
    }

    private HttpEvent head(ByteBuffer in) {
        long base = consumed - in.position();
        while (in.hasRemaining()) {
            long at = base + in.position();
            if (!headStarted) {
                headStarted = true;
                headStartedNanos = nanoClock.getAsLong();
            }
            byte b = in.get();
            if (line == null) {
                int r = requestLine.add(b, at, limits.maxRequestLineLength());
                if (r == LineBuffer.TOO_LONG) {
                    throw new HttpRequestException(414, at,
                            "request line longer than " + limits.maxRequestLineLength() + " bytes");
                }
                if (r == LineBuffer.LINE) {
                    lineEnded();
                }
            } else if (fields.add(b, at)) {
                head = MessageFraming.head(line, fields, at + 1);
                headStarted = false;
                if (head.chunked()) {
                    chunked.reset();
                    state = State.CHUNKED;
                } else {
                    remaining = head.contentLength();
                    state = State.BODY;
                }
                return new HttpEvent.Request(head);
            }
        }
        return HttpEvent.NEED_DATA;
    }

    private void lineEnded() {
        int len = requestLine.length();
        long start = requestLine.start();
        requestLine.reset();
        if (len > 0) {
            line = RequestLineParser.parse(requestLine.bytes(), len, start);
        }
        // else: an empty line before the request line, ignored (RFC 9112 §2.2); it still counts
        // toward the deadline, which started at its first byte
    }

    private HttpEvent endOfRequest(HttpHeaders trailers) {
        state = head.keepAlive() ? State.PAUSED : State.CLOSED;
        return new HttpEvent.EndOfRequest(trailers);
    }

    /**
     * Lets the parser read the next request after the runtime answered the previous one.
     *
     * @throws IllegalStateException unless the parser is paused ({@link HttpEvent#PAUSED})
     */
    public void startNextRequest() {
        if (state != State.PAUSED) {
            throw new IllegalStateException("not paused after a keep-alive request but " + state);
        }
        state = State.HEAD;
        line = null;
        head = null;
        fields.reset();
        requestLine.reset();
    }

    /**
     * @return when the current request head's first byte was consumed, on the constructor's clock;
     *     empty when no head is in progress (between requests or while reading a body)
     */
    public OptionalLong headStartedNanos() {
        return headStarted && state == State.HEAD ? OptionalLong.of(headStartedNanos) : OptionalLong.empty();
    }

    /**
     * Fails the request if its head is still incomplete {@link HttpLimits#headDeadline()} after its
     * first byte; more bytes never extend the deadline. Does nothing when no head is in progress.
     *
     * @throws HttpRequestException 408 (RFC 9110 §15.5.9) past the deadline; the parser is then failed
     */
    public void checkHeadDeadline() {
        if (failure != null || !headStarted || state != State.HEAD) {
            return;
        }
        long elapsed = nanoClock.getAsLong() - headStartedNanos;
        if (elapsed >= limits.headDeadline().toNanos()) {
            failure = new HttpRequestException(408, consumed,
                    "request head not complete within " + limits.headDeadline().toMillis() + " ms");
            state = State.FAILED;
            throw failure;
        }
    }

    /**
     * @return whether a request has started but not ended: a close of the connection now would cut
     *     it (between requests, after {@link HttpEvent#PAUSED}, this is false)
     */
    public boolean inRequest() {
        return switch (state) {
            case HEAD -> headStarted;
            case BODY, CHUNKED -> true;
            default -> false;
        };
    }

    /** @return bytes consumed from the connection so far */
    public long bytesConsumed() {
        return consumed;
    }

    /** @return the limits */
    public HttpLimits limits() {
        return limits;
    }
}
