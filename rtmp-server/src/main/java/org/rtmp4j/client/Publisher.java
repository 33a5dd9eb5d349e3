package org.rtmp4j.client;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rtmp4j.amf.AmfLimits;
import org.rtmp4j.core.internal.MediaClassifier;
import org.rtmp4j.core.message.AmfEncoding;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.DataMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.VideoMessage;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.flv.media.ScriptData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream this client publishes ({@link RtmpClient#publish(String)}). Sends go out synchronously
 * on the caller's thread. Thread-safe; {@link #close()} is idempotent.
 *
 * <p>Reconnect (E-RTMP v2, Reconnect Request; see {@link RtmpClient}): after the client has opened
 * its new connection, the next video keyframe (or, before any video, audio frame) sent here moves
 * the stream: the calling thread waits one round trip on each connection, the new connection gets
 * the last metadata, the video and audio sequence headers and then that keyframe, and the old
 * stream is unpublished. To that end the publisher keeps references (not copies) to the last
 * metadata and the last video and audio sequence header it sent; nothing else is kept. {@link
 * #streamId()} changes with the move. Multitrack streams (E-RTMP v2, Multitrack) keep only the
 * last sequence header of each kind.
 */
public final class Publisher implements AutoCloseable, RtmpClient.NetStreamHandle {
    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

    /** Where the stream is published: a connection and the message stream id on it. */
    private record Target(ClientLink link, int streamId) {}

    /** A move prepared by the reconnect: the new connection and the stream created on it. */
    private record Pending(Target target, CompletableFuture<Void> done) {}

    private final RtmpClient client;
    private final String name;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Target target;
    // guarded by this
    private Pending pending;
    private Map<String, Object> lastMetadata;
    private MediaMessage videoConfig;
    private MediaMessage audioConfig;
    private boolean videoSeen;
    private long lastSendNanos;
    private long discarded;
    private volatile long lastSwitchGapNanos = -1;
    private volatile int switches;

    Publisher(RtmpClient client, ClientLink link, int streamId, String name) {
        this.client = client;
        this.target = new Target(link, streamId);
        this.name = name;
    }

    /** @return the message stream id the server allocated (on the connection in use) */
    public int streamId() {
        return target.streamId();
    }

    /** @return the published name */
    public String name() {
        return name;
    }

    /** @return how many times the stream moved to a new connection after a Reconnect Request */
    public int switches() {
        return switches;
    }

    /**
     * @return for the last move, the time in ms from the last media written to the old connection
     *     to the keyframe written to the new one (two round trips plus the writes), or -1 if the
     *     stream never moved
     */
    public double lastSwitchGapMillis() {
        long n = lastSwitchGapNanos;
        return n < 0 ? -1 : n / 1e6;
    }

    /**
     * Sends an audio or video message (RTMP 1.0 §7.1.4, §7.1.5); its stream id is replaced by
     * {@link #streamId()}. The payload is not copied. During a reconnect, the keyframe that moves
     * the stream blocks for the two round trips of the move (bounded by {@link
     * ClientOptions#timeout()}).
     *
     * @param media audio or video; timestamp in ms
     * @throws IllegalStateException if this publisher or the client is closed
     */
    public void send(MediaMessage media) {
        ensureOpen();
        synchronized (this) {
            remember(media);
            if (pending != null) {
                if (isSwitchPoint(media) && switchOver(media)) {
                    return;
                }
                if (!target.link().isOpen()) {
                    discarded++; // the old server is gone; the new one starts at the keyframe
                    return;
                }
            }
            sendOn(target, media);
        }
    }

    /**
     * Sends an FLV tag (FLV 10.1 §E.4): audio and video tags as audio/video messages with the
     * tag's timestamp in ms; a script tag {@code onMetaData} as {@code @setDataFrame} metadata, any
     * other script tag as an AMF0 data message with its decoded values.
     *
     * @param tag the tag; its body is sent without copying
     * @throws org.rtmp4j.amf.AmfException if a script tag body is malformed AMF0 (type 18) or AMF3 (type 15)
     * @throws IllegalStateException if this publisher or the client is closed
     */
    public void send(FlvTag tag) {
        switch (tag.type()) {
            case AUDIO:
                send(new AudioMessage(tag.timestamp(), target.streamId(), tag.body()));
                break;
            case VIDEO:
                send(new VideoMessage(tag.timestamp(), target.streamId(), tag.body()));
                break;
            default:
                // type 18 (AMF0) or type 15 (AMF3 script data, E-RTMP): the latter goes out as a type 15 message
                List<Object> values = ScriptData.values(tag.type(), tag.body(), AmfLimits.DEFAULT);
                Map<String, Object> metadata = ScriptData.metadata(values);
                if (!metadata.isEmpty()) {
                    sendMetadata(metadata);
                } else {
                    AmfEncoding encoding = tag.type() == FlvTagType.SCRIPT_AMF3 ? AmfEncoding.AMF3 : AmfEncoding.AMF0;
                    ensureOpen();
                    Target t = target;
                    t.link().run(() -> t.link().engine()
                            .send(new DataMessage(tag.timestamp(), t.streamId(), encoding, values)));
                }
                break;
        }
    }

    /**
     * Sends {@code @setDataFrame, onMetaData, metadata} (the RTMP form of the FLV {@code onMetaData}
     * script tag).
     *
     * @param metadata the properties, e.g. {@code width}, {@code videocodecid}
     * @throws IllegalStateException if this publisher or the client is closed
     */
    public void sendMetadata(Map<String, Object> metadata) {
        ensureOpen();
        synchronized (this) {
            lastMetadata = metadata;
            Target t = target;
            t.link().run(() -> t.link().engine().sendMetadata(t.streamId(), metadata));
        }
    }

    /** Stops publishing: {@code FCUnpublish} and {@code deleteStream}. Idempotent. */
    @Override
    public void close() {
        closeStream();
    }

    /** Same as {@link #close()}. */
    @Override
    public void closeStream() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Pending p;
        synchronized (this) {
            p = pending;
            pending = null;
        }
        Target t = target;
        t.link().deleteStreamQuietly(t.streamId());
        if (p != null) {
            p.target().link().deleteStreamQuietly(p.target().streamId());
            p.done().complete(null);
        }
        client.streamClosed(this);
    }

    @Override
    public CompletableFuture<Void> moveTo(ClientLink next) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        int streamId;
        try {
            streamId = next.createStream();
        } catch (IOException | RuntimeException e) {
            done.completeExceptionally(e);
            return done;
        }
        synchronized (this) {
            if (closed.get()) {
                next.deleteStreamQuietly(streamId);
                done.complete(null);
            } else {
                pending = new Pending(new Target(next, streamId), done);
            }
        }
        return done;
    }

    private void remember(MediaMessage media) {
        if (media instanceof VideoMessage) {
            videoSeen = true;
            if (MediaClassifier.isVideoSequenceHeader(media.payload())) {
                videoConfig = media;
            }
        } else if (MediaClassifier.isAudioSequenceHeader(media.payload())) {
            audioConfig = media;
        }
    }

    private boolean isSwitchPoint(MediaMessage media) {
        if (MediaClassifier.isSequenceHeader(media)) {
            return false;
        }
        return media instanceof VideoMessage ? MediaClassifier.isKeyframe(media) : !videoSeen;
    }

    /** Moves to the pending target, starting with {@code first}; @return false if it stays on the old one. */
    private boolean switchOver(MediaMessage first) {
        long lastOnOld = lastSendNanos;
        long start = System.nanoTime();
        Pending p = pending;
        pending = null;
        Target old = target;
        Target next = p.target();
        try {
            if (old.link().isOpen()) {
                // a barrier: once answered, the old server has relayed everything sent before it
                int barrier = old.link().createStream();
                old.link().deleteStreamQuietly(barrier);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("barrier on {} failed: {}", old.link(), e.toString());
        }
        long barrierDone = System.nanoTime();
        try {
            next.link().publish(next.streamId(), name);
        } catch (IOException | RuntimeException e) {
            LOG.warn("publish of {} on {} failed after a Reconnect Request ({}); staying on {}", name, next.link(),
                    e.toString(), old.link());
            next.link().deleteStreamQuietly(next.streamId());
            p.done().completeExceptionally(e);
            return false;
        }
        int ts = first.timestamp();
        if (lastMetadata != null) {
            Map<String, Object> md = lastMetadata;
            next.link().run(() -> next.link().engine().sendMetadata(next.streamId(), md));
        }
        if (videoConfig != null) {
            sendOn(next, videoConfig.withTimestamp(ts));
        }
        if (audioConfig != null) {
            sendOn(next, audioConfig.withTimestamp(ts));
        }
        sendOn(next, first);
        lastSwitchGapNanos = lastSendNanos - lastOnOld;
        target = next;
        switches++;
        old.link().deleteStreamQuietly(old.streamId());
        p.done().complete(null);
        LOG.info("publisher of {} moved to {} at timestamp {} ms: {} ms since the last write on the old"
                + " connection, the move took {} ms (old server barrier {} ms), {} messages discarded", name,
                next.link(), ts, millis(lastSwitchGapNanos), millis(lastSendNanos - start),
                millis(barrierDone - start), discarded);
        discarded = 0;
        return true;
    }

    private static String millis(long nanos) {
        return String.format("%.1f", nanos / 1e6);
    }

    private void sendOn(Target t, MediaMessage media) {
        t.link().run(() -> t.link().engine().sendMedia(t.streamId(), media));
        lastSendNanos = System.nanoTime();
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("publisher of " + name + " is closed");
        }
    }

    @Override
    public String toString() {
        return "Publisher[" + name + ", stream " + target.streamId() + "]";
    }
}
