package org.rtmp4j.snapshot;

/**
 * The counters of a {@link Snapshots}, for monitoring; read racily while decodes run.
 *
 * @param decodes decodes started (calls of {@link KeyframeDecoder#decode} submitted to the pool)
 * @param images decodes that gave a JPEG
 * @param unsupported decodes refused by every decoder
 * @param failures decodes that failed
 * @param timeouts decodes cancelled at {@link SnapshotOptions#timeout()}
 * @param rejected decodes refused because the pool and its queue were full
 * @param activeDecodes decodes running now
 * @param poolThreads the decode pool's threads now (at most {@link SnapshotOptions#threads()})
 */
public record SnapshotStats(long decodes, long images, long unsupported, long failures, long timeouts,
        long rejected, int activeDecodes, int poolThreads) {}
