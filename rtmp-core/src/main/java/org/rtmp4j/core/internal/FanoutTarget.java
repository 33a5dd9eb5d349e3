package org.rtmp4j.core.internal;

import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.session.NetStream;
import org.rtmp4j.core.session.OutboundLimits;
import org.rtmp4j.core.session.RtmpSession;
import org.rtmp4j.core.session.ServerConnection;

/**
 * What the live relay's fan-out ({@code org.rtmp4j.live}) needs from a player's connection beyond
 * the public session API: its thread, its queue, its chunk size and a way to queue shared chunks
 * once the relay's slow-output policy has decided to send them. {@link #of(RtmpSession)} finds the
 * hooks of a session; test sessions may implement this interface directly.
 *
 * <p>Thread-safety: the {@code ...Here} methods and {@link #queuedBytes()} only on the connection's
 * thread; everything else from any thread.
 */
public interface FanoutTarget {
    /**
     * The connection hooks of {@code session}, so that the relay never names the engine class.
     *
     * @param session a player's session
     * @return the engine's hooks ({@link ServerConnection#fanoutTarget()}), the session itself if it
     *     implements this interface, or {@code null} for any other session
     */
    static FanoutTarget of(RtmpSession session) {
        if (session instanceof ServerConnection c) {
            return c.fanoutTarget();
        }
        return session instanceof FanoutTarget t ? t : null;
    }

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
     * Connection thread only: the connection's own drop decision for {@code media}, then its shared
     * chunks for this connection's chunk size and {@code to.id()}; a failure closes this connection
     * only. Used when the caller applies no slow-output policy of its own.
     *
     * @param to a playing stream of this connection
     * @param media the message and its shared encodings
     */
    void sendEncodedHere(NetStream to, EncodedMedia media);

    /** @return the connection's back-pressure bounds ({@code SessionConfig.outbound()}) */
    default OutboundLimits outboundLimits() {
        return OutboundLimits.DEFAULT;
    }

    /** @return bytes queued towards the peer and not yet written; connection thread */
    default long queuedBytes() {
        return 0;
    }

    /**
     * Connection thread only: queues the shared chunks of {@code media} for {@code to} without a
     * drop decision (the caller made it), after the player's own {@code pause}/{@code receiveAudio}/
     * {@code receiveVideo} choice (RTMP 1.0 §7.2.2.4, §7.2.2.5, §7.2.2.8); a failure closes this
     * connection only.
     *
     * @param to a playing stream of this connection
     * @param media the message and its shared encodings
     */
    default void writeEncodedHere(NetStream to, EncodedMedia media) {
        sendEncodedHere(to, media);
    }

    /**
     * As {@link #writeEncodedHere(NetStream, EncodedMedia)}, for audio the hub found holdable: the
     * chunks may wait up to {@code holdNanos} for this connection's next write ({@code
     * Transport.writeMedia(ByteBuffer, long)}). The default ignores the hold.
     *
     * @param to a playing stream of this connection
     * @param media the message and its shared encodings
     * @param holdNanos the longest wait in nanoseconds; 0 = write as soon as possible
     */
    default void writeEncodedHere(NetStream to, EncodedMedia media, long holdNanos) {
        writeEncodedHere(to, media);
    }

    /**
     * Connection thread only: counts a message the caller's slow-output policy dropped in the
     * session's {@code SessionStats} (and logs a rate-limited warning).
     *
     * @param media the dropped message
     * @param startedKeyframeWait whether this drop started a wait for the next keyframe
     * @param queuedBytes the bytes queued when it was dropped
     */
    default void droppedHere(MediaMessage media, boolean startedKeyframeWait, long queuedBytes) {}

    /**
     * Connection thread only: closes the connection because its queue passed the hard cap, with an
     * {@code OutboundOverflowException}, counted in {@code SessionStats.closedForOverflow()}.
     *
     * @param queuedBytes the bytes queued
     * @param maxQueued the cap that was passed, bytes
     */
    default void overflowHere(long queuedBytes, long maxQueued) {}
}
