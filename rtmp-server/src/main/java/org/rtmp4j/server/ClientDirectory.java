package org.rtmp4j.server;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rtmp4j.server.internal.ClientRegistry;

/**
 * The open connections of a server, RTMP and HTTP alike, for an operator's client list: a
 * {@link ClientInfo} per connection (kind, address, stream, bytes, RTT, drops), closing one by id,
 * and the protocol errors that closed connections, by kind. Get it with {@link RtmpServer#clients()}.
 *
 * <p>Thread-safety: every method is thread-safe; a list is taken one connection at a time (not one
 * instant's picture of all).
 */
public final class ClientDirectory {
    private final ClientRegistry registry;

    ClientDirectory(ClientRegistry registry) {
        this.registry = registry;
    }

    /** @return a snapshot of every open connection, in accept order (ascending id) */
    public List<ClientInfo> list() {
        return registry.list();
    }

    /**
     * @param id a connection id ({@link ClientInfo#id()})
     * @return its snapshot, or empty when no open connection has that id
     */
    public Optional<ClientInfo> get(long id) {
        return registry.get(id);
    }

    /**
     * Closes the connection with {@code id}: an RTMP connection through its engine (its controller
     * hears {@code onClose} at once, a publisher's players hear that it left), an HTTP connection's
     * socket at once. Asynchronous: the connection may still be listed for a moment.
     *
     * @param id a connection id
     * @return whether an open connection had that id
     */
    public boolean close(long id) {
        return registry.close(id);
    }

    /** @return open connections now */
    public int size() {
        return registry.size();
    }

    /**
     * Protocol errors that closed a connection since start, by kind: {@code rtmp-handshake}, {@code
     * rtmp-chunk}, {@code rtmp-amf}, {@code rtmp-message} (other RTMP protocol violations), {@code
     * rtmp-timeout} (handshake, connect or idle deadline), {@code http-NNN} (a request refused with
     * status NNN: 400, 408, 413, 414, 431, ...). Kinds appear when first counted.
     *
     * @return kind to count, sorted by kind
     */
    public Map<String, Long> protocolErrors() {
        return registry.protocolErrors();
    }
}
