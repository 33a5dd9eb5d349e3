package org.rtmp4j.core.session;

import org.rtmp4j.core.command.Status;

/** A request was refused by the peer with an error status (e.g. NetStream.Publish.BadName). */
public final class RtmpStatusException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Status status;

    /** @param status the error status the peer sent */
    public RtmpStatusException(Status status) {
        super(status.code() + ": " + status.description());
        this.status = status;
    }

    /** @return the error status the peer sent */
    public Status status() {
        return status;
    }
}
