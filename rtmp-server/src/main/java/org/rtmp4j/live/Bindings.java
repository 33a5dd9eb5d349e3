package org.rtmp4j.live;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.rtmp4j.core.session.RtmpSession;

/**
 * Which {@link LiveStream} each (session id, message stream id) publishes or plays, so callbacks
 * find their stream in two hash lookups without allocating. Thread-safe.
 */
final class Bindings {
    /** A stream's role in the relay. */
    sealed interface Binding permits PublisherBinding, PlayerBinding {
        LiveStream stream();
    }

    record PublisherBinding(LiveStream stream, Ingest ingest) implements Binding {}

    record PlayerBinding(LiveStream stream, Output output) implements Binding {}

    /** session id → (message stream id → binding). */
    private final ConcurrentHashMap<String, ConcurrentHashMap<Integer, Binding>> sessions = new ConcurrentHashMap<>();

    /** @return the binding this one replaces on the same stream id, or {@code null} */
    Binding bind(RtmpSession session, int streamId, Binding binding) {
        return sessions.computeIfAbsent(session.id(), id -> new ConcurrentHashMap<>()).put(streamId, binding);
    }

    /** @return the removed binding, or {@code null} */
    Binding unbind(RtmpSession session, int streamId) {
        ConcurrentHashMap<Integer, Binding> bindings = sessions.get(session.id());
        return bindings == null ? null : bindings.remove(streamId);
    }

    /** @return the stream {@code streamId} of {@code session} publishes to, or {@code null} */
    PublisherBinding publisher(RtmpSession session, int streamId) {
        ConcurrentHashMap<Integer, Binding> bindings = sessions.get(session.id());
        Binding b = bindings == null ? null : bindings.get(streamId);
        return b instanceof PublisherBinding p ? p : null;
    }

    /** @return every binding of {@code session}, now forgotten */
    Collection<Binding> removeSession(RtmpSession session) {
        ConcurrentHashMap<Integer, Binding> bindings = sessions.remove(session.id());
        return bindings == null ? List.of() : bindings.values();
    }
}
