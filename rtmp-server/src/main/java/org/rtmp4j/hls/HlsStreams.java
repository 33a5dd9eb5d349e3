package org.rtmp4j.hls;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.LiveListener;
import org.rtmp4j.live.LiveSubscription;
import org.rtmp4j.live.PlayDecision;
import org.rtmp4j.live.StreamKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link HlsStream}s of one hub: started by the first HLS request of a live name (or when it is
 * published, with {@link HlsOptions#alwaysOn()}), stopped by {@link #tick} after
 * {@link HlsOptions#idleTimeout()} without requests (never while always on and published) or that
 * long after its publisher left.
 *
 * <p>Thread-safety: safe from any thread (a concurrent map; each stream guards itself).
 */
final class HlsStreams implements LiveListener {
    private static final Logger log = LoggerFactory.getLogger(HlsStreams.class);
    /** The last instance id's clock value, so ids grow even when two start in the same millisecond. */
    private static final AtomicLong LAST_INSTANCE = new AtomicLong();

    private final LiveBroadcastController relay;
    private final HlsOptions options;
    private final Clock clock;
    private final LongSupplier nanos;
    private final HlsDisk disk;
    private final ConcurrentHashMap<StreamKey, HlsStream> streams = new ConcurrentHashMap<>();

    HlsStreams(LiveBroadcastController relay, HlsOptions options, Clock clock, LongSupplier nanos, HlsDisk disk) {
        this.relay = relay;
        this.options = options;
        this.clock = clock;
        this.nanos = nanos;
        this.disk = disk;
    }

    /** A new instance id: the wall clock in ms, base 36, strictly growing within the process. */
    String newInstance() {
        long now = clock.millis();
        long id = LAST_INSTANCE.updateAndGet(last -> Math.max(now, last + 1));
        return Long.toString(id, 36);
    }

    /** @return the running stream of {@code key}, if any */
    Optional<HlsStream> get(StreamKey key) {
        HlsStream s = streams.get(key);
        return s == null || s.stopped() ? Optional.empty() : Optional.of(s);
    }

    /**
     * The running stream of {@code key}, started when it is live (or an on-demand pull is on its way, the
     * stream then waits for its publisher) and has none.
     *
     * @return empty when the name is not live and nothing will publish it
     */
    Optional<HlsStream> getOrStart(StreamKey key) {
        Optional<HlsStream> running = get(key);
        if (running.isPresent() || !PlayDecision.liveOrResolving(relay, key)) { // an edge's pull: it waits
            return running;
        }
        HlsStream fresh = new HlsStream(key, newInstance(), options, clock, nanos, disk);
        HlsStream prior = streams.compute(key, (k, old) -> old == null || old.stopped() ? fresh : old);
        if (prior != fresh) {
            return Optional.of(prior);
        }
        Optional<LiveSubscription> sub = relay.subscribe(key, fresh);
        if (sub.isEmpty()) {
            streams.remove(key, fresh);
            fresh.stop();
            return Optional.empty();
        }
        fresh.subscribed(sub.get());
        log.debug("HLS started for {} ({})", key, fresh.instance());
        return Optional.of(fresh);
    }

    /** Always on: a published name gets its HLS stream at once. Publisher's thread. */
    @Override
    public void onPublished(StreamKey key) {
        if (options.alwaysOn() && HlsPath.matches("/" + key.app() + "/" + key.name() + ".m3u8")) {
            getOrStart(key).ifPresent(s -> s.touch(nanos.getAsLong()));
        }
    }

    /** Deadlines of parked requests, idle streams. Timer thread. */
    void tick() {
        long now = nanos.getAsLong();
        long idle = options.idleTimeout().toNanos();
        for (Map.Entry<StreamKey, HlsStream> e : streams.entrySet()) {
            HlsStream s = e.getValue();
            if (s.tick(now, idle, options.alwaysOn() && s.live())) {
                streams.remove(e.getKey(), s);
                s.stop();
                log.debug("HLS stopped for {} (idle)", e.getKey());
            }
        }
    }

    /** Stops every stream. */
    void stopAll() {
        for (HlsStream s : streams.values()) {
            s.stop();
        }
        streams.clear();
    }

    /** @return the running streams */
    int size() {
        return streams.size();
    }
}
