package org.rtmp4j.examples;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import org.rtmp4j.http.HttpBodyListener;
import org.rtmp4j.http.HttpExchange;
import org.rtmp4j.http.HttpHandler;
import org.rtmp4j.http.HttpHeaders;
import org.rtmp4j.http.HttpRequestHead;
import org.rtmp4j.http.HttpResponseStream;
import org.rtmp4j.http.WebSocketListener;
import org.rtmp4j.http.WebSocketSession;

/**
 * A test's record of the requests a handler answered: arrival and answer times (ms since the log was made),
 * target and status, the newest {@link #CAPACITY} kept, for a failing browser test's message. Thread-safe.
 */
final class RequestLog {
    private static final int CAPACITY = 600;
    private final long start = System.nanoTime();
    private final Deque<String> entries = new ArrayDeque<>();

    /** @return {@code handler}, each exchange recorded when it is answered */
    HttpHandler around(HttpHandler handler) {
        return exchange -> handler.handle(new Recorded(exchange, millis()));
    }

    private long millis() {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private synchronized void add(String entry) {
        if (entries.size() == CAPACITY) {
            entries.removeFirst();
        }
        entries.addLast(entry);
    }

    @Override
    public synchronized String toString() {
        return String.join("\n", entries);
    }

    private final class Recorded implements HttpExchange {
        private final HttpExchange exchange;
        private final long arrived;

        Recorded(HttpExchange exchange, long arrived) {
            this.exchange = exchange;
            this.arrived = arrived;
        }

        @Override
        public HttpRequestHead request() {
            return exchange.request();
        }

        @Override
        public SocketAddress remoteAddress() {
            return exchange.remoteAddress();
        }

        @Override
        public void onBody(HttpBodyListener listener) {
            exchange.onBody(listener);
        }

        @Override
        public void respond(int status, HttpHeaders headers, ByteBuffer body) {
            add(arrived + ".." + millis() + " " + status + " " + exchange.request().target() + " (" + body.remaining()
                    + " bytes)");
            exchange.respond(status, headers, body);
        }

        @Override
        public HttpResponseStream stream(int status, HttpHeaders headers) {
            add(arrived + ".." + millis() + " " + status + " stream " + exchange.request().target());
            return exchange.stream(status, headers);
        }

        @Override
        public boolean isWebSocketUpgrade() {
            return exchange.isWebSocketUpgrade();
        }

        @Override
        public WebSocketSession acceptWebSocket(WebSocketListener listener) {
            return exchange.acceptWebSocket(listener);
        }

        @Override
        public void describeClient(String kind, String stream, java.util.function.LongSupplier droppedMessages) {
            exchange.describeClient(kind, stream, droppedMessages);
        }

        @Override
        public void execute(Runnable task) {
            exchange.execute(task);
        }
    }
}
