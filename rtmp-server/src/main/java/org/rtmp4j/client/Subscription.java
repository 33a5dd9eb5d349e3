package org.rtmp4j.client;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.message.DataMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.session.ClientListener;
import org.rtmp4j.server.internal.Takeover;

/**
 * A stream this client plays ({@link RtmpClient#play}). Thread-safe; {@link #close()} is
 * idempotent.
 *
 * <p>Reconnect (E-RTMP v2, Reconnect Request; see {@link RtmpClient}): the name is played again on
 * the new connection while the old one keeps delivering. The new connection's audio and video are
 * withheld until one has caught up with the last of its type delivered (the same timestamp in ms and
 * size, or newer), then the old connection's messages stop and the new one's flow, skipping per type
 * what the old one delivered ({@code Takeover}): a live relay's replay of its GOP cache is not
 * delivered twice. The listener is called one message at a time,
 * from whichever connection's reader thread is delivering. Statuses and data of the new connection
 * before the switch (its {@code NetStream.Play.Start}, metadata already delivered) are not passed
 * on; if the old connection closes first, the new one takes over at once, still skipping
 * messages not newer than those delivered.
 */
public final class Subscription implements AutoCloseable, RtmpClient.NetStreamHandle {
    private final RtmpClient client;
    private final String name;
    private final ClientListener listener;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object lock = new Object();
    // guarded by lock
    private Feed current;
    private Feed next;
    /** What was delivered: where a new connection's messages stand against it. */
    private final Takeover takeover = new Takeover();

    Subscription(RtmpClient client, String name, ClientListener listener) {
        this.client = client;
        this.name = name;
        this.listener = listener;
    }

    /** Creates the stream on {@code link} and plays; the first feed. */
    void start(ClientLink link) throws IOException {
        Feed f = new Feed(link, link.createStream());
        synchronized (lock) {
            current = f;
        }
        try {
            link.play(f.streamId, name, f);
        } catch (IOException | RuntimeException e) {
            link.deleteStreamQuietly(f.streamId);
            throw e;
        }
    }

    /** @return the message stream id the server allocated (on the connection delivering now) */
    public int streamId() {
        synchronized (lock) {
            return current.streamId;
        }
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
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Feed c;
        Feed n;
        synchronized (lock) {
            c = current;
            n = next;
            current = null;
            next = null;
        }
        if (c != null) {
            c.link.deleteStreamQuietly(c.streamId);
        }
        if (n != null) {
            n.link.deleteStreamQuietly(n.streamId);
            n.promoted.complete(null);
        }
        client.streamClosed(this);
    }

    @Override
    public CompletableFuture<Void> moveTo(ClientLink link) {
        Feed f;
        try {
            f = new Feed(link, link.createStream());
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        synchronized (lock) {
            if (closed.get()) {
                link.deleteStreamQuietly(f.streamId);
                return CompletableFuture.completedFuture(null);
            }
            next = f;
        }
        try {
            link.play(f.streamId, name, f);
        } catch (IOException | RuntimeException e) {
            synchronized (lock) {
                if (next == f) {
                    next = null;
                }
            }
            link.deleteStreamQuietly(f.streamId);
            f.promoted.completeExceptionally(e);
        }
        return f.promoted;
    }

    /** Under lock: {@code next} becomes the delivering feed; the old one is retired off this thread. */
    private void promote() {
        Feed old = current;
        Feed f = next;
        current = f;
        next = null;
        takeover.switched();
        ForkJoinPool.commonPool().execute(() -> {
            if (old != null) {
                old.link.deleteStreamQuietly(old.streamId);
            }
            f.promoted.complete(null);
        });
    }

    /** One connection's view of this subscription. */
    private final class Feed implements ClientListener {
        final ClientLink link;
        final int streamId;
        final CompletableFuture<Void> promoted = new CompletableFuture<>();

        Feed(ClientLink link, int streamId) {
            this.link = link;
            this.streamId = streamId;
        }

        @Override
        public void onStatus(int id, Status status) {
            synchronized (lock) {
                if (this == current && next == null) {
                    listener.onStatus(id, status);
                }
            }
        }

        @Override
        public void onData(int id, DataMessage data) {
            synchronized (lock) {
                if (this == current) {
                    listener.onData(id, data);
                }
            }
        }

        @Override
        public void onMedia(int id, MediaMessage media) {
            synchronized (lock) {
                if (this == next) {
                    if (!takeover.caughtUp(media)) {
                        return;
                    }
                    promote();
                } else if (this != current) {
                    return;
                }
                if (!takeover.isNew(media)) { // the old connection delivered it
                    return;
                }
                takeover.delivered(media);
                listener.onMedia(id, media);
            }
        }

        @Override
        public void onClose(Throwable causeOrNull) {
            synchronized (lock) {
                if (this == next) {
                    next = null;
                    promoted.completeExceptionally(causeOrNull != null ? causeOrNull
                            : new IOException("new connection closed before the switch"));
                } else if (this == current && next != null) {
                    promote(); // the old connection is gone first: the new one takes over now
                } else if (this == current) {
                    listener.onClose(causeOrNull);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "Subscription[" + name + "]";
    }
}
