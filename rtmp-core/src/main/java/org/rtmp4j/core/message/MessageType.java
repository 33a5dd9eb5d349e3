package org.rtmp4j.core.message;

/** RTMP message type ids (RTMP 1.0 §5.4, §6.2, §7.1). */
public enum MessageType {
    /** 1, RTMP 1.0 §5.4.1. */
    SET_CHUNK_SIZE(1),
    /** 2, RTMP 1.0 §5.4.2. */
    ABORT(2),
    /** 3, RTMP 1.0 §5.4.3. */
    ACKNOWLEDGEMENT(3),
    /** 4, RTMP 1.0 §6.2 / §7.1.7. */
    USER_CONTROL(4),
    /** 5, RTMP 1.0 §5.4.4. */
    WINDOW_ACK_SIZE(5),
    /** 6, RTMP 1.0 §5.4.5. */
    SET_PEER_BANDWIDTH(6),
    /** 8, RTMP 1.0 §7.1.4. */
    AUDIO(8),
    /** 9, RTMP 1.0 §7.1.5. */
    VIDEO(9),
    /** 15, RTMP 1.0 §7.1.2. */
    DATA_AMF3(15),
    /** 16, RTMP 1.0 §7.1.3. */
    SHARED_OBJECT_AMF3(16),
    /** 17, RTMP 1.0 §7.1.1. */
    COMMAND_AMF3(17),
    /** 18, RTMP 1.0 §7.1.2. */
    DATA_AMF0(18),
    /** 19, RTMP 1.0 §7.1.3. */
    SHARED_OBJECT_AMF0(19),
    /** 20, RTMP 1.0 §7.1.1. */
    COMMAND_AMF0(20),
    /** 22, RTMP 1.0 §7.1.6. */
    AGGREGATE(22),
    /** Any other type id. */
    UNKNOWN(-1);

    private static final MessageType[] BY_ID = new MessageType[256];

    static {
        for (MessageType t : values()) {
            if (t.id >= 0) {
                BY_ID[t.id] = t;
            }
        }
    }

    private final int id;

    MessageType(int id) {
        this.id = id;
    }

    /** @return the wire type id, or -1 for {@link #UNKNOWN} */
    public int id() {
        return id;
    }

    /** @return the type for {@code id}, or {@link #UNKNOWN} */
    public static MessageType of(int id) {
        MessageType t = id >= 0 && id < 256 ? BY_ID[id] : null;
        return t == null ? UNKNOWN : t;
    }
}
