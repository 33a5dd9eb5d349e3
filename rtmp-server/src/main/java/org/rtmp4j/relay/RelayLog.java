package org.rtmp4j.relay;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A relay's recent log lines for {@link Relay#logTail()}: at most {@code capacity} lines, each prefixed with its
 * time (ISO-8601 UTC); the oldest goes when a new one comes. Thread-safe.
 */
final class RelayLog {
    private final Clock clock;
    private final int capacity;
    private final ArrayDeque<String> lines = new ArrayDeque<>(); // guarded by this

    /**
     * @param clock gives each line's time
     * @param capacity the most lines kept, at least 1
     */
    RelayLog(Clock clock, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.clock = clock;
        this.capacity = capacity;
    }

    /** @param line the text, without its time */
    synchronized void add(String line) {
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(clock.instant() + " " + line);
    }

    /** @return the lines kept, oldest first */
    synchronized List<String> lines() {
        return new ArrayList<>(lines);
    }
}
