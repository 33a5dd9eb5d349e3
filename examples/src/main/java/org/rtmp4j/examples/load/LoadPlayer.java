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
 * nanoTime} minus the send time), so a server's GOP cache replay does not count as latency; time to
 * first keyframe runs from sending {@code play} to the first video keyframe. Video frames carry their
 * send time ({@link SyntheticVideo}). AAC frames cannot: their send time is looked up in the publisher's
 * {@link AudioSendTimes} by their timestamp, taken back to the publisher's time base with the shift
 * (received minus embedded timestamp) of the newest synthetic video frame, so a server that rebases
 * timestamps is measured correctly; audio before the first synthetic video frame is not measured.
 */
final class LoadPlayer implements ClientListener {
    private final Latencies latencies;
    private final AtomicLong steadyFromNanos;
    private final AudioSendTimes audioSendTimes;
    private long timestampShift;
    private boolean shiftKnown;
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
     * @param latencies shared histograms: every synthetic frame sent after this player's {@code play}, and (steady)
     *     only frames sent at or after {@code steadyFromNanos} ({@code Long.MIN_VALUE}: not yet), i.e. once every
     *     player is playing: no join (and GOP cache burst) in progress
     * @param steadyFromNanos shared; set once by the load command
     * @param audioSendTimes the synthetic publisher's audio send times, or null to measure video only
     */
    LoadPlayer(Latencies latencies, AtomicLong steadyFromNanos, AudioSendTimes audioSendTimes) {
        this.latencies = latencies;
        this.steadyFromNanos = steadyFromNanos;
        this.audioSendTimes = audioSendTimes;
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
     * @param video whether it is video (only video carries keyframes and embedded send times)
     * @param timestamp its timestamp in ms
     * @param body its body, or at least its first bytes (not moved)
     */
    void media(boolean video, int timestamp, ByteBuffer body) {
        long now = System.nanoTime();
        mediaMessages++;
        lastReceiveNanos = now;
        lastTimestamp = timestamp;
        if (!video) {
            if (audioSendTimes != null && shiftKnown && SyntheticAudio.isAacFrame(body)) {
                long original = (timestamp & 0xFFFFFFFFL) - timestampShift;
                long sent = original < 0 ? Long.MIN_VALUE : audioSendTimes.sendNanos(original);
                if (sent != Long.MIN_VALUE) {
                    record(latencies.audio(), latencies.audioSteady(), sent, now);
                }
            }
            return;
        }
        if (firstKeyframeNanos == 0 && playSentNanos != 0 && SyntheticVideo.isKeyframe(body)) {
            firstKeyframeNanos = now;
        }
        long sent = SyntheticVideo.sendNanos(body);
        if (sent != Long.MIN_VALUE) {
            lastSendNanos = sent;
            timestampShift = (timestamp & 0xFFFFFFFFL) - SyntheticVideo.sentTimestamp(body);
            shiftKnown = true;
            record(latencies.video(), latencies.videoSteady(), sent, now);
        }
    }

    private void record(Histogram all, Histogram steady, long sent, long now) {
        if (sent - playSentNanos >= 0) {
            all.record(now - sent);
        }
        long steadyFrom = steadyFromNanos.get();
        if (steadyFrom != Long.MIN_VALUE && sent - steadyFrom >= 0) {
            steady.record(now - sent);
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
