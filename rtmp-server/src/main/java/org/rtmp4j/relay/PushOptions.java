package org.rtmp4j.relay;

import java.time.Duration;
import java.util.Objects;
import org.rtmp4j.client.ClientOptions;
import org.rtmp4j.core.session.OutboundLimits;

/**
 * Settings every push relay of a {@link PushRelays} shares (DESIGN-NOTES.md "Push relays (issue 15 §1)").
 * Immutable.
 *
 * @param limits the slow-destination policy, the same as a slow player's (default {@link OutboundLimits#DEFAULT}:
 *     above 2 MiB queued the hub drops to the next keyframe, above 16 MiB it ends the output and the relay
 *     reconnects with {@link #backoff()}); the bytes compared are those queued on the relay's connection
 * @param backoff the retry schedule (default {@link Backoff#DEFAULT}: 0.5 s doubling to 30 s, jitter, no limit)
 * @param client the destination connection's settings; its timeout bounds the TCP connect and the handshake
 *     with {@code connect} (default {@link ClientOptions#defaults()}: 10 s)
 * @param stallTimeout how long a destination may leave queued bytes unread (nothing written to its socket)
 *     before the relay gives the connection up and reconnects (default {@value #DEFAULT_STALL_SECONDS} s):
 *     the slow-output policy drops media above the high watermark, so a destination that stopped reading
 *     would otherwise hold the connection and miss the stream for ever
 */
public record PushOptions(OutboundLimits limits, Backoff backoff, ClientOptions client, Duration stallTimeout) {
    /** Default {@link #stallTimeout()}, seconds. */
    public static final int DEFAULT_STALL_SECONDS = 20;

    /** The defaults listed above. */
    public static final PushOptions DEFAULT = new PushOptions(OutboundLimits.DEFAULT, Backoff.DEFAULT,
            ClientOptions.defaults().withFollowReconnect(false), Duration.ofSeconds(DEFAULT_STALL_SECONDS));

    /** @throws NullPointerException when a part is {@code null}; IllegalArgumentException for a stall timeout under 1 ms */
    public PushOptions {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(stallTimeout, "stallTimeout");
        if (stallTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("stallTimeout must be at least 1 ms: " + stallTimeout);
        }
    }

    /**
     * @param newStallTimeout how long queued bytes may stay unwritten
     * @return a copy with it
     */
    public PushOptions withStallTimeout(Duration newStallTimeout) {
        return new PushOptions(limits, backoff, client, newStallTimeout);
    }

    /**
     * @param newLimits the slow-destination bounds
     * @return a copy with them
     */
    public PushOptions withLimits(OutboundLimits newLimits) {
        return new PushOptions(newLimits, backoff, client, stallTimeout);
    }

    /**
     * @param newBackoff the retry schedule
     * @return a copy with it
     */
    public PushOptions withBackoff(Backoff newBackoff) {
        return new PushOptions(limits, newBackoff, client, stallTimeout);
    }

    /**
     * @param newClient the connection settings
     * @return a copy with them
     */
    public PushOptions withClient(ClientOptions newClient) {
        return new PushOptions(limits, backoff, newClient, stallTimeout);
    }
}
