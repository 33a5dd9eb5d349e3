package org.rtmp4j.relay;

import java.util.Locale;

/**
 * Where a relay is in its life. Normal course: {@code CONNECTING → LIVE}, on a lost connection or an
 * exited process {@code → RETRYING → CONNECTING → LIVE ...}, and at the end {@code STOPPED} (stopped on
 * purpose: removed, its stream ended, the server closing) or {@code FAILED} (gave up: retries exhausted
 * or a refusal that retrying cannot cure, such as a malformed URL).
 */
public enum RelayState {
    /** Opening its connection or starting its process. */
    CONNECTING,
    /** Moving media. */
    LIVE,
    /** Waiting for its next attempt ({@link Backoff}). */
    RETRYING,
    /** Ended on purpose; final. */
    STOPPED,
    /** Gave up; final. */
    FAILED;

    /** @return the lower-case name for the HTTP API and metrics, e.g. {@code retrying} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return whether this state is final ({@link #STOPPED} or {@link #FAILED}) */
    public boolean isFinal() {
        return this == STOPPED || this == FAILED;
    }
}
