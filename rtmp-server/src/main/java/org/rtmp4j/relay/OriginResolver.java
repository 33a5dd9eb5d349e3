package org.rtmp4j.relay;

import java.net.URI;
import java.util.List;
import org.rtmp4j.live.StreamKey;

/**
 * Chooses the origins an {@link OnDemandEdge} pulls a stream from: the host's hook for a registry of
 * its own (which origin holds which stream). The CLI's {@code --origin} is {@link #fixed}.
 *
 * <p>Thread-safety: called on a player's event loop, possibly concurrently; must not block (look the
 * answer up in memory).
 */
@FunctionalInterface
public interface OriginResolver {
    /**
     * @param key the stream a player asked for and that is not live here
     * @return the origins' {@code rtmp://host[:port]/app} URLs to try in order (the edge plays
     *     {@code ORIGIN/KEY}), empty when this edge does not serve {@code key} (the player is then
     *     treated as if there were no edge)
     */
    List<URI> origins(StreamKey key);

    /**
     * @param origins {@code rtmp://host[:port]/app} URLs, tried in order for every stream
     * @return a resolver that answers them for every key
     */
    static OriginResolver fixed(List<URI> origins) {
        List<URI> copy = List.copyOf(origins);
        return key -> copy;
    }
}
