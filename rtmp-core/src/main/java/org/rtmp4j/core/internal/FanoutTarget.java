package org.rtmp4j.core.internal;

import org.rtmp4j.core.session.NetStream;

/**
 * What {@link MediaFanout} needs from a player's connection beyond the public session API: its
 * thread, its chunk size and a way to queue shared chunks after the connection's own drop decision.
 * {@code ServerConnection.fanoutTarget()} returns one; test sessions may implement it directly.
 *
 * <p>Thread-safety: {@link #sendEncodedHere} only on the connection's thread; everything else from
 * any thread.
 */
public interface FanoutTarget {
    /** @return the key of the thread that runs {@link #post} tasks; equal keys (by {@code ==}) share a thread */
    Object executorKey();

    /** @return whether the caller is on the connection's thread */
    boolean inConnectionThread();

    /** @return whether the connection is closed (nothing more will be sent) */
    boolean isClosed();

    /** @return the outgoing chunk size as last set, bytes; may be stale by one change */
    int chunkSizeHint();

    /**
     * Runs {@code task} on the connection's thread, as is (the task guards itself).
     *
     * @param task the task
     */
    void post(Runnable task);

    /**
     * Connection thread only: the drop decision for {@code media}, then its shared chunks for this
     * connection's chunk size and {@code to.id()}; a failure closes this connection only.
     *
     * @param to a playing stream of this connection
     * @param media the message and its shared encodings
     */
    void sendEncodedHere(NetStream to, EncodedMedia media);
}
