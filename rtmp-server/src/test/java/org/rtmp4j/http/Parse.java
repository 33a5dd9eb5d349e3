package org.rtmp4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Drives an {@link HttpRequestParser} over a byte stream cut into pieces, answering every pause at
 * once, and describes the events independently of the cuts (adjacent body pieces are merged, as h11's
 * tests normalise data events).
 */
final class Parse {
    /** Cut sizes: whole, 1 byte, 2 bytes, 7 bytes. */
    static final int[] SPLITS = {Integer.MAX_VALUE, 1, 2, 7};

    /** What a run produced: event descriptions and the failure, if any. */
    record Result(List<String> events, HttpRequestException failure, List<HttpRequestHead> heads) {}

    private Parse() {}

    static Result run(String raw, int split) {
        return run(new HttpRequestParser(HttpLimits.defaults()), raw.getBytes(StandardCharsets.ISO_8859_1), split, null);
    }

    static Result run(HttpLimits limits, String raw, int split) {
        return run(new HttpRequestParser(limits), raw.getBytes(StandardCharsets.ISO_8859_1), split, null);
    }

    /** Runs one parser; cuts are {@code split} bytes, or random up to 64 when {@code random} is set. */
    static Result run(HttpRequestParser parser, byte[] data, int split, Random random) {
        List<String> events = new ArrayList<>();
        List<HttpRequestHead> heads = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        int at = 0;
        try {
            outer:
            while (at < data.length) {
                int n = random != null ? Math.min(data.length - at, random.nextInt(65))
                        : (int) Math.min((long) data.length - at, split);
                ByteBuffer in = ByteBuffer.wrap(data, at, n);
                while (true) {
                    HttpEvent e = parser.next(in);
                    if (e instanceof HttpEvent.Body b) {
                        assertThat(b.data().isReadOnly()).isTrue();
                        assertThat(b.data().remaining()).isPositive();
                        body.append(StandardCharsets.ISO_8859_1.decode(b.data().duplicate()));
                        continue;
                    }
                    if (e == HttpEvent.NEED_DATA) {
                        assertThat(in.hasRemaining()).isFalse();
                        break;
                    }
                    flush(body, events);
                    if (e == HttpEvent.PAUSED) {
                        parser.startNextRequest();
                    } else if (e == HttpEvent.CLOSED) {
                        events.add("CLOSED");
                        break outer;
                    } else if (e instanceof HttpEvent.Request r) {
                        heads.add(r.head());
                        events.add(describe(r.head()));
                    } else if (e instanceof HttpEvent.EndOfRequest end) {
                        events.add("END" + (end.trailers().size() == 0 ? "" : " " + end.trailers()));
                    }
                }
                at += n;
                assertThat(parser.bytesConsumed()).isEqualTo(at);
            }
            flush(body, events);
            return new Result(events, null, heads);
        } catch (HttpRequestException e) {
            flush(body, events);
            return new Result(events, e, heads);
        }
    }

    static String describe(HttpRequestHead h) {
        return h.method() + " " + h.target() + " " + h.version().text() + (h.keepAlive() ? " keep-alive" : " close")
                + (h.chunked() ? " chunked" : " length=" + h.contentLength());
    }

    private static void flush(StringBuilder body, List<String> events) {
        if (body.length() > 0) {
            events.add("BODY " + body);
            body.setLength(0);
        }
    }
}
