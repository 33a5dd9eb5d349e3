package org.rtmp4j.examples.load;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.rtmp4j.client.NioClient;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.MessageType;
import org.rtmp4j.core.session.ClientListener;

/**
 * One player's measurements, fed on its connection's loop thread and read by the main thread at the
 * end (volatile fields, single writer).
 *
 * <p>Latency is recorded for frames sent after this player's {@code play} (receive {@code
 * nanoTime} minus the embedded send time), so a server's GOP cache replay does not count as
 * latency; time to first keyframe runs from sending {@code play} to the first video keyframe.
 */
final class LoadPlayer implements ClientListener {
    private final Histogram latency;
    private final Histogram steadyLatency;
    private final AtomicLong steadyFromNanos;
    private volatile long playSentNanos;
    private volatile long firstKeyframeNanos;
    private volatile long lastSendNanos = Long.MIN_VALUE;
    private volatile long lastReceiveNanos;
    private volatile int lastTimestamp = -1;
    private volatile long mediaMessages;
    private volatile boolean closed;
    private volatile long otherBytesIn;
    private volatile NioClient client;

    /**
     * @param latency every synthetic frame sent after this player's {@code play}
     * @param steadyLatency only frames sent at or after {@code steadyFromNanos} ({@code Long.MIN_VALUE}: not yet),
     *     i.e. once every player is playing: no join (and GOP cache burst) in progress
     * @param steadyFromNanos shared; set once by the load command
     */
    LoadPlayer(Histogram latency, Histogram steadyLatency, AtomicLong steadyFromNanos) {
        this.latency = latency;
        this.steadyLatency = steadyLatency;
        this.steadyFromNanos = steadyFromNanos;
    }

    void client(NioClient c) {
        client = c;
    }

    NioClient client() {
        return client;
    }

    /** @return bytes this player read from its socket */
    long bytesIn() {
        NioClient c = client;
        return c == null ? otherBytesIn : c.bytesIn();
    }

    /** Loop thread, right before {@code play} is sent. */
    void playSent() {
        playSentNanos = System.nanoTime();
    }

    @Override
    public void onMedia(int streamId, MediaMessage media) {
        media(media.type() == MessageType.VIDEO, media.timestamp(), media.payload());
    }

    /**
     * An audio or video message arrived (RTMP message or FLV tag). Loop thread.
     *
     * @param video whether it is video (only video carries keyframes and send times)
     * @param timestamp its timestamp in ms
     * @param body its body, or at least its first bytes (not moved)
     */
    void media(boolean video, int timestamp, ByteBuffer body) {
        long now = System.nanoTime();
        mediaMessages++;
        lastReceiveNanos = now;
        lastTimestamp = timestamp;
        if (!video) {
            return;
        }
        if (firstKeyframeNanos == 0 && playSentNanos != 0 && SyntheticVideo.isKeyframe(body)) {
            firstKeyframeNanos = now;
        }
        long sent = SyntheticVideo.sendNanos(body);
        if (sent != Long.MIN_VALUE) {
            lastSendNanos = sent;
            if (sent - playSentNanos >= 0) {
                latency.record(now - sent);
            }
            long steadyFrom = steadyFromNanos.get();
            if (steadyFrom != Long.MIN_VALUE && sent - steadyFrom >= 0) {
                steadyLatency.record(now - sent);
            }
        }
    }

    /** Loop thread: {@code n} more bytes were read from a connection that is not an RTMP client (HTTP-FLV). */
    void bytesRead(int n) {
        otherBytesIn += n;
    }

    @Override
    public void onClose(Throwable causeOrNull) {
        closed = true;
    }

    boolean closed() {
        return closed;
    }

    /** @return ns from play to the first keyframe, or -1 if none arrived */
    long timeToFirstKeyframeNanos() {
        long k = firstKeyframeNanos;
        return k == 0 ? -1 : k - playSentNanos;
    }

    /** @return the embedded send time of the newest synthetic frame received, or {@link Long#MIN_VALUE} */
    long lastSendNanos() {
        return lastSendNanos;
    }

    long lastReceiveNanos() {
        return lastReceiveNanos;
    }

    int lastTimestamp() {
        return lastTimestamp;
    }

    long mediaMessages() {
        return mediaMessages;
    }
}
