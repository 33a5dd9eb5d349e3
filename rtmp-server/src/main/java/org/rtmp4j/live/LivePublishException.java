package org.rtmp4j.live;

import org.rtmp4j.core.command.Status;

/**
 * A publish the relay refused ({@link LiveBroadcastController#publish}): the name is live and the
 * policy refuses a second publisher, {@link LiveOptions#maxStreams()} is reached, or the host's
 * {@link LiveBroadcastController#authorizePublish} said no. RTMP publishers get {@link #status()} as
 * their {@code onStatus}; other transports map it (e.g. HTTP 403 or 409).
 */
public final class LivePublishException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The refusal, as an RTMP status. */
    private final transient Status status;

    /** @param status the refusal, e.g. {@code NetStream.Publish.BadName} */
    public LivePublishException(Status status) {
        super(status.code() + ": " + status.description());
        this.status = status;
    }

    /** @return the refusal, e.g. {@code NetStream.Publish.BadName} or {@code NetStream.Publish.Rejected} */
    public Status status() {
        return status;
    }
}
