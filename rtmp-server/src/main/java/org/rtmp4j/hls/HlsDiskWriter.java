package org.rtmp4j.hls;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.rtmp4j.live.StreamKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies HLS files to {@code DIR/APP/KEY.m3u8} and {@code DIR/APP/KEY/INSTANCE/NAME} for an origin
 * behind a CDN or a plain file server ({@code --hls-dir}). Each file is written to a temporary file
 * in the same directory, then renamed over the target ({@link StandardCopyOption#ATOMIC_MOVE}), so a
 * reader never sees half a file. Expired segments are deleted.
 *
 * <p>One writer thread ({@code rtmp4j-hls-disk}, daemon) with a bounded queue of {@code maxQueued}
 * tasks: callers never block. When the queue is full a write is dropped, counted ({@link #dropped()})
 * and logged at WARN (once per 100); playlists are coalesced per stream (only the newest text is
 * written), so a slow disk loses segments before it loses the playlist's freshness.
 *
 * <p>Thread-safety: safe from any thread.
 */
final class HlsDiskWriter implements HlsDisk, AutoCloseable {
    /** Default bound on queued writes. */
    static final int DEFAULT_MAX_QUEUED = 256;
    private static final Logger log = LoggerFactory.getLogger(HlsDiskWriter.class);

    private final Path dir;
    private final ThreadPoolExecutor writer;
    private final Map<StreamKey, String> playlists = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();

    /**
     * @param dir the root directory (created if needed)
     * @param maxQueued the bound on queued writes
     */
    HlsDiskWriter(Path dir, int maxQueued) {
        this.dir = dir.toAbsolutePath().normalize();
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(maxQueued), r -> {
            Thread t = new Thread(r, "rtmp4j-hls-disk");
            t.setDaemon(true);
            return t;
        }, (r, e) -> {
            throw new RejectedExecutionException("queue full");
        });
    }

    @Override
    public void write(StreamKey key, String instance, String name, ByteBuffer bytes) {
        submit(() -> atomicWrite(resolve(key, instance, name), bytes.duplicate()), name);
    }

    @Override
    public void playlist(StreamKey key, String text) {
        if (playlists.put(key, text) == null && !submit(() -> {
                String latest = playlists.remove(key);
                if (latest != null) {
                    atomicWrite(playlistPath(key), ByteBuffer.wrap(latest.getBytes(StandardCharsets.UTF_8)));
                }
            }, key + ".m3u8")) {
            playlists.remove(key); // dropped: the next playlist submits again
        }
    }

    @Override
    public void delete(StreamKey key, String instance, String name) {
        submit(() -> Files.deleteIfExists(resolve(key, instance, name)), name);
    }

    @Override
    public void removeStream(StreamKey key, String instance) {
        submit(() -> {
            playlists.remove(key);
            Files.deleteIfExists(playlistPath(key));
            Path d = resolve(key, instance, "x").getParent();
            if (Files.isDirectory(d)) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(d)) {
                    for (Path f : files) {
                        Files.deleteIfExists(f);
                    }
                }
                Files.deleteIfExists(d);
            }
        }, key + " cleanup");
    }

    /** @return writes dropped because the queue was full */
    long dropped() {
        return dropped.get();
    }

    /** @return completes once every write queued before this call is done (tests, shutdown) */
    CompletableFuture<Void> flushed() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            writer.execute(() -> done.complete(null));
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    private interface IoTask {
        void run() throws IOException;
    }

    /** @return false when the queue was full and the task dropped */
    private boolean submit(IoTask task, String what) {
        try {
            writer.execute(() -> {
                try {
                    task.run();
                } catch (IOException | RuntimeException e) {
                    log.warn("HLS disk copy of {} failed: {}", what, e.toString());
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            if (dropped.getAndIncrement() % 100 == 0) {
                log.warn("HLS disk writer behind (more than {} writes queued): {} dropped, {} in all",
                        writer.getQueue().remainingCapacity() + writer.getQueue().size(), what, dropped.get());
            }
            return false;
        }
    }

    private Path playlistPath(StreamKey key) {
        return checked(dir.resolve(key.app()).resolve(key.name() + ".m3u8"));
    }

    private Path resolve(StreamKey key, String instance, String name) {
        return checked(dir.resolve(key.app()).resolve(key.name()).resolve(instance).resolve(name));
    }

    /** Names come from {@link HlsPath}'s safe shapes; this is the second check that nothing leaves {@code dir}. */
    private Path checked(Path p) {
        Path n = p.normalize();
        if (!n.startsWith(dir) || n.equals(dir)) {
            throw new IllegalArgumentException("HLS path outside " + dir + ": " + p);
        }
        return n;
    }

    private static void atomicWrite(Path target, ByteBuffer bytes) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
