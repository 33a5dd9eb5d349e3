package org.rtmp4j.examples;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.rtmp4j.client.ClientOptions;
import org.rtmp4j.client.Publisher;
import org.rtmp4j.client.RtmpClient;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.flv.media.ScriptData;

/**
 * Test helper: publishes an FLV file over RTMP with the Java client in real time (each tag at the wall-clock
 * instant {@code start + (timestamp - firstTimestamp)}, as {@code rtmp4j publish} paces), {@code loops} times in a
 * row with continuing timestamps (sequence headers and metadata only in the first pass), on its own thread. The
 * known start makes latency measurable: the media time {@code t} was published at {@link #publishedAtMillis}.
 */
final class RealtimePublisher implements AutoCloseable {
    private final List<FlvTag> tags;
    private final long firstTimestamp;
    private final long passMillis;
    private final NavigableMap<Long, Long> presentationToDecode = new TreeMap<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final Thread thread;
    private final RtmpClient client;
    private volatile long startWallMillis;

    private RealtimePublisher(URI url, List<FlvTag> tags, int loops) throws IOException {
        this.tags = tags;
        this.firstTimestamp = tags.stream().filter(t -> t.type() != FlvTagType.SCRIPT).mapToLong(RealtimePublisher::ts)
                .min().orElse(0);
        long last = tags.stream().mapToLong(RealtimePublisher::ts).max().orElse(0);
        this.passMillis = last - firstTimestamp + 40; // one 25 fps frame after the last tag
        for (int pass = 0; pass < loops; pass++) {
            for (FlvTag t : tags) {
                ByteBuffer b = t.body();
                if (t.type() == FlvTagType.VIDEO && b.remaining() > 5 && (b.get(0) & 0x0F) == 7 && b.get(1) == 1) {
                    int cts = (b.get(2) << 16) | ((b.get(3) & 0xFF) << 8) | (b.get(4) & 0xFF); // SI24, sign from get(2)
                    long dts = ts(t) + pass * passMillis;
                    presentationToDecode.put(dts + cts, dts);
                }
            }
        }
        this.client = RtmpClient.connect(url, ClientOptions.defaults().withTimeout(Duration.ofSeconds(10)));
        this.thread = new Thread(() -> run(loops), "realtime-publisher");
        thread.setDaemon(true);
    }

    /**
     * Connects to {@code url} ({@code rtmp://127.0.0.1:P/APP/KEY}) and starts publishing {@code flv}.
     *
     * @return the running publisher, once its first media tag is out
     */
    static RealtimePublisher start(URI url, Path flv, int loops) throws Exception {
        List<FlvTag> tags = new ArrayList<>();
        try (FlvReader reader = FlvReader.open(flv)) {
            for (Optional<FlvTag> t = reader.next(); t.isPresent(); t = reader.next()) {
                tags.add(t.get());
            }
        }
        RealtimePublisher p = new RealtimePublisher(url, tags, loops);
        p.thread.start();
        if (!p.started.await(20, TimeUnit.SECONDS)) {
            p.close();
            throw new IllegalStateException("the publisher did not start within 20 s", p.done.handle((v, e) -> e).getNow(null));
        }
        return p;
    }

    private static long ts(FlvTag t) {
        return Integer.toUnsignedLong(t.timestamp());
    }

    private void run(int loops) {
        try (Publisher publisher = client.publish(client.streamName())) {
            for (int pass = 0; pass < loops; pass++) {
                long offset = pass * passMillis;
                for (FlvTag tag : tags) {
                    if (tag.type() == FlvTagType.SCRIPT) {
                        if (pass == 0) {
                            publisher.sendMetadata(ScriptData.metadata(tag.body()));
                        }
                        continue;
                    }
                    if (pass > 0 && isSequenceHeader(tag)) {
                        continue;
                    }
                    long ts = ts(tag) + offset;
                    if (startWallMillis == 0) {
                        startWallMillis = System.currentTimeMillis();
                        started.countDown();
                    } else {
                        waitUntil(publishedAtMillis(ts));
                    }
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                    publisher.send(new FlvTag(tag.type(), (int) ts, tag.body()));
                }
            }
            done.complete(null);
        } catch (Exception e) {
            done.completeExceptionally(e);
        } finally {
            started.countDown();
        }
    }

    /** Legacy AVC/AAC sequence headers (FLV 10.1 §E.4.2.1, §E.4.3.1): AVCPacketType or AACPacketType 0. */
    private static boolean isSequenceHeader(FlvTag tag) {
        int first = tag.body().get(0) & 0xFF;
        return tag.body().remaining() > 1 && tag.body().get(1) == 0
                && (tag.type() == FlvTagType.VIDEO ? (first & 0x0F) == 7 : (first >> 4) == 10);
    }

    private static void waitUntil(long wallMillis) {
        long wait;
        while ((wait = wallMillis - System.currentTimeMillis()) > 0 && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(wait * 1_000_000L);
        }
    }

    /**
     * @param timestampMillis an FLV timestamp of the published stream (later passes included)
     * @return the wall-clock instant it was (or will be) published, epoch ms
     */
    long publishedAtMillis(long timestampMillis) {
        return startWallMillis + timestampMillis - firstTimestamp;
    }

    /**
     * The publish instant of the AVC frame shown at a presentation time: the frame whose presentation timestamp
     * (FLV timestamp + CompositionTime, FLV 10.1 §E.4.3.1) is nearest, published at its decode timestamp.
     *
     * @param presentationMillis a presentation time of the published stream, ms (a video element's media time)
     * @return epoch ms
     */
    long publishedAtOfPresentation(double presentationMillis) {
        long pts = Math.round(presentationMillis);
        Map.Entry<Long, Long> below = presentationToDecode.floorEntry(pts);
        Map.Entry<Long, Long> above = presentationToDecode.ceilingEntry(pts);
        Map.Entry<Long, Long> nearest = below == null ? above
                : above == null || pts - below.getKey() <= above.getKey() - pts ? below : above;
        return publishedAtMillis(nearest == null ? pts : nearest.getValue());
    }

    /** @return completes when every pass is out (exceptionally if the publish failed) */
    CompletableFuture<Void> done() {
        return done;
    }

    /** @return completes when the connection closed (by either side) */
    CompletableFuture<Void> closeFuture() {
        return client.closeFuture();
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(10_000);
        client.close();
    }
}
