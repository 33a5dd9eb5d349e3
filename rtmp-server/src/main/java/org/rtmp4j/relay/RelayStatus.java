package org.rtmp4j.relay;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bookkeeping every relay kind shares: its state, retries, bytes, last error and start time,
 * read as a {@link RelayInfo}. A final state ({@link RelayState#STOPPED}, {@link RelayState#FAILED})
 * is kept: later transitions are ignored, so a connection that fails while the relay is being stopped
 * does not turn it back to {@code RETRYING}.
 *
 * <p>Thread-safety: thread-safe; each transition is atomic.
 */
public final class RelayStatus {
    private final String id;
    private final RelayKind kind;
    private final String source;
    private final String destination;
    private final Instant startTime;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger retries = new AtomicInteger();
    private int failures; // consecutive, since the last LIVE; guarded by this
    private RelayState state = RelayState.CONNECTING; // guarded by this
    private String lastError; // guarded by this

    /**
     * @param id the relay's id
     * @param kind its kind
     * @param source its source as {@link RelayInfo#source()} describes
     * @param destination its destination as {@link RelayInfo#destination()} describes
     * @param clock gives the start time
     */
    public RelayStatus(String id, RelayKind kind, String source, String destination, Clock clock) {
        this.id = Objects.requireNonNull(id, "id");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.source = Objects.requireNonNull(source, "source");
        this.destination = Objects.requireNonNull(destination, "destination");
        this.startTime = clock.instant();
    }

    /** @return the relay's id */
    public String id() {
        return id;
    }

    /** @return the current state */
    public synchronized RelayState state() {
        return state;
    }

    /** @return the failures since the relay was last {@link RelayState#LIVE}: the next retry's number minus one */
    public synchronized int failures() {
        return failures;
    }

    /**
     * A new attempt starts.
     *
     * @return whether the state changed (false once final)
     */
    public synchronized boolean connecting() {
        return moveTo(RelayState.CONNECTING);
    }

    /**
     * Media moves; the failure count restarts.
     *
     * @return whether the state changed (false once final)
     */
    public synchronized boolean live() {
        if (state.isFinal()) {
            return false;
        }
        failures = 0;
        return moveTo(RelayState.LIVE);
    }

    /**
     * An attempt failed and another will be made: counts a retry and a failure.
     *
     * @param error why, for {@link RelayInfo#lastError()}
     * @return the retry's number (1 for the first since the last {@code LIVE}), or 0 when the relay is
     *     already final and nothing changed
     */
    public synchronized int retrying(String error) {
        if (state.isFinal()) {
            return 0;
        }
        lastError = error;
        retries.incrementAndGet();
        failures++;
        moveTo(RelayState.RETRYING);
        return failures;
    }

    /**
     * Records an error without changing state (e.g. a warning from the peer).
     *
     * @param error the message
     */
    public synchronized void error(String error) {
        lastError = error;
    }

    /**
     * Ends on purpose.
     *
     * @return whether this call ended it (false when already final)
     */
    public synchronized boolean stopped() {
        return moveTo(RelayState.STOPPED);
    }

    /**
     * Gives up.
     *
     * @param error why, for {@link RelayInfo#lastError()}
     * @return whether this call ended it (false when already final)
     */
    public synchronized boolean failed(String error) {
        if (state.isFinal()) {
            return false;
        }
        lastError = error;
        return moveTo(RelayState.FAILED);
    }

    /**
     * Counts moved media bytes.
     *
     * @param count bytes, not negative
     */
    public void addBytes(long count) {
        bytes.addAndGet(count);
    }

    /** @return a snapshot */
    public synchronized RelayInfo info() {
        return new RelayInfo(id, kind, source, destination, state, retries.get(), bytes.get(), lastError, startTime);
    }

    private boolean moveTo(RelayState next) {
        if (state.isFinal() || state == next) {
            return false;
        }
        state = next;
        return true;
    }
}
