package org.rtmp4j.live;

import java.util.Objects;
import org.rtmp4j.core.command.Status;

/**
 * The one play decision ({@link LiveBroadcastController#authorizePlay}, a protected hook) for
 * outputs that live outside this package, such as the HLS handler ({@code org.rtmp4j.hls}): they ask
 * here instead of widening the hook itself, so a host still overrides one method for every protocol.
 */
public final class PlayDecision {
    private PlayDecision() {}

    /**
     * Asks {@code relay}'s {@link LiveBroadcastController#authorizePlay} hook. Called on the player's
     * thread; the hook must not block.
     *
     * @param relay the hub
     * @param attempt the stream, the protocol, the peer and the query string
     * @return {@code null} to go on, or the refusal (HTTP players: {@code 403} with its description)
     * @throws NullPointerException if an argument is null
     */
    public static Status authorize(LiveBroadcastController relay, PlayAttempt attempt) {
        Objects.requireNonNull(relay, "relay");
        Objects.requireNonNull(attempt, "attempt");
        return relay.authorizePlay(attempt);
    }
}
