package org.rtmp4j.relay;

import java.util.Objects;

/**
 * A request to add a relay at run time ({@code POST /api/v1/relays}, {@link Relays#create}), in the
 * terms of {@link RelayInfo}; the kind's {@link RelayFactory} checks and interprets the strings.
 *
 * @param kind push, pull or exec
 * @param source push and exec: the local stream {@code APP/KEY}; pull: the URL to play
 * @param destination push: the URL to publish to; pull: the local stream {@code APP/KEY}; exec: the
 *     command line, with {@code {url}}, {@code {app}} and {@code {key}} placeholders
 */
public record RelayRequest(RelayKind kind, String source, String destination) {
    /** @throws NullPointerException when a field is {@code null} */
    public RelayRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
    }
}
