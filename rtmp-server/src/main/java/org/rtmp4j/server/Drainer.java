package org.rtmp4j.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.rtmp4j.core.session.ServerConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One drain of an {@link RtmpServer}: asks every connection able to follow it to reconnect (E-RTMP
 * v2, Reconnect Request), completes when the server's connection set is empty, and at the timeout
 * closes whatever is left. Thread-safe: {@link #connectionClosed()} runs on loop threads, the
 * timeout on the JDK's delayed executor.
 */
final class Drainer {
    private static final Logger LOG = LoggerFactory.getLogger(Drainer.class);
    /** How long the timeout waits for the close callbacks of the connections it closes. */
    private static final long CLOSE_WAIT_SECONDS = 5;

    private final Set<ServerConnection> connections;
    private final CompletableFuture<DrainResult> result = new CompletableFuture<>();
    private final long startNanos = System.nanoTime();
    private volatile int requested;
    private volatile int notCapable;
    private volatile boolean started;
    /** Set when the timeout fires: from then on the timeout completes the drain, with its count. */
    private volatile boolean timedOut;

    Drainer(Set<ServerConnection> connections) {
        this.connections = connections;
    }

    /** Sends the requests and arms the timeout. Call once. */
    CompletableFuture<DrainResult> start(String tcUrlOrNull, String description, Duration timeout) {
        int sent = 0;
        int others = 0;
        for (ServerConnection c : List.copyOf(connections)) {
            if (c.requestReconnect(tcUrlOrNull, description)) {
                sent++;
            } else {
                others++;
            }
        }
        requested = sent;
        notCapable = others;
        started = true;
        LOG.info("draining: {} connections asked to reconnect{}, {} unable to follow (served until they leave "
                + "or {} pass)", sent, tcUrlOrNull == null ? "" : " to " + tcUrlOrNull, others, timeout);
        CompletableFuture.delayedExecutor(timeout.toNanos(), TimeUnit.NANOSECONDS).execute(this::timeout);
        connectionClosed();
        return result;
    }

    /** A connection left: completes the drain when it was the last one. */
    void connectionClosed() {
        if (started && !timedOut && connections.isEmpty() && !result.isDone()) {
            result.complete(new DrainResult(requested, notCapable, 0, elapsed()));
        }
    }

    private void timeout() {
        timedOut = true;
        if (result.isDone()) {
            return;
        }
        List<ServerConnection> rest = List.copyOf(connections);
        LOG.info("drain timeout: closing {} remaining connections", rest.size());
        List<CompletableFuture<Void>> closes = new ArrayList<>(rest.size());
        for (ServerConnection c : rest) {
            closes.add(c.close());
        }
        CompletableFuture.allOf(closes.toArray(new CompletableFuture<?>[0]))
                .completeOnTimeout(null, CLOSE_WAIT_SECONDS, TimeUnit.SECONDS).whenComplete((v, t) ->
                result.complete(new DrainResult(requested, notCapable, rest.size(), elapsed())));
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
