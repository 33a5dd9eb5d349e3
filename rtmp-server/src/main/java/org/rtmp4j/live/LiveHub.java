package org.rtmp4j.live;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.command.StatusCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport-neutral half of the relay (docs/ARCHITECTURE.md §14): inputs claim a stream name
 * ({@link #claim}) under the publisher policy and {@link LiveOptions#maxStreams()}, outputs of any
 * kind join a stream ({@link #join}, {@link #runJoin}) and leave it. {@link LiveBroadcastController}
 * maps RTMP onto it; {@link Ingest} and {@link LiveSubscription} are its handles for everything else.
 *
 * <p>Thread-safety: all state is in concurrent maps, atomics and per-stream locks; nothing blocks.
 */
final class LiveHub {
    private static final Logger log = LoggerFactory.getLogger(LiveHub.class);

    final LiveOptions options;
    final Clock clock;
    final LiveStreams streams;
    final LiveListeners listeners = new LiveListeners();
    final AtomicInteger publishedCount = new AtomicInteger();
    final AtomicLong acceptedPublishes = new AtomicLong();
    private final Function<StreamKey, Status> publishNotify;
    private final Function<StreamKey, Status> unpublishNotify;

    LiveHub(LiveOptions options, Clock clock, Function<StreamKey, Status> publishNotify,
            Function<StreamKey, Status> unpublishNotify) {
        this.options = options;
        this.clock = clock;
        this.streams = new LiveStreams(options);
        this.publishNotify = publishNotify;
        this.unpublishNotify = unpublishNotify;
    }

    Status unpublishNotify(StreamKey key) {
        return unpublishNotify.apply(key);
    }

    // ---------------------------------------------------------------- inputs

    /**
     * Makes {@code source} the publisher of {@code key}, or refuses. Nothing is announced until
     * {@link Ingest#start()}.
     *
     * @throws LivePublishException when the name is live and the policy refuses, or the stream limit is reached
     */
    Ingest claim(StreamKey key, IngestSource source) {
        boolean slot = reserveSlot();
        if (!slot && !replaceable(key)) {
            throw new LivePublishException(isLive(key) ? alreadyPublished(key) : tooMany());
        }
        Publisher publisher = new Publisher(source, clock.instant());
        Status unpublish = unpublishNotify(key);
        Status publish = publishNotify.apply(key);
        LiveStream.Claim claim = streams.compute(key, true,
                s -> s.claim(publisher, options.publisherPolicy(), publish, unpublish));
        switch (claim.outcome()) {
            case REFUSED:
                if (slot) {
                    publishedCount.decrementAndGet();
                }
                throw new LivePublishException(alreadyPublished(key));
            case TAKEN_OVER:
            case HANDED_OVER:
                if (slot) {
                    publishedCount.decrementAndGet();
                }
                break;
            case CLAIMED:
            default:
                if (!slot) { // the old publisher left meanwhile: the limit holds again
                    claim.stream().release(publisher, unpublish);
                    streams.removeIfIdle(key);
                    throw new LivePublishException(tooMany());
                }
        }
        return new Ingest(this, claim, publisher, publish, unpublish);
    }

    private boolean reserveSlot() {
        int max = options.maxStreams();
        for (;;) {
            int n = publishedCount.get();
            if (max != 0 && n >= max) {
                return false;
            }
            if (publishedCount.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Whether a publish of {@code key} may replace its live publisher: TAKEOVER, or the publisher was asked to reconnect. */
    private boolean replaceable(StreamKey key) {
        return streams.get(key).map(s -> s.isLive()
                && (options.publisherPolicy() == PublisherPolicy.TAKEOVER || s.publisherReconnecting())).orElse(false);
    }

    boolean isLive(StreamKey key) {
        return streams.get(key).map(LiveStream::isLive).orElse(false);
    }

    private static Status alreadyPublished(StreamKey key) {
        return Status.error(StatusCodes.PUBLISH_BAD_NAME, key.name() + " is already being published");
    }

    private Status tooMany() {
        return Status.error(StatusCodes.PUBLISH_REJECTED, "too many live streams (max " + options.maxStreams() + ")");
    }

    /** Detaches {@code publisher} from {@code stream}; its players hear UnpublishNotify and keep waiting. */
    void release(LiveStream stream, Publisher publisher) {
        StreamKey key = stream.key();
        Status unpublish = unpublishNotify(key);
        Output[] subs = stream.release(publisher, unpublish);
        if (subs != null) {
            publishedCount.decrementAndGet();
            log.debug("{} stops publishing {}", publisher, key);
            HubFanout.broadcast(subs, new RelayEvent.Unpublished(unpublish));
        }
        streams.removeIfIdle(key);
    }

    // ---------------------------------------------------------------- outputs

    /**
     * Snapshots what {@code output} needs and enqueues it as joining, unless the E-RTMP gate
     * refuses it or the name is not live and {@code wait} is false.
     *
     * @return the join, or {@code null} when the name is not live and no one waits on it
     */
    LiveStream.Join join(StreamKey key, Output output, boolean wait) {
        LiveStream.Join join = streams.compute(key, wait, s -> s == null ? null : s.join(output, wait));
        if (join == null || !join.live() && !wait) {
            return null;
        }
        return join;
    }

    /**
     * On the output's sink thread: metadata, video sequence headers, audio sequence headers, the
     * GOP (docs/ARCHITECTURE.md §6), then what arrived meanwhile, until the output is live.
     */
    static void runJoin(Output output, LiveStream.Join join) {
        if (join.metadata() != null) {
            output.deliverHere(join.metadata());
        }
        for (LiveMedia m : join.videoSequenceHeaders()) {
            output.deliverHere(m);
        }
        for (LiveMedia m : join.audioSequenceHeaders()) {
            output.deliverHere(m);
        }
        for (LiveMedia m : join.gop()) {
            output.deliverHere(m);
        }
        LiveStream stream = join.stream();
        for (List<RelayEvent> batch = stream.nextPending(output); batch != null; batch = stream.nextPending(output)) {
            for (RelayEvent event : batch) {
                if (!(event instanceof LiveMedia m) || output.admits(m.kind())) {
                    output.deliverHere(event);
                }
            }
        }
    }

    /** Removes {@code output} from {@code stream}; @return whether it was subscribed */
    boolean leave(LiveStream stream, Output output) {
        boolean removed = stream.unsubscribe(output);
        streams.removeIfIdle(stream.key());
        return removed;
    }
}
