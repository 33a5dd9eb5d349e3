package org.rtmp4j.core.session;

import org.rtmp4j.core.command.Publish;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.message.CommandMessage;

/**
 * A pending decision on publish (RTMP 1.0 §7.2.2.6). Accepting sends Stream Begin and onStatus
 * NetStream.Publish.Start; rejecting sends onStatus with level {@code error} and a code that says why:
 * {@link #reject(String)} answers {@code NetStream.Publish.Rejected} (not allowed: authorisation, a
 * limit), {@link #rejectBadName(String)} answers {@code NetStream.Publish.BadName} (the name is in use
 * or is not acceptable as a name), {@link #reject(Status)} any code. The connection stays open.
 *
 * <p>Thread-safe and idempotent: the first of {@code accept}/{@code reject} wins; it may be called
 * later, from any thread (asynchronous authorisation).
 */
public interface PublishRequest {
    /** @return the typed command */
    Publish command();

    /**
     * The stream key the client asked to publish, without its query string (RTMP 1.0 §7.2.2.6), as {@code
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
     * Rejects with {@code NetStream.Publish.Rejected} ({@link StatusCodes#PUBLISH_REJECTED}) and
     * {@code description}: the publisher may not publish (a wrong key, a limit).
     *
     * @param description human-readable reason
     */
    void reject(String description);

    /**
     * Rejects with {@code NetStream.Publish.BadName} ({@link StatusCodes#PUBLISH_BAD_NAME}) and
     * {@code description}: the name is already being published, or is not acceptable as a name
     * (empty, not a file name).
     *
     * @param description human-readable reason
     */
    default void rejectBadName(String description) {
        reject(Status.error(StatusCodes.PUBLISH_BAD_NAME, description));
    }

    /** @return whether accepted or rejected already */
    boolean isDone();
}
