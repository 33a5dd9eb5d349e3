package org.rtmp4j.core.session;

import org.rtmp4j.core.command.Publish;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.message.CommandMessage;

/**
 * A pending decision on publish (RTMP 1.0 §7.2.2.6). Accepting sends Stream Begin and onStatus NetStream.Publish.Start; rejecting sends onStatus with the given error (default NetStream.Publish.BadName).
 *
 * <p>Thread-safe and idempotent: the first of {@code accept}/{@code reject} wins; it may be called
 * later, from any thread (asynchronous authorisation).
 */
public interface PublishRequest {
    /** @return the typed command */
    Publish command();

    /** @return the command message as received */
    CommandMessage message();

    /** @return the stream the command arrived on */
    NetStream stream();

    /** Accepts and sends the protocol replies. */
    void accept();

    /**
     * Rejects with {@code status} (level error).
     *
     * @param status the error information; its level is sent as {@code error}
     */
    void reject(Status status);

    /**
     * Rejects with the default error code for this request and {@code description}.
     *
     * @param description human-readable reason
     */
    void reject(String description);

    /** @return whether accepted or rejected already */
    boolean isDone();
}
