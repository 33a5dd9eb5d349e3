package org.rtmp4j.examples;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.rtmp4j.live.StreamKey;
import org.rtmp4j.snapshot.SnapshotResult;
import org.rtmp4j.snapshot.Snapshots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code server --snapshot-dir DIR}: once per snapshot interval, asks {@link Snapshots} for every live
 * stream and writes each new image to {@code DIR/APP/KEY.jpg} (flux-rtmpd's keyframe directory). A
 * file is replaced atomically: written as {@code .KEY.jpg.tmp} beside it, then renamed over it, so a
 * reader sees the old or the new image, never half of one. The last image stays after the stream
 * ends. Names that are not plain file names ({@link SafeNames}) are skipped.
 *
 * <p>Threads: one scheduler thread asks; the writes run where the decodes complete (the snapshot
 * pool). Thread-safe.
 */
final class SnapshotDirWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SnapshotDirWriter.class);

    private final Snapshots snapshots;
    private final Supplier<Set<StreamKey>> live;
    private final Path dir;
    private final Map<StreamKey, SnapshotResult.Image> written = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;

    private SnapshotDirWriter(Snapshots snapshots, Supplier<Set<StreamKey>> live, Path dir) {
        this.snapshots = snapshots;
        this.live = live;
        this.dir = dir;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rtmp4j-snapshot-dir");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts writing the snapshots of the streams {@code live} names into {@code dir}, once per {@link
     * org.rtmp4j.snapshot.SnapshotOptions#interval()} (at least every 100 ms).
     */
    static SnapshotDirWriter start(Snapshots snapshots, Supplier<Set<StreamKey>> live, Path dir) {
        SnapshotDirWriter w = new SnapshotDirWriter(snapshots, live, dir);
        long period = Math.max(100, snapshots.options().interval().toMillis());
        w.scheduler.scheduleWithFixedDelay(w::round, 0, period, TimeUnit.MILLISECONDS);
        return w;
    }

    /** One pass over the live streams; scheduler thread. */
    void round() {
        try {
            Set<StreamKey> keys = live.get();
            written.keySet().retainAll(keys);
            for (StreamKey key : keys) {
                if (SafeNames.isSafeApp(key.app()) && SafeNames.isSafe(key.name())) {
                    snapshots.snapshot(key).thenAccept(r -> {
                        if (r instanceof SnapshotResult.Image image) {
                            write(key, image);
                        }
                    });
                }
            }
        } catch (RuntimeException e) {
            log.warn("snapshot directory pass failed: {}", e.toString());
        }
    }

    private void write(StreamKey key, SnapshotResult.Image image) {
        SnapshotResult.Image before = written.put(key, image);
        if (before == image) {
            return; // the same image as last time
        }
        Path file = dir.resolve(key.app()).resolve(key.name() + ".jpg");
        Path tmp = file.resolveSibling("." + key.name() + ".jpg.tmp");
        try {
            Files.createDirectories(file.getParent());
            Files.write(tmp, image.jpeg());
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            if (before == null) {
                log.info("{}: snapshot written to {}", key, file);
            } else {
                log.debug("{}: snapshot written to {}", key, file);
            }
        } catch (IOException e) {
            written.remove(key, image);
            log.warn("{}: snapshot not written to {}: {}", key, file, e.toString());
        }
    }

    /** Stops the passes; a write under way finishes. */
    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
