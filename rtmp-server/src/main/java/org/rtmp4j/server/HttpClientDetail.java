package org.rtmp4j.server;

import java.util.function.LongSupplier;
import org.rtmp4j.server.internal.ClientDetail;

/**
 * An HTTP connection in the client list as its handler described it
 * ({@link org.rtmp4j.http.HttpExchange#describeClient}). Immutable; the drop count is read at each snapshot.
 */
record HttpClientDetail(String kind, String stream, LongSupplier dropped) implements ClientDetail {
    @Override
    public long droppedMessages() {
        return dropped.getAsLong();
    }
}
