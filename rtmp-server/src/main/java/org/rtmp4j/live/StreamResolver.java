package org.rtmp4j.live;

/**
 * Fills a stream name that is not live when an output asks for it, without subclassing {@link
 * LiveBroadcastController}: installed with {@link LiveBroadcastController#streamResolver(StreamResolver)}
 * and asked by the default {@link LiveBroadcastController#resolveStream}. An on-demand edge
 * ({@code org.rtmp4j.relay.OnDemandEdge}) is one: it starts a pull from an origin that publishes the
 * name through {@link LiveBroadcastController#publish}.
 *
 * <p>Thread-safety: called on the asking output's thread (an event loop), possibly concurrently for
 * several names or for the same one; must not block.
 */
@FunctionalInterface
public interface StreamResolver {
    /** Resolves nothing: every unknown name stays unknown. */
    StreamResolver NONE = key -> false;

    /**
     * @param key the name an output asked for, not live now
     * @return whether a publisher of {@code key} is on its way (the output then waits for it)
     */
    boolean resolve(StreamKey key);
}
