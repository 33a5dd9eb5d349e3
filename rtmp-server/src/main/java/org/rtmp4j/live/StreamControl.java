package org.rtmp4j.live;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What an operator's tools (an HTTP API, metrics, a console) see of a {@link LiveBroadcastController}
 * and may do to it, transport-neutral: a {@link StreamDetails} per stream (publisher, codecs, bitrate,
 * players by {@link PlayerKind}) and closing a stream's publisher. Get it with
 * {@link LiveBroadcastController#control()}.
 *
 * <p>Thread-safety: every method is thread-safe and never blocks on media; snapshots take each
 * stream's lock briefly, one stream at a time (so a list is not one instant's picture of all streams).
 */
public final class StreamControl {
    private final LiveHub hub;
    private final List<PlayerGroupSource> sources = new CopyOnWriteArrayList<>();

    StreamControl(LiveHub hub) {
        this.hub = hub;
    }

    /**
     * @return a snapshot of every registry entry (live, or with players waiting for a publisher), in
     *     no particular order; uptime measured with the controller's clock
     */
    public List<StreamDetails> streams() {
        Collection<LiveStream> all = hub.streams.all();
        List<StreamDetails> out = new ArrayList<>(all.size());
        for (LiveStream s : all) {
            out.add(s.details(hub.clock.instant(), sources));
        }
        return out;
    }

    /**
     * @param key a stream name
     * @return its snapshot, or empty when the registry has no entry for it (neither live nor waited for)
     * @throws NullPointerException if {@code key} is null
     */
    public Optional<StreamDetails> stream(StreamKey key) {
        return hub.streams.get(Objects.requireNonNull(key, "key")).map(s -> s.details(hub.clock.instant(), sources));
    }

    /**
     * Ends the publisher of {@code key}, whatever its protocol, as a takeover would ({@link
     * IngestSource#close()}: an RTMP publisher's connection is closed, an HTTP upload's connection
     * too). Its players hear that it left (RTMP: {@code NetStream.Play.UnpublishNotify}) once the
     * close completes, asynchronously; the name is free for the next publisher then.
     *
     * @param key a stream name
     * @return whether the name had a publisher
     * @throws NullPointerException if {@code key} is null
     */
    public boolean closePublisher(StreamKey key) {
        IngestSource source = hub.streams.get(Objects.requireNonNull(key, "key"))
                .map(LiveStream::publisherSource).orElse(null);
        if (source == null) {
            return false;
        }
        source.close();
        return true;
    }

    /**
     * Adds players served outside the hub's outputs (e.g. HLS sessions) to {@link StreamDetails#players()}.
     *
     * @param source the counts by stream and kind
     * @throws NullPointerException if {@code source} is null
     */
    public void addPlayerGroupSource(PlayerGroupSource source) {
        sources.add(Objects.requireNonNull(source, "source"));
    }

    /**
     * @param source a source added before
     * @return whether it was registered
     */
    public boolean removePlayerGroupSource(PlayerGroupSource source) {
        return sources.remove(source);
    }
}
