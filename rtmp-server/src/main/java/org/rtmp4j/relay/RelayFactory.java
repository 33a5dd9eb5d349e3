package org.rtmp4j.relay;

/**
 * Makes and starts the relays of one {@link RelayKind} for {@link Relays#create}. Registered with
 * {@link Relays#register}.
 */
@FunctionalInterface
public interface RelayFactory {
    /**
     * Starts a relay for {@code request}; it is added to {@code relays} by the caller.
     *
     * @param relays the registry, for {@link Relays#nextId} and its shared executors
     * @param request what to relay
     * @return the started relay
     * @throws IllegalArgumentException when the request's source or destination is malformed (the
     *     message says which and why; the HTTP API answers 400 with it)
     */
    Relay start(Relays relays, RelayRequest request);
}
