package org.rtmp4j.core.session;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.rtmp4j.core.command.PublishType;
import org.rtmp4j.core.message.CommandMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.RtmpMessage;

/**
 * The client engine for one connection, over the same layers as {@link ServerConnection}.
 * Sans-I/O and not thread-safe: the caller serialises every call (the runtime's reader thread and
 * writers share one lock). Futures complete on the thread that feeds {@link #onBytes}.
 */
public final class ClientConnection {
    /** Creates the engine; call {@link #start()} to send C0+C1. */
    public ClientConnection(SessionConfig config, Transport transport, ClientListener listener) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Sends C0+C1 (RTMP 1.0 §5.2.5). */
    public void start() {
        throw new UnsupportedOperationException("TODO");
    }

    /** Feeds received bytes; consumes all of {@code in}. A protocol error closes the transport. */
    public void onBytes(ByteBuffer in) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Drives timers. @param nowNanos monotonic clock */
    public void onTick(long nowNanos) {
        throw new UnsupportedOperationException("TODO");
    }

    /** The transport is closed; fails pending futures and calls {@link ClientListener#onClose}. */
    public void onTransportClosed(Throwable causeOrNull) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Sends {@code connect} (queued until the handshake completes).
     *
     * @return completes with the {@code _result}, or exceptionally with {@link RtmpStatusException}
     */
    public CompletableFuture<CommandMessage> connect(ConnectOptions options) {
        throw new UnsupportedOperationException("TODO");
    }

    /** @return completes with the new message stream id */
    public CompletableFuture<Integer> createStream() {
        throw new UnsupportedOperationException("TODO");
    }

    /** Sends {@code publish}; completes on NetStream.Publish.Start, exceptionally with {@link RtmpStatusException}. */
    public CompletableFuture<Void> publish(int streamId, String name, PublishType type) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Sends {@code play}; completes on NetStream.Play.Start, exceptionally with {@link RtmpStatusException}. */
    public CompletableFuture<Void> play(int streamId, String name) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Sends audio or video on {@code streamId} (stream id of {@code media} is replaced). */
    public void sendMedia(int streamId, MediaMessage media) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Sends {@code @setDataFrame, onMetaData, metadata} on {@code streamId}. */
    public void sendMetadata(int streamId, Map<String, Object> metadata) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Sends {@code FCUnpublish} (when publishing) and {@code deleteStream}. */
    public void deleteStream(int streamId) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Sends any message (escape hatch). */
    public void send(RtmpMessage message) {
        throw new UnsupportedOperationException("TODO");
    }
}
