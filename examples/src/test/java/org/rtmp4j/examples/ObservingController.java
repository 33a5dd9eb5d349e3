package org.rtmp4j.examples;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.VideoMessage;
import org.rtmp4j.core.session.NetStream;
import org.rtmp4j.core.session.PlayRequest;
import org.rtmp4j.core.session.PublishRequest;
import org.rtmp4j.core.session.RtmpController;
import org.rtmp4j.core.session.RtmpSession;
import org.rtmp4j.core.session.ForwardingRtmpController;

/**
 * Wraps a controller and lets tests wait for what the server saw (MockWebServer's {@code takeRequest} idea):
 * publish, play and unpublish events in {@link #events}, and futures for "N video messages published".
 */
final class ObservingController extends ForwardingRtmpController {
    private record Waiter(int videoMessages, CompletableFuture<Integer> future) {}

    /** "publish NAME", "play NAME", "unpublish NAME", "close", in the order the server saw them. */
    final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    private final AtomicInteger videoMessages = new AtomicInteger();
    private final List<Waiter> waiters = new CopyOnWriteArrayList<>();

    ObservingController(RtmpController delegate) {
        super(delegate);
    }

    /** @return video messages published so far (to any stream), sequence headers included */
    int videoMessages() {
        return videoMessages.get();
    }

    /** Completes once at least {@code count} video messages were published (to any stream). */
    CompletableFuture<Integer> afterVideoMessages(int count) {
        Waiter waiter = new Waiter(count, new CompletableFuture<>());
        waiters.add(waiter);
        complete(videoMessages.get());
        return waiter.future();
    }

    @Override
    public void onPublish(RtmpSession session, PublishRequest request) {
        super.onPublish(session, request);
        events.add("publish " + request.command().name());
    }

    @Override
    public void onPlay(RtmpSession session, PlayRequest request) {
        super.onPlay(session, request);
        events.add("play " + request.command().name());
    }

    @Override
    public void onUnpublish(RtmpSession session, NetStream stream) {
        super.onUnpublish(session, stream);
        events.add("unpublish " + stream.name());
    }

    @Override
    public void onMedia(RtmpSession session, NetStream stream, MediaMessage media) {
        super.onMedia(session, stream, media);
        if (media instanceof VideoMessage) {
            complete(videoMessages.incrementAndGet());
        }
    }

    @Override
    public void onClose(RtmpSession session, Throwable causeOrNull) {
        super.onClose(session, causeOrNull);
        events.add("close");
    }

    private void complete(int count) {
        for (Waiter w : waiters) {
            if (count >= w.videoMessages()) {
                w.future().complete(count);
                waiters.remove(w);
            }
        }
    }

    /** Takes events until one starting with {@code prefix} arrives, or fails after {@code seconds}. */
    String await(String prefix, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            String event = events.poll(left, java.util.concurrent.TimeUnit.NANOSECONDS);
            if (event != null && event.startsWith(prefix)) {
                return event;
            }
        }
        throw new AssertionError("no '" + prefix + "' event within " + seconds + " s");
    }
}
