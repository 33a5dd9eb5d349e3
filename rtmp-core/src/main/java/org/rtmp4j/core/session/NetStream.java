package org.rtmp4j.core.session;

/** A view of one message stream (RTMP 1.0 §7.2.2, NetStream) of a session. */
public interface NetStream {
    /** Stream states. */
    enum State {
        /** Created, not publishing or playing. */
        IDLE,
        /** An accepted publish is active. */
        PUBLISHING,
        /** An accepted play is active. */
        PLAYING,
        /** Deleted or the connection closed. */
        CLOSED
    }

    /** @return the message stream id (≥ 1) */
    int id();

    /** @return the published or played name (without query string), or {@code null} when idle */
    String name();

    /** @return the current state */
    State state();

    /** @return the owning session */
    RtmpSession session();
}
