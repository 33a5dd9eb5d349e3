package org.rtmp4j.core.session;

import org.rtmp4j.core.command.Connect;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.message.CommandMessage;

/**
 * A pending decision on connect (RTMP 1.0 §7.2.1.1). Accepting sends Window Acknowledgement Size, Set Peer Bandwidth, Set Chunk Size and {@code _result} with NetConnection.Connect.Success; rejecting sends {@code _error} with NetConnection.Connect.Rejected and closes the connection.
 *
 * <p>Thread-safe and idempotent: the first of {@code accept}/{@code reject} wins; it may be called
 * later, from any thread (asynchronous authorisation).
 */
public interface ConnectRequest {
    /** @return the typed command */
    Connect command();

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
