package org.rtmp4j.relay;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.StreamKey;

/**
 * Makes {@link PullRelay}s for {@link Relays#create} ({@code POST /api/v1/relays} with kind {@code pull}):
 * the request's source is the URL to play, {@code rtmp://host[:port]/app/key}; its destination the local
 * {@code APP/KEY}, or empty for the URL's last two path segments. Register with
 * {@code relays.register(RelayKind.PULL, new PullRelayFactory(hub))}.
 *
 * <p>Thread-safety: stateless, thread-safe.
 */
public final class PullRelayFactory implements RelayFactory {
    private final LiveBroadcastController hub;
    private final Backoff backoff;
    private final Duration hold;

    /**
     * With {@link Backoff#DEFAULT} and a hold time of {@value PullRelay#DEFAULT_HOLD_SECONDS} s.
     *
     * @param hub where the relays publish
     */
    public PullRelayFactory(LiveBroadcastController hub) {
        this(hub, Backoff.DEFAULT, Duration.ofSeconds(PullRelay.DEFAULT_HOLD_SECONDS));
    }

    /**
     * @param hub where the relays publish
     * @param backoff their retry schedule
     * @param hold how long a relay keeps its local publish open while reconnecting, not negative
     */
    public PullRelayFactory(LiveBroadcastController hub, Backoff backoff, Duration hold) {
        this.hub = Objects.requireNonNull(hub, "hub");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.hold = Objects.requireNonNull(hold, "hold");
    }

    /**
     * @throws IllegalArgumentException when the source is not {@code rtmp://host[:port]/app/key} or the
     *     destination not {@code APP/KEY}
     */
    @Override
    public Relay start(Relays relays, RelayRequest request) {
        PullUrls.PullSpec pull = PullUrls.parsePull(request.source());
        StreamKey destination = request.destination().isBlank() ? pull.destination()
                : PullUrls.parseKey(request.destination().strip());
        return PullRelay.start(relays, hub, List.of(pull.source()), destination, backoff, hold);
    }
}
