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

    /**
     * Whether {@code key} is live or a publisher is on its way: asks {@code relay}'s {@link
     * LiveBroadcastController#resolveStream} hook (an on-demand edge starts its pull there) when the name
     * is not live. For outputs outside this package that start only on a live name (the HLS muxer), so an
     * edge pulls for them too. Must be called after the play decision admitted the player.
     *
     * @param relay the hub
     * @param key the name a player asks for
     * @return whether the name is live or will be
     * @throws NullPointerException if an argument is null
     */
    public static boolean liveOrResolving(LiveBroadcastController relay, StreamKey key) {
        Objects.requireNonNull(relay, "relay");
        Objects.requireNonNull(key, "key");
        return relay.isLive(key) || relay.resolveStream(key);
    }
}
