package org.rtmp4j.relay;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.rtmp4j.client.ClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt of a {@link PullRelay} over its origins (issue 15 §2, failover that really moves on): opens the
 * URLs in order and moves to the next one at once when a connect fails or the play is refused (e.g. {@code
 * NetStream.Play.StreamNotFound}); reports the first connection that plays, or every origin's error when none
 * does. The backoff between attempts is the relay's. Thread-safety: the callbacks come from the connections'
 * loops and the blocking pool, one at a time per attempt.
 */
final class OriginFailover {
    /** What became of the attempt. */
    interface Outcome {
        /**
         * @param c the connection about to be opened: its first messages may arrive before its open completes (the
         *     last step can complete on a busy blocking-pool thread after the loop delivered the origin's GOP)
         */
        void opening(PullConnection c);

        /** @param c the first origin's connection that plays */
        void playing(PullConnection c);

        /** @param errors every origin's error, in order, separated by {@code "; "} */
        void allFailed(String errors);

        /** @param reason the relays' registry is closing: no connection can be made */
        void registryClosed(String reason);
    }

    private static final Logger LOG = LoggerFactory.getLogger(OriginFailover.class);

    private final String relayId;
    private final List<URI> order;
    private final PullConnection.Events events;
    private final Relays relays;
    private final ClientOptions options;
    private final BooleanSupplier stopping;
    private final Outcome outcome;
    private final UnaryOperator<CompletableFuture<PullConnection>> opens;

    /**
     * @param relayId the relay's id, for logs
     * @param order the origins to try, in order; at least one
     * @param events where each connection's messages go
     * @param relays the registry whose client loops and blocking pool open the connections
     * @param options the client settings of every connection
     * @param stopping true once the relay stops: no further origin is tried
     * @param outcome told once how the attempt ended (not at all when the relay stopped meanwhile)
     * @param opens applied to each connection's open (tests delay it; the relay passes the identity)
     */
    OriginFailover(String relayId, List<URI> order, PullConnection.Events events, Relays relays,
            ClientOptions options, BooleanSupplier stopping, Outcome outcome,
            UnaryOperator<CompletableFuture<PullConnection>> opens) {
        this.relayId = relayId;
        this.order = List.copyOf(order);
        this.events = events;
        this.relays = relays;
        this.options = options;
        this.stopping = stopping;
        this.outcome = outcome;
        this.opens = opens;
    }

    /** Tries the first origin. */
    void start() {
        tryOrigin(0, null);
    }

    private void tryOrigin(int index, String errors) {
        URI url = order.get(index);
        PullConnection c = new PullConnection(url, events);
        outcome.opening(c);
        CompletableFuture<PullConnection> opened;
        try {
            opened = opens.apply(c.open(relays.clients(), relays.blocking(), options));
        } catch (RuntimeException e) { // the registry closed
            outcome.registryClosed(e.getMessage());
            return;
        }
        opened.whenComplete((ok, e) -> {
            if (e == null) {
                outcome.playing(c);
                return;
            }
            String why = url + ": " + describe(e);
            String all = errors == null ? why : errors + "; " + why;
            if (index + 1 < order.size()) {
                LOG.info("{}: {}; trying the next origin", relayId, why);
                if (!stopping.getAsBoolean()) {
                    tryOrigin(index + 1, all);
                }
            } else {
                outcome.allFailed(all);
            }
        });
    }

    /** @return the failure's message without the {@link CompletionException} wrapper, else its class name */
    static String describe(Throwable e) {
        Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }
}
