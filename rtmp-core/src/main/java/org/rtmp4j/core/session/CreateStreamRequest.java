package org.rtmp4j.core.session;

import org.rtmp4j.core.command.CreateStream;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.message.CommandMessage;

/**
 * A pending decision on createStream (RTMP 1.0 §7.2.1.3). Accepting allocates a message stream id and replies {@code _result} with it; rejecting replies {@code _error}.
 *
 * <p>Thread-safe and idempotent: the first of {@code accept}/{@code reject} wins; it may be called
 * later, from any thread (asynchronous authorisation).
 */
public interface CreateStreamRequest {
    /** @return the typed command */
    CreateStream command();

    /** @return the command message as received */
    CommandMessage message();

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
