package org.rtmp4j.core.session;

/**
 * The server engine's {@link NetStream}: one message stream id with its state. State changes happen
 * on the connection's thread; reads are safe from any thread.
 */
final class ServerStream implements NetStream {
    private final int id;
    private final RtmpSession session;
    private final DropGate dropGate = new DropGate();
    private final PlaybackFilter filter = new PlaybackFilter();
    private volatile String name;
    private volatile State state = State.IDLE;
    private volatile int bufferLengthMs = -1;

    ServerStream(int id, RtmpSession session) {
        this.id = id;
        this.session = session;
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public RtmpSession session() {
        return session;
    }

    void become(State newState, String newName) {
        this.name = newName;
        this.state = newState;
    }

    @Override
    public boolean isPaused() {
        return filter.paused();
    }

    @Override
    public boolean receivesAudio() {
        return filter.audio();
    }

    @Override
    public boolean receivesVideo() {
        return filter.video();
    }

    /** @return the player's pause and receiveAudio/receiveVideo choices; connection thread for changes */
    PlaybackFilter filter() {
        return filter;
    }

    DropGate dropGate() {
        return dropGate;
    }

    /** @return the client's Set Buffer Length in ms (RTMP 1.0 §7.1.7), or -1 if never sent */
    int bufferLengthMs() {
        return bufferLengthMs;
    }

    void bufferLengthMs(int ms) {
        this.bufferLengthMs = ms;
    }

    @Override
    public String toString() {
        return "NetStream[" + id + ", " + state + ", " + name + "]";
    }
}
