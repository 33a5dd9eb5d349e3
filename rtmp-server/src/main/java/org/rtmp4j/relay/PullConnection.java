package org.rtmp4j.relay;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.rtmp4j.client.ClientOptions;
import org.rtmp4j.client.NioClient;
import org.rtmp4j.client.NioClientGroup;
import org.rtmp4j.core.command.ReconnectRequest;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.message.DataMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.session.ClientListener;

/**
 * One connection of a {@link PullRelay} to one origin URL: TCP connect on the relays' blocking pool,
 * then handshake, {@code connect}, {@code createStream} and {@code play} (RTMP 1.0 §7.2.1.1,
 * §7.2.1.3, §7.2.2.1) on a shared client event loop. Everything the origin sends on the connection goes
 * to the relay, tagged with this connection, so the relay can tell an old connection from its
 * successor.
 *
 * <p>Thread-safety: {@link #open} and {@link #close} from any thread; the callbacks come on the
 * client loop's thread.
 */
final class PullConnection implements ClientListener {
    /** What a connection reports to its relay, on the client loop's thread; must not block. */
    interface Events {
        void onMedia(PullConnection from, MediaMessage media);

        void onData(PullConnection from, DataMessage data);

        void onStatus(PullConnection from, Status status);

        void onReconnectRequest(PullConnection from, ReconnectRequest request);

        void onClose(PullConnection from, Throwable causeOrNull);
    }

    private final URI url;
    private final Events events;
    private volatile NioClient client;
    private volatile boolean closed;

    PullConnection(URI url, Events events) {
        this.url = url;
        this.events = events;
    }

    /** @return the URL played, {@code rtmp://host:port/app/key} */
    URI url() {
        return url;
    }

    /**
     * Connects and plays.
     *
     * @param clients the shared client loops
     * @param blocking where the TCP connect blocks
     * @param options timeout and {@code connect} properties
     * @return completes once {@code NetStream.Play.Start} came, or exceptionally with why not
     *     (connect refused, timed out, {@code NetStream.Play.StreamNotFound} as an
     *     {@code RtmpStatusException})
     */
    CompletableFuture<PullConnection> open(NioClientGroup clients, Executor blocking, ClientOptions options) {
        return CompletableFuture.supplyAsync(() -> clients.connect(url, options, this), blocking)
                .thenCompose(f -> f)
                .thenCompose(c -> {
                    client = c;
                    if (closed) {
                        c.close();
                        throw new IllegalStateException("pull stopped while connecting to " + url);
                    }
                    return c.createStream().thenCompose(id -> c.play(id, c.streamName()));
                })
                .handle((v, e) -> {
                    if (e != null) {
                        close();
                        throw e instanceof RuntimeException r ? r : new java.util.concurrent.CompletionException(e);
                    }
                    return this;
                });
    }

    /** @return whether the connection closed or {@link #close} was called */
    boolean isClosed() {
        return closed;
    }

    /** @return bytes read from the origin so far */
    long bytesIn() {
        NioClient c = client;
        return c == null ? 0 : c.bytesIn();
    }

    /** @return the origin's {@code tcUrl}, {@code rtmp://host:port/app} */
    String tcUrl() {
        String s = url.toString();
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        int last = path.lastIndexOf('/');
        return last <= 0 ? s : s.substring(0, s.indexOf(path) + last);
    }

    /** @return the stream name played (the last path segment, with any query) */
    String streamName() {
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        return url.getRawQuery() == null ? name : name + "?" + url.getRawQuery();
    }

    /**
     * Closes the connection (flushing what is queued). Idempotent; any thread.
     *
     * @return completes when the connection is gone
     */
    CompletableFuture<Void> close() {
        closed = true;
        NioClient c = client;
        if (c == null) {
            return CompletableFuture.completedFuture(null);
        }
        c.close();
        return c.closeFuture().handle((v, e) -> null);
    }

    @Override
    public void onMedia(int streamId, MediaMessage media) {
        events.onMedia(this, media);
    }

    @Override
    public void onData(int streamId, DataMessage data) {
        events.onData(this, data);
    }

    @Override
    public void onStatus(int streamId, Status status) {
        if (streamId != 0) {
            events.onStatus(this, status);
        }
    }

    @Override
    public void onReconnectRequest(ReconnectRequest request) {
        events.onReconnectRequest(this, request);
    }

    @Override
    public void onClose(Throwable causeOrNull) {
        closed = true;
        events.onClose(this, causeOrNull);
    }

    @Override
    public String toString() {
        return "pull connection to " + url;
    }
}
