package org.rtmp4j.live;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Collections;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The relay's registry of names that are live or have players waiting: a
 * {@code ConcurrentHashMap<StreamKey, LiveStream>}. Entries are created on the first publish or
 * play of a name and removed once they have neither publisher nor players.
 *
 * <p>Thread-safe. Creating, joining, claiming and removing happen inside the map's per-key
 * {@code compute}, so an entry is never removed while someone is about to attach to it.
 */
public final class LiveStreams {
    private final ConcurrentHashMap<StreamKey, LiveStream> streams = new ConcurrentHashMap<>();
    private final LiveOptions options;

    /** @param options the cache bounds given to each new {@link LiveStream} */
    public LiveStreams(LiveOptions options) {
        this.options = options;
    }

    /**
     * @param key app and name
     * @return the entry for {@code key}, if any
     */
    public Optional<LiveStream> get(StreamKey key) {
        return Optional.ofNullable(streams.get(key));
    }

    /** @return a weakly consistent, unmodifiable view of all entries */
    public Collection<LiveStream> all() {
        return Collections.unmodifiableCollection(streams.values());
    }

    /**
     * @param now the current time, for {@link StreamInfo#uptime()}
     * @return a snapshot of every entry, in no particular order
     */
    public List<StreamInfo> infos(Instant now) {
        List<StreamInfo> infos = new ArrayList<>(streams.size());
        for (LiveStream s : streams.values()) {
            infos.add(s.info(now));
        }
        return infos;
    }

    /** @return players over every entry, including those waiting for a publisher */
    public int playerCount() {
        int n = 0;
        for (LiveStream s : streams.values()) {
            n += s.playerCount();
        }
        return n;
    }

    /** @return the number of entries (live or with waiting players) */
    public int size() {
        return streams.size();
    }

    /**
     * Applies {@code action} to the entry of {@code key} atomically with respect to its creation and
     * removal. A missing entry is created first when {@code create}; otherwise {@code action} gets
     * {@code null}. The entry is removed afterwards if it is idle. {@code action} must not send or
     * block: it runs inside the map's bin lock.
     */
    <T> T compute(StreamKey key, boolean create, Function<LiveStream, T> action) {
        Object[] result = new Object[1];
        streams.compute(key, (k, s) -> {
            LiveStream stream = s;
            if (stream == null && create) {
                stream = new LiveStream(k, options);
            }
            result[0] = action.apply(stream);
            return stream == null || stream.isIdle() ? null : stream;
        });
        @SuppressWarnings("unchecked")
        T t = (T) result[0];
        return t;
    }

    /** Removes the entry of {@code key} if it has neither publisher nor players. */
    void removeIfIdle(StreamKey key) {
        streams.computeIfPresent(key, (k, s) -> s.isIdle() ? null : s);
    }
}
