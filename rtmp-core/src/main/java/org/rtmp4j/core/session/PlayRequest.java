package org.rtmp4j.core.session;

import org.rtmp4j.core.command.Play;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.message.CommandMessage;

/**
 * A pending decision on play (RTMP 1.0 §7.2.2.1). Accepting sends Stream Begin, onStatus NetStream.Play.Reset (if reset) and NetStream.Play.Start, and {@code |RtmpSampleAccess}; rejecting sends onStatus with the given error (default NetStream.Play.StreamNotFound).
 *
 * <p>Thread-safe and idempotent: the first of {@code accept}/{@code reject} wins; it may be called
 * later, from any thread (asynchronous authorisation).
 */
public interface PlayRequest {
    /** @return the typed command */
    Play command();

    /**
     * The stream key the client asked to play, without its query string (RTMP 1.0 §7.2.2.1), as {@code
     * command().name()}; the app is {@link RtmpSession#app()}. {@link NetStream#name()} carries it
     * only once accepted.
     *
     * @return the stream key, never {@code null} (may be empty)
     */
    default String name() {
        return command().name();
    }

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
