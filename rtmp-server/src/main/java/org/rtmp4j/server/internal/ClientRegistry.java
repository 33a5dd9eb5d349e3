package org.rtmp4j.server.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.rtmp4j.server.ClientInfo;

/**
 * The open connections of one server, every listener, by id (for the client list of an HTTP API),
 * and the protocol errors that closed connections, by kind. Thread-safe.
 */
public final class ClientRegistry {
    private final ConcurrentSkipListMap<Long, ClientEntry> open = new ConcurrentSkipListMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    /**
     * Registers a connection being accepted.
     *
     * @param protocol what carries the connection, in lower case ({@code rtmp}, {@code rtmps}, {@code http},
     *     {@code https}, {@code rtmpt}, {@code rtmpts}): {@link ClientInfo#protocol()}, and the kind until the
     *     protocol sets a {@link ClientDetail}
     * @param stats the server's counters, which the entry forwards to
     * @return the entry, to be the transport's listener
     */
    public ClientEntry open(String protocol, ServerStats stats) {
        ClientEntry e = new ClientEntry(ids.incrementAndGet(), protocol, clock.instant(), stats, this);
        open.put(e.id(), e);
        return e;
    }

    void remove(ClientEntry e) {
        open.remove(e.id(), e);
    }

    /** @return a snapshot of every open connection, by id */
    public List<ClientInfo> list() {
        List<ClientInfo> out = new ArrayList<>(open.size());
        for (ClientEntry e : open.values()) {
            out.add(e.info());
        }
        return out;
    }

    /**
     * @param id a connection id
     * @return its snapshot, or empty when no open connection has it
     */
    public Optional<ClientInfo> get(long id) {
        ClientEntry e = open.get(id);
        return e == null ? Optional.empty() : Optional.of(e.info());
    }

    /**
     * @param id a connection id
     * @return whether an open connection had it (it is being closed)
     */
    public boolean close(long id) {
        ClientEntry e = open.get(id);
        if (e == null) {
            return false;
        }
        e.close();
        return true;
    }

    /** @return open connections */
    public int size() {
        return open.size();
    }

    /** @param kind a protocol error's kind, e.g. {@code rtmp-chunk}, {@code http-400}: counts one */
    public void protocolError(String kind) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    /** @return protocol errors so far by kind */
    public Map<String, Long> protocolErrors() {
        Map<String, Long> out = new java.util.TreeMap<>();
        errors.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
