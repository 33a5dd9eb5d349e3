package org.rtmp4j.relay;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.rtmp4j.client.ClientOptions;
import org.rtmp4j.client.NioClient;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.session.ClientListener;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.StreamKey;

/**
 * How one attempt of a {@link PushRelay} reaches its destination: the TCP and RTMP connect on the relays' client
 * loops, its {@code connect} marked with the stream's relay chain ({@link org.rtmp4j.live.RelayChain}: no push
 * loops), then {@code createStream} and {@code publish} (RTMP 1.0 §7.2.1.3, §7.2.2.6). Every way it can fail (a
 * connect error, a refused publish, an error status on the connection or the stream, the connection closing) is
 * reported once per cause as a reason the relay logs and retries. The relay's state machine, numbered by attempt,
 * gets each step through {@link Steps}.
 */
final class PushConnection {
    /** The steps of one attempt, from the client's loop (or the caller's thread for an early failure). */
    interface Steps {
        /**
         * @param c the connected client
         * @return false when the attempt is no longer the relay's current one: the client is closed
         */
        boolean connected(NioClient c);

        /**
         * @param c the client
         * @param streamId the destination's publishing message stream
         */
        void publishing(NioClient c, int streamId);

        /** @param reason why the attempt ended */
        void failed(String reason);
    }

    private PushConnection() {
    }

    /**
     * Starts an attempt.
     *
     * @param relays the registry whose client loops connect
     * @param hub the hub whose relay chain marks the connect
     * @param source the local stream pushed
     * @param destination the destination URL
     * @param options the client settings
     * @param steps told each step
     * @throws RuntimeException when the connect cannot even start (e.g. the registry is closing)
     */
    static void open(Relays relays, LiveBroadcastController hub, StreamKey source, URI destination,
            ClientOptions options, Steps steps) {
        ClientOptions marked = options.withConnectProperties(
                hub.relayChain().connectProperties(source, options.connectProperties()));
        ClientListener statuses = new ClientListener() {
            @Override
            public void onStatus(int streamId, Status s) {
                if (s.isError()) {
                    steps.failed("destination says " + s.code() + ": " + s.description());
                }
            }
        };
        CompletableFuture<NioClient> connecting = relays.clients().connect(destination, marked, statuses);
        connecting.whenComplete((c, e) -> {
            if (e != null) {
                steps.failed("connect to " + destination + " failed: " + message(e));
            } else {
                connected(c, steps);
            }
        });
    }

    private static void connected(NioClient c, Steps steps) {
        if (!steps.connected(c)) {
            c.close();
            return;
        }
        c.closeFuture().whenComplete((v, e) -> steps.failed(e == null ? "the destination closed the connection"
                : "connection lost: " + message(e)));
        String name = c.streamName();
        c.createStream().thenCompose(id -> c.publish(id, name).thenApply(v -> id)).whenComplete((id, e) -> {
            if (e != null) {
                steps.failed("publish " + name + " refused: " + message(e));
            } else {
                steps.publishing(c, id);
            }
        });
    }

    /** @return the failure's message without the {@link CompletionException} wrapper, else its text */
    static String message(Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
