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

    /**
     * The stream key: the name given to {@code publish} or {@code play} (RTMP 1.0 §7.2.2.1,
     * §7.2.2.6) without its query string ({@code KEY} for {@code rtmp://host/live/KEY?token=T}); the
     * app is {@link RtmpSession#app()}. Any thread.
     *
     * @return the published or played name, or {@code null} while idle (also while a publish or play
     *     awaits its decision: then read {@link PublishRequest#name()} or {@link PlayRequest#name()})
     */
    String name();

    /** @return the current state */
    State state();

    /** @return the owning session */
    RtmpSession session();

    /**
     * Whether the player paused this stream ({@code pause} with flag true, RTMP 1.0 §7.2.2.8).
     * While paused, {@link RtmpSession#sendMedia} skips audio and video except sequence headers;
     * after the unpause, video resumes at the next keyframe. Any thread.
     *
     * @return whether paused; {@code false} for streams that do not track it
     */
    default boolean isPaused() {
        return false;
    }

    /**
     * Whether the player wants audio ({@code receiveAudio}, RTMP 1.0 §7.2.2.4; initially true).
     * When false, {@link RtmpSession#sendMedia} skips audio to this stream (sequence headers
     * excepted). Any thread.
     *
     * @return the last {@code receiveAudio} flag, or {@code true}
     */
    default boolean receivesAudio() {
        return true;
    }

    /**
     * Whether the player wants video ({@code receiveVideo}, RTMP 1.0 §7.2.2.5; initially true).
     * When false, {@link RtmpSession#sendMedia} skips video to this stream (sequence headers
     * excepted); when turned back on, video resumes at the next keyframe. Any thread.
     *
     * @return the last {@code receiveVideo} flag, or {@code true}
     */
    default boolean receivesVideo() {
        return true;
    }
}
