package org.rtmp4j.live;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.rtmp4j.core.session.OutboundLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One output of a {@link LiveStream}, whatever its {@link MediaSink}: its gate, its counters and,
 * while it joins, the events queued for it ({@link #pending}, guarded by the stream's lock) so the
 * joiner can send the cached prefix first; then it becomes live and receives the fan-out directly.
 *
 * <p>Thread-safety: {@link #offerHere} and {@link #deliverHere} on the sink's thread; the counters
 * have that one writer and are read racily for monitoring.
 */
final class Output {
    private static final Logger log = LoggerFactory.getLogger(Output.class);

    final MediaSink sink;
    /** {@link MediaSink#playerKind()}, read once; {@code null} for outputs that are not players. */
    final PlayerKind kind;
    /** {@link MediaSink#executorKey()}, read once: the fan-out groups outputs by it. */
    final Object executorKey;
    final OutputGate gate = new OutputGate();
    private final OutboundLimits limits;
    private final Predicate<String> acceptsFourCc;
    private final String name;
    /** Called (on the sink's thread) when the output is closed for overflow, to unsubscribe it. */
    volatile Runnable onOverflow = () -> {};

    /** Events queued while joining. Guarded by the stream's lock. */
    List<RelayEvent> pending = new ArrayList<>();
    /** Set when unsubscribed or evicted; set under the stream's lock. */
    volatile boolean removed;

    private long sent;
    private long bytesSent;
    private long droppedVideo;
    private long droppedAudio;
    private long keyframeWaits;
    private long peakQueued;
    private volatile boolean overflowed;

    Output(MediaSink sink, Predicate<String> acceptsFourCc, String name) {
        this.sink = sink;
        this.limits = sink.limits();
        this.kind = sink.playerKind();
        this.executorKey = sink.executorKey();
        this.acceptsFourCc = acceptsFourCc;
        this.name = name;
    }

    /** Publisher's thread: @return whether {@code kind} passes the join wait */
    boolean admits(MediaKind kind) {
        return gate.admits(kind);
    }

    boolean accepts(String videoFourCc) {
        return videoFourCc == null || acceptsFourCc.test(videoFourCc);
    }

    /** Any thread: hands {@code event} to the sink on its thread (at once when already there). */
    void deliver(RelayEvent event) {
        if (sink.inSinkThread()) {
            deliverHere(event);
        } else {
            try {
                sink.execute(() -> deliverHere(event));
            } catch (RuntimeException e) {
                log.debug("{} post failed: {}", this, e.toString());
            }
        }
    }

    /** Sink thread: media through the slow-output decision, anything else as is. */
    void deliverHere(RelayEvent event) {
        if (event instanceof LiveMedia m) {
            offerHere(m);
            return;
        }
        try {
            sink.onEvent(event);
        } catch (RuntimeException e) {
            log.debug("{} send failed: {}", this, e.toString());
        }
    }

    /** Sink thread: the slow-output decision for {@code media}, then the sink writes it or is told why not. */
    void offerHere(LiveMedia media) {
        if (removed || overflowed) {
            return;
        }
        try {
            long queued = sink.queuedBytes();
            if (queued > peakQueued) {
                peakQueued = queued;
            }
            boolean waiting = gate.congestedWait();
            switch (gate.decide(media.kind(), queued, limits)) {
                case SEND:
                    sent++;
                    bytesSent += media.message().size();
                    sink.onEvent(media);
                    break;
                case DROP:
                    boolean started = !waiting && gate.congestedWait();
                    if (media.kind().isVideo()) {
                        droppedVideo++;
                    } else {
                        droppedAudio++;
                    }
                    if (started) {
                        keyframeWaits++;
                    }
                    sink.onDropped(media, started, queued);
                    break;
                default:
                    overflowed = true;
                    log.debug("{} closed: {} queued bytes over maxQueued {}", this, queued, limits.maxQueued());
                    onOverflow.run();
                    sink.onOverflow(queued, limits.maxQueued());
            }
        } catch (RuntimeException e) {
            log.debug("{} send failed: {}", this, e.toString());
        }
    }

    /** @return the counters; racy while media flows */
    OutputStats stats() {
        return new OutputStats(sent, droppedVideo, droppedAudio, keyframeWaits, peakQueued, overflowed, bytesSent);
    }

    @Override
    public String toString() {
        return name;
    }
}
