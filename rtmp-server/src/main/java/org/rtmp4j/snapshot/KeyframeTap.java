package org.rtmp4j.snapshot;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.rtmp4j.flv.FlvFormatException;
import org.rtmp4j.flv.codec.MediaInfo;
import org.rtmp4j.flv.media.VideoTagHeader;
import org.rtmp4j.live.InlineSink;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.LiveListener;
import org.rtmp4j.live.LiveMedia;
import org.rtmp4j.live.LiveSubscription;
import org.rtmp4j.live.MediaKind;
import org.rtmp4j.live.MediaSink;
import org.rtmp4j.live.RelayEvent;
import org.rtmp4j.live.StreamInfo;
import org.rtmp4j.live.StreamKey;

/**
 * Keeps, per live stream of a relay, only its video sequence header and latest keyframe: one more
 * output of the hub ({@link MediaSink}) that stores two references to the hub's shared read-only
 * messages and copies nothing. A live stream is tapped on its first {@link #latest}: the hub's join
 * hands the tap the cached sequence header and GOP at once, so the first request already finds the
 * latest keyframe. The tap ends with the publish ({@link RelayEvent.Unpublished}), which forgets both
 * messages, so a stream that is not live has no keyframe; the next publish is tapped on its first
 * request again.
 *
 * <p>Only track 0 counts (the single track, or E-RTMP Multitrack track id 0); a new sequence header
 * forgets the keyframe taken under the old one. Like every subscribed output, a tap counts in {@link
 * StreamInfo#players()} (from the stream's first snapshot request until its publish ends).
 *
 * <p>Thread-safety: the sinks run on the publishers' threads (they are never queued, so the hub never
 * drops for them) and only swap an immutable pair; {@link #latest} reads it from any thread.
 */
public final class KeyframeTap implements LiveListener, AutoCloseable {
    private final LiveBroadcastController relay;
    private final Consumer<StreamKey> onEnd;
    private final Map<StreamKey, Tap> taps = new ConcurrentHashMap<>();
    private final Object starting = new Object();
    private volatile boolean closed;

    /** The latest pair of one stream; {@code keyframe} is null until the first keyframe. */
    record Latest(LiveMedia sequenceHeader, LiveMedia keyframe, MediaInfo media) {}

    private KeyframeTap(LiveBroadcastController relay, Consumer<StreamKey> onEnd) {
        this.relay = relay;
        this.onEnd = onEnd;
    }

    /**
     * Taps the streams of {@code relay} asked for from now on, and follows their picture size
     * ({@link LiveListener#onMediaInfo}).
     *
     * @param relay the hub
     * @param onEnd told (on the publisher's thread) when a tapped stream's publish ended; must not block
     * @return the registered tap; {@link #close()} unregisters it
     * @throws NullPointerException if an argument is null
     */
    public static KeyframeTap attach(LiveBroadcastController relay, Consumer<StreamKey> onEnd) {
        KeyframeTap tap = new KeyframeTap(Objects.requireNonNull(relay, "relay"), Objects.requireNonNull(onEnd, "onEnd"));
        relay.addListener(tap);
        return tap;
    }

    /**
     * The stream's latest keyframe with its sequence header and picture size. Taps a live stream not
     * tapped yet. Any thread; never blocks.
     *
     * @param key the stream
     * @return the sample, or empty when the stream is not live or has had no keyframe yet
     */
    public Optional<KeyframeSample> latest(StreamKey key) {
        Latest l = current(key);
        return l == null || l.keyframe() == null ? Optional.empty() : Optional.of(sample(key, l));
    }

    /** @return the streams tapped now (live, asked for at least once) */
    public Set<StreamKey> streams() {
        return Set.copyOf(taps.keySet());
    }

    /** The pair of {@code key}, tapping a live stream not tapped yet; {@code null} when not live. */
    Latest current(StreamKey key) {
        Tap tap = taps.get(key);
        if (tap == null && !closed && relay.isLive(key)) {
            tap = start(key, mediaOf(key));
        }
        return tap == null ? null : tap.latest;
    }

    static KeyframeSample sample(StreamKey key, Latest l) {
        ByteBuffer config = l.sequenceHeader() == null ? ByteBuffer.allocate(0) : l.sequenceHeader().message().payload();
        ByteBuffer frame = l.keyframe().message().payload();
        String codec = l.media().videoCodec();
        if (codec == null) {
            codec = codecName(l.sequenceHeader() != null ? config : frame);
        }
        return new KeyframeSample(key, codec, l.media().width(), l.media().height(), l.keyframe().timestamp(), config, frame);
    }

    private static String codecName(ByteBuffer body) {
        try {
            return VideoTagHeader.parse(body).codecName();
        } catch (FlvFormatException e) {
            return "unknown";
        }
    }

    private MediaInfo mediaOf(StreamKey key) {
        for (StreamInfo s : relay.activeStreams()) {
            if (s.key().equals(key)) {
                return s.media();
            }
        }
        return MediaInfo.EMPTY;
    }

    @Override
    public void onMediaInfo(StreamKey key, MediaInfo media) {
        Tap tap = taps.get(key);
        if (tap != null) {
            tap.media(media);
        }
    }

    /**
     * Subscribes one tap per stream. Under {@link #starting}, so a concurrent first request waits until
     * the join (run here: the tap is always on its sink thread) has handed it the cached keyframe.
     */
    private Tap start(StreamKey key, MediaInfo media) {
        synchronized (starting) {
            Tap tap = taps.get(key);
            if (tap != null) {
                return tap;
            }
            Tap created = new Tap(key, media);
            Optional<LiveSubscription> s = relay.subscribe(key, created); // the join fills it before this returns
            if (s.isEmpty()) {
                return null;
            }
            created.subscribed(s.get());
            created.register(); // visible to other threads only now, with the keyframe in it
            return created;
        }
    }

    /** Unregisters from the relay and unsubscribes every tap. Idempotent. */
    @Override
    public void close() {
        closed = true;
        relay.removeListener(this);
        for (Tap tap : taps.values()) {
            tap.end();
        }
    }

    /** One stream's publish; runs on the publisher's thread, calls serialised on its monitor. */
    private final class Tap implements InlineSink {
        private final StreamKey key;
        private volatile Latest latest;
        private LiveSubscription subscription;
        private boolean ended;

        Tap(StreamKey key, MediaInfo media) {
            this.key = key;
            this.latest = new Latest(null, null, media);
        }

        synchronized void subscribed(LiveSubscription s) {
            subscription = s;
            if (ended) {
                s.cancel();
            }
        }

        synchronized void register() {
            if (!ended) {
                taps.put(key, this);
            }
        }

        synchronized void media(MediaInfo media) {
            Latest l = latest;
            latest = new Latest(l.sequenceHeader(), l.keyframe(), media);
        }

        @Override
        public synchronized void onEvent(RelayEvent event) {
            if (ended) {
                return;
            }
            if (event instanceof LiveMedia m) {
                if (m.trackId() != 0) {
                    return;
                }
                Latest l = latest;
                if (m.kind() == MediaKind.VIDEO_SEQUENCE_HEADER) {
                    latest = new Latest(m, null, l.media());
                } else if (m.kind() == MediaKind.VIDEO_KEY_FRAME) {
                    latest = new Latest(l.sequenceHeader(), m, l.media());
                }
            } else if (event instanceof RelayEvent.Unpublished || event instanceof RelayEvent.Refused) {
                end();
            }
        }

        synchronized void end() {
            if (ended) {
                return;
            }
            ended = true;
            latest = new Latest(null, null, MediaInfo.EMPTY);
            if (subscription != null) {
                subscription.cancel();
            }
            if (taps.remove(key, this)) {
                onEnd.accept(key);
            }
        }

        @Override
        public synchronized void onOverflow(long queuedBytes, long maxQueued) {
            end(); // not reached: nothing is ever queued
        }

        @Override
        public String toString() {
            return "snapshot-tap:" + key;
        }
    }
}
