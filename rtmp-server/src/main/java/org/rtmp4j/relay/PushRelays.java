package org.rtmp4j.relay;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.LiveListener;
import org.rtmp4j.live.StreamKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push relays of one server (issue 15 §1): the static {@link PushRule}s, applied to every stream as it is
 * published, and the {@link RelayFactory} of {@link RelayKind#PUSH} for relays added at run time.
 *
 * <ul>
 *   <li>Each (rule, stream) gets its own {@link PushRelay} ({@link PushRelay.Mode#ONE_PUBLISH}) in the
 *       registry when the stream is published; it ends with the publish and then leaves the registry, so the
 *       registry holds the pushes of live streams only. A new publish of the same stream replaces a relay
 *       still retrying for the previous one, so one destination never gets two pushes of one rule.</li>
 *   <li>A relay added with {@link Relays#create} ({@code POST /api/v1/relays} with {@code {"kind":"push",
 *       "source":"APP/KEY","destination":"rtmp://host/app/name"}}) follows its stream across publishes
 *       ({@link PushRelay.Mode#FOLLOW}) and stays listed until removed.</li>
 * </ul>
 *
 * <p>Thread-safety: thread-safe; {@link #onPublished} runs on the publisher's thread and does not block.
 */
public final class PushRelays implements LiveListener, RelayFactory {
    private static final Logger log = LoggerFactory.getLogger(PushRelays.class);

    private record RuleStream(int rule, StreamKey key) {}

    private final Relays relays;
    private final LiveBroadcastController hub;
    private final List<PushRule> rules;
    private final PushOptions options;
    private final Map<RuleStream, PushRelay> byRule = new HashMap<>(); // guarded by this
    private final List<PushRelay> following = new CopyOnWriteArrayList<>();

    /**
     * Creates the push relays without wiring them; see {@link #install}.
     *
     * @param relays the registry the relays join
     * @param hub the live hub whose streams are pushed
     * @param rules the static rules, in order (a stream matching two rules is pushed twice)
     * @param options limits, backoff and connection settings of every push relay
     */
    public PushRelays(Relays relays, LiveBroadcastController hub, List<PushRule> rules, PushOptions options) {
        this.relays = Objects.requireNonNull(relays, "relays");
        this.hub = Objects.requireNonNull(hub, "hub");
        this.rules = List.copyOf(rules);
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Creates the push relays, listens to {@code hub}'s publishes and registers the push factory in
     * {@code relays}.
     *
     * @param relays the registry
     * @param hub the live hub
     * @param rules the static rules (may be empty: then only relays added at run time)
     * @param options settings of every push relay
     * @return the installed push relays
     */
    public static PushRelays install(Relays relays, LiveBroadcastController hub, List<PushRule> rules,
            PushOptions options) {
        PushRelays pushes = new PushRelays(relays, hub, rules, options);
        hub.addListener(pushes);
        relays.register(RelayKind.PUSH, pushes);
        return pushes;
    }

    /** @return the static rules */
    public List<PushRule> rules() {
        return rules;
    }

    @Override
    public void onPublished(StreamKey key) {
        for (int i = 0; i < rules.size(); i++) {
            Optional<URI> destination = rules.get(i).destinationFor(key);
            if (destination.isEmpty()) {
                continue;
            }
            RuleStream rs = new RuleStream(i, key);
            PushRelay relay = new PushRelay(relays, hub, key, destination.get(), options, PushRelay.Mode.ONE_PUBLISH);
            PushRelay old;
            synchronized (this) {
                old = byRule.put(rs, relay);
            }
            if (old != null) {
                old.stop();
                relays.forget(old);
            }
            try {
                relays.add(relay);
            } catch (IllegalStateException e) {
                log.warn("not pushing {} to {}: {}", key, destination.get(), e.getMessage());
                synchronized (this) {
                    byRule.remove(rs, relay);
                }
                continue;
            }
            relay.onEnd(() -> {
                relays.forget(relay);
                synchronized (this) {
                    byRule.remove(rs, relay);
                }
            });
            relay.start();
        }
        following.removeIf(r -> r.info().state().isFinal());
        for (PushRelay r : following) {
            if (r.source().equals(key)) {
                r.sourcePublished();
            }
        }
    }

    /**
     * Starts a push relay added at run time ({@link PushRelay.Mode#FOLLOW}).
     *
     * @param registry the registry (must be this object's)
     * @param request {@code source} {@code APP/KEY}, {@code destination} {@code rtmp://host[:port]/app/name}
     * @return the started relay
     * @throws IllegalArgumentException when the source or the destination is malformed
     */
    @Override
    public Relay start(Relays registry, RelayRequest request) {
        StreamKey source = streamKey(request.source());
        URI destination = PushRule.checkUrl(request.destination(), "destination");
        PushRelay relay = new PushRelay(registry, hub, source, destination, options, PushRelay.Mode.FOLLOW);
        following.removeIf(r -> r.info().state().isFinal());
        following.add(relay);
        relay.start();
        return relay;
    }

    /**
     * @param source {@code APP/KEY}: the key after the last {@code /}, the app before it (may hold {@code /})
     * @return the stream key
     * @throws IllegalArgumentException when a part is empty or holds whitespace or control characters
     */
    static StreamKey streamKey(String source) {
        int slash = source.lastIndexOf('/');
        if (slash <= 0 || slash == source.length() - 1) {
            throw new IllegalArgumentException("source must be a local stream APP/KEY: '" + cut(source) + "'");
        }
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c <= ' ' || c == 0x7F) {
                throw new IllegalArgumentException("source '" + cut(source) + "' has a space or control character at offset " + i);
            }
        }
        return new StreamKey(source.substring(0, slash), source.substring(slash + 1));
    }

    private static String cut(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }
}
