package org.rtmp4j.relay;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.VideoMessage;
import org.rtmp4j.core.session.ForwardingRtmpController;
import org.rtmp4j.core.session.PlayRequest;
import org.rtmp4j.core.session.RtmpSession;
import org.rtmp4j.live.Ingest;
import org.rtmp4j.live.InlineSink;
import org.rtmp4j.live.IngestSource;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.LiveMedia;
import org.rtmp4j.live.PlayerKind;
import org.rtmp4j.live.RelayEvent;
import org.rtmp4j.live.StreamKey;

/** Test helpers of the pull relay tests: FLV tag bodies, an in-process publisher, a recording player, an observed origin. */
final class PullFixture {
    private PullFixture() {}

    /** @return {@code key} published on {@code hub} by a {@link Source}: sequence header, key frame at 0, inter frame at 40 */
    static Ingest publishing(LiveBroadcastController hub, StreamKey key) {
        Ingest ingest = hub.publish(key, new Source());
        ingest.media(avcSequenceHeader(0));
        ingest.media(keyFrame(0));
        ingest.media(interFrame(40));
        return ingest;
    }

    static VideoMessage avcSequenceHeader(int ts) {
        return new VideoMessage(ts, 1, ByteBuffer.wrap(new byte[] {0x17, 0, 0, 0, 0, 1, 0x64, 0, 0x1f, (byte) 0xff}));
    }

    static VideoMessage keyFrame(int ts) {
        return new VideoMessage(ts, 1, ByteBuffer.wrap(new byte[] {0x17, 1, 0, 0, 0, 0, 0, 0, 1, 0x65}));
    }

    static VideoMessage interFrame(int ts) {
        return new VideoMessage(ts, 1, ByteBuffer.wrap(new byte[] {0x27, 1, 0, 0, 0, 0, 0, 0, 1, 0x41}));
    }

    static AudioMessage aacSequenceHeader(int ts) {
        return new AudioMessage(ts, 1, ByteBuffer.wrap(new byte[] {(byte) 0xaf, 0, 0x12, 0x10}));
    }

    static AudioMessage aacFrame(int ts) {
        return new AudioMessage(ts, 1, ByteBuffer.wrap(new byte[] {(byte) 0xaf, 1, 0x21, 0x00}));
    }

    static boolean isKeyFrame(MediaMessage m) {
        ByteBuffer p = m.payload();
        return m instanceof VideoMessage && p.remaining() > 1 && p.get(0) == 0x17 && p.get(1) == 1;
    }

    /** An in-process publisher for the origin's hub. */
    static final class Source implements IngestSource {
        final CompletableFuture<Void> closed = new CompletableFuture<>();

        @Override
        public String id() {
            return "test-source";
        }

        @Override
        public void close() {
            closed.complete(null);
        }
    }

    /** A player of the edge (counted as an RTMP player) that keeps what it gets and completes futures on it. */
    static final class Player implements InlineSink {
        final List<RelayEvent> events = new ArrayList<>();
        private final List<Waiter> waiters = new ArrayList<>();

        private record Waiter(Predicate<List<RelayEvent>> wanted, CompletableFuture<Void> future) {}

        @Override
        public PlayerKind playerKind() {
            return PlayerKind.RTMP;
        }

        @Override
        public synchronized void onEvent(RelayEvent event) {
            events.add(event);
            waiters.removeIf(w -> w.wanted.test(events) && w.future.complete(null));
        }

        @Override
        public void onOverflow(long queuedBytes, long maxQueued) {}

        /** @return completes once what was received so far satisfies {@code wanted} */
        synchronized CompletableFuture<Void> until(Predicate<List<RelayEvent>> wanted) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            if (wanted.test(events)) {
                f.complete(null);
            } else {
                waiters.add(new Waiter(wanted, f));
            }
            return f;
        }

        /** @return completes once {@code n} key frames were received */
        CompletableFuture<Void> keyFrames(int n) {
            return until(events -> events.stream().filter(e -> e instanceof LiveMedia m && isKeyFrame(m.message()))
                    .count() >= n);
        }

        /** @return completes once a video message with timestamp {@code ts} was received */
        CompletableFuture<Void> video(int ts) {
            return until(events -> events.stream().anyMatch(e -> e instanceof LiveMedia m
                    && m.message() instanceof VideoMessage && m.timestamp() == ts));
        }

        /** @return completes once {@code n} video messages were received */
        CompletableFuture<Void> videos(int n) {
            return until(events -> events.stream().filter(e -> e instanceof LiveMedia m
                    && m.message() instanceof VideoMessage).count() >= n);
        }

        synchronized List<MediaMessage> media() {
            List<MediaMessage> out = new ArrayList<>();
            for (RelayEvent e : events) {
                if (e instanceof LiveMedia m) {
                    out.add(m.message());
                }
            }
            return out;
        }

        /** @return the video timestamps received, in order */
        synchronized List<Long> videoTimestamps() {
            List<Long> out = new ArrayList<>();
            for (MediaMessage m : media()) {
                if (m instanceof VideoMessage) {
                    out.add(m.timestamp() & 0xFFFFFFFFL);
                }
            }
            return out;
        }

        synchronized long count(Class<? extends RelayEvent> type) {
            return events.stream().filter(type::isInstance).count();
        }
    }

    /** An origin's controller that completes futures when a client plays and when a connection closes. */
    static final class ObservedOrigin extends ForwardingRtmpController {
        final ConcurrentLinkedQueue<CompletableFuture<String>> plays = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<CompletableFuture<Void>> closes = new ConcurrentLinkedQueue<>();
        private volatile CompletableFuture<String> nextPlay = new CompletableFuture<>();
        private volatile CompletableFuture<Void> nextClose = new CompletableFuture<>();

        ObservedOrigin(LiveBroadcastController hub) {
            super(hub);
        }

        /** @return completes with the played name at the next play */
        synchronized CompletableFuture<String> nextPlay() {
            return nextPlay;
        }

        /** @return completes at the next connection close */
        synchronized CompletableFuture<Void> nextClose() {
            return nextClose;
        }

        @Override
        public void onPlay(RtmpSession session, PlayRequest request) {
            super.onPlay(session, request);
            CompletableFuture<String> f;
            synchronized (this) {
                f = nextPlay;
                nextPlay = new CompletableFuture<>();
            }
            f.complete(request.name());
        }

        @Override
        public void onClose(RtmpSession session, Throwable causeOrNull) {
            super.onClose(session, causeOrNull);
            CompletableFuture<Void> f;
            synchronized (this) {
                f = nextClose;
                nextClose = new CompletableFuture<>();
            }
            f.complete(null);
        }
    }
}
