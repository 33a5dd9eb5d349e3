package org.rtmp4j.relay;

import java.time.Instant;
import java.util.Objects;

/**
 * A relay as the host sees it at one moment, for the HTTP API ({@code GET /api/v1/relays}) and the
 * console. An immutable snapshot: read it again for newer values.
 *
 * @param id the relay's id, unique in its {@link Relays}, e.g. {@code push-3}
 * @param kind push, pull or exec
 * @param source where media comes from: a local stream ({@code APP/KEY}) for push and exec, a URL
 *     ({@code rtmp://origin/app/key}) for pull
 * @param destination where media goes: a URL for push, a local stream ({@code APP/KEY}) for pull,
 *     the command line for exec
 * @param state the current state
 * @param retries attempts made after the first (reconnects, restarts), 0 while the first holds
 * @param bytes media bytes moved so far over all attempts (sent for push, received for pull, given
 *     to the process for exec)
 * @param lastError the last failure's message, {@code null} when none yet
 * @param startTime when the relay was created
 */
public record RelayInfo(String id, RelayKind kind, String source, String destination, RelayState state,
        int retries, long bytes, String lastError, Instant startTime) {

    /** @throws NullPointerException when a field other than {@code lastError} is {@code null} */
    public RelayInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(startTime, "startTime");
    }
}
