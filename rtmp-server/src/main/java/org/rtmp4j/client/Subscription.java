package org.rtmp4j.client;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A stream this client plays ({@link RtmpClient#play}). Thread-safe; {@link #close()} is
 * idempotent.
 */
public final class Subscription implements AutoCloseable, RtmpClient.NetStreamHandle {
    private final RtmpClient client;
    private final int streamId;
    private final String name;
    private final AtomicBoolean closed = new AtomicBoolean();

    Subscription(RtmpClient client, int streamId, String name) {
        this.client = client;
        this.streamId = streamId;
        this.name = name;
    }

    /** @return the message stream id the server allocated */
    public int streamId() {
        return streamId;
    }

    /** @return the played name */
    public String name() {
        return name;
    }

    /** Stops playing: the listener gets nothing more, and {@code deleteStream} is sent. Idempotent. */
    @Override
    public void close() {
        closeStream();
    }

    /** Same as {@link #close()}. */
    @Override
    public void closeStream() {
        if (closed.compareAndSet(false, true)) {
            client.streamClosed(this, streamId);
        }
    }

    @Override
    public String toString() {
        return "Subscription[" + name + ", stream " + streamId + "]";
    }
}
