package org.rtmp4j.relay;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.rtmp4j.client.NioClient;
import org.rtmp4j.live.LiveSubscription;

/**
 * What one attempt of a {@link PushRelay} held when it was given up (its connection, publishing message stream,
 * hub subscription, pending retry), taken under the relay's lock and released outside it.
 *
 * @param client the connection, or {@code null}
 * @param streamId the destination's publishing message stream, 0 before the publish
 * @param subscription the hub subscription, or {@code null}
 * @param retry the pending retry, or {@code null}
 * @param nextAttempt the number of the attempt that follows
 */
record DroppedAttempt(NioClient client, int streamId, LiveSubscription subscription, Future<?> retry,
        int nextAttempt) {
    /**
     * @param clean whether to unpublish first (FCUnpublish, deleteStream) so the destination ends its stream
     * @return completes when the connection is closed
     */
    CompletableFuture<Void> release(boolean clean) {
        if (retry != null) {
            retry.cancel(false);
        }
        if (subscription != null) {
            subscription.cancel();
        }
        if (client == null) {
            return CompletableFuture.completedFuture(null);
        }
        if (clean && streamId > 0) {
            client.deleteStream(streamId); // FCUnpublish + deleteStream: the destination ends its stream
        }
        client.close();
        return client.closeFuture().handle((v, e) -> null);
    }
}
