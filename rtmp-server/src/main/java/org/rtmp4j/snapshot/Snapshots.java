package org.rtmp4j.snapshot;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.LiveMedia;
import org.rtmp4j.live.StreamKey;
import org.rtmp4j.snapshot.SnapshotResult.Reason;
import org.rtmp4j.snapshot.SnapshotResult.Unavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JPEG snapshots of a relay's live streams: taps the latest keyframe of each stream asked for ({@link
 * KeyframeTap}) and decodes it with a {@link KeyframeDecoder} on demand, at most once per stream per {@link
 * SnapshotOptions#interval()}, serving the cached result meanwhile (and as long as the keyframe has
 * not changed). Requests for a stream while its decode runs share that decode's future.
 *
 * <p>Decodes run on a bounded pool ({@link SnapshotOptions#threads()} threads, {@link
 * SnapshotOptions#maxQueued()} waiting; more is {@link Reason#BUSY}), never on an event loop and
 * never one thread per request. A decode still running at {@link SnapshotOptions#timeout()} is
 * cancelled (its thread interrupted) and answered {@link Reason#TIMED_OUT}; a decoder that ignores
 * the interrupt keeps only its pool thread.
 *
 * <p>Thread-safety: safe from any thread; {@link #snapshot} never blocks.
 */
public final class Snapshots implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Snapshots.class);
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final KeyframeDecoder decoder;
    private final SnapshotOptions options;
    private final LongSupplier nanoClock;
    private final KeyframeTap tap;
    private final ThreadPoolExecutor pool;
    private final Map<StreamKey, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong decodes = new AtomicLong();
    private final AtomicLong images = new AtomicLong();
    private final AtomicLong unsupported = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    /**
     * Snapshots the streams of {@code relay}, decoded with {@code decoder}.
     *
     * @param relay the hub whose streams to snapshot
     * @param decoder the decoder (e.g. a chain, {@link KeyframeDecoder#firstOf})
     * @param options interval, timeout and pool bounds
     * @throws NullPointerException if an argument is null
     */
    public Snapshots(LiveBroadcastController relay, KeyframeDecoder decoder, SnapshotOptions options) {
        this(relay, decoder, options, System::nanoTime);
    }

    /** As the public constructor, with the clock that measures the interval (tests). */
    Snapshots(LiveBroadcastController relay, KeyframeDecoder decoder, SnapshotOptions options, LongSupplier nanoClock) {
        Objects.requireNonNull(relay, "relay");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.options = Objects.requireNonNull(options, "options");
        this.nanoClock = nanoClock;
        this.pool = new ThreadPoolExecutor(options.threads(), options.threads(), 30, TimeUnit.SECONDS,
                options.maxQueued() == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(options.maxQueued()),
                threads(POOLS.incrementAndGet()));
        this.pool.allowCoreThreadTimeOut(true);
        this.tap = KeyframeTap.attach(relay, entries::remove);
    }

    private static ThreadFactory threads(int pool) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "rtmp4j-snapshot-" + pool + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** @return the options in force */
    public SnapshotOptions options() {
        return options;
    }

    /** @return the keyframe tap (e.g. for {@link KeyframeTap#streams()}) */
    public KeyframeTap tap() {
        return tap;
    }

    /**
     * The snapshot of {@code key}: the cached result when it is younger than the interval or the
     * keyframe has not changed since, the running decode's future when one runs, else a new decode.
     * Any thread; never blocks. The future completes on a pool thread, the timeout's thread or the
     * caller's, never exceptionally.
     *
     * @param key the stream
     * @return the result: an {@link SnapshotResult.Image}, or {@link Unavailable} with {@link
     *     Reason#NO_KEYFRAME} when the stream is not live or has had no keyframe
     */
    public CompletableFuture<SnapshotResult> snapshot(StreamKey key) {
        KeyframeTap.Latest latest = tap.current(key);
        if (latest == null || latest.keyframe() == null) {
            return CompletableFuture.completedFuture(new Unavailable(Reason.NO_KEYFRAME,
                    key + (latest == null ? " is not live" : " has had no video keyframe yet")));
        }
        Entry e = entries.computeIfAbsent(key, k -> new Entry());
        synchronized (e) {
            if (e.inFlight != null) {
                return e.inFlight;
            }
            long now = nanoClock.getAsLong();
            if (e.result != null && (now - e.decodedAt < options.interval().toNanos()
                    || e.result instanceof SnapshotResult.Image && e.keyframe == latest.keyframe())) {
                return CompletableFuture.completedFuture(e.result);
            }
            CompletableFuture<SnapshotResult> f = decode(KeyframeTap.sample(key, latest));
            e.inFlight = f;
            LiveMedia keyframe = latest.keyframe();
            f.whenComplete((r, t) -> {
                synchronized (e) {
                    e.inFlight = null;
                    e.result = r;
                    e.decodedAt = nanoClock.getAsLong();
                    e.keyframe = keyframe;
                }
            });
            return f;
        }
    }

    private CompletableFuture<SnapshotResult> decode(KeyframeSample sample) {
        CompletableFuture<SnapshotResult> result = new CompletableFuture<>();
        FutureTask<SnapshotResult> task = new FutureTask<>(() -> run(sample)) {
            @Override
            protected void done() {
                if (!isCancelled()) {
                    try {
                        result.complete(get());
                    } catch (Exception e) {
                        result.completeExceptionally(e.getCause() != null ? e.getCause() : e);
                    }
                }
            }
        };
        try {
            pool.execute(task);
        } catch (RejectedExecutionException e) {
            rejected.incrementAndGet();
            return CompletableFuture.completedFuture(new Unavailable(Reason.BUSY,
                    "snapshot decoders busy (" + options.threads() + " running, " + options.maxQueued() + " queued)"));
        }
        decodes.incrementAndGet();
        Duration timeout = options.timeout();
        return result.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS).exceptionally(t -> {
            task.cancel(true);
            if (t instanceof TimeoutException) {
                timeouts.incrementAndGet();
                log.info("{}: snapshot decode cancelled after {} ms", sample.key(), timeout.toMillis());
                return new Unavailable(Reason.TIMED_OUT, "decoding took longer than " + timeout.toMillis() + " ms");
            }
            failures.incrementAndGet();
            log.warn("{}: snapshot decoder failed", sample.key(), t);
            return new Unavailable(Reason.DECODE_FAILED, String.valueOf(t));
        });
    }

    /** Pool thread: one decode, its outcome as a result. */
    private SnapshotResult run(KeyframeSample sample) {
        long start = System.nanoTime();
        try {
            byte[] jpeg = decoder.decode(sample);
            if (jpeg == null || jpeg.length == 0) {
                throw new DecodeException("the decoder returned no JPEG");
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            images.incrementAndGet();
            log.debug("{}: {} keyframe decoded in {} ms ({} bytes of JPEG)", sample.key(), sample.codec(),
                    took.toMillis(), jpeg.length);
            return new SnapshotResult.Image(jpeg, sample.codec(), sample.timestamp(), took);
        } catch (UnsupportedCodecException e) {
            unsupported.incrementAndGet();
            log.debug("{}: no snapshot decoder for {}: {}", sample.key(), sample.codec(), e.getMessage());
            return new Unavailable(Reason.UNSUPPORTED_CODEC, "no decoder for " + sample.codec() + ": " + e.getMessage());
        } catch (DecodeException | RuntimeException e) {
            failures.incrementAndGet();
            log.info("{}: {} keyframe not decoded: {}", sample.key(), sample.codec(), e.toString());
            return new Unavailable(Reason.DECODE_FAILED, String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Unavailable(Reason.TIMED_OUT, "decode interrupted");
        }
    }

    /** @return the counters and the pool's state now */
    public SnapshotStats stats() {
        return new SnapshotStats(decodes.get(), images.get(), unsupported.get(), failures.get(), timeouts.get(),
                rejected.get(), pool.getActiveCount(), pool.getPoolSize());
    }

    /** Stops tapping, interrupts running decodes and ends the pool; pending futures time out. Idempotent. */
    @Override
    public void close() {
        tap.close();
        pool.shutdownNow();
        entries.clear();
    }

    /** One stream's cache; guarded by its monitor. */
    private static final class Entry {
        CompletableFuture<SnapshotResult> inFlight;
        SnapshotResult result;
        long decodedAt;
        LiveMedia keyframe;
    }
}
