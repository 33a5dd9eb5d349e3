package org.rtmp4j.http;

/** The frame opcodes of RFC 6455 §5.2; the others are reserved and refused with close code 1002. */
public enum WebSocketOpcode {
    /** 0x0: a further fragment of a data message (§5.4). */
    CONTINUATION(0x0),
    /** 0x1: a text message, UTF-8 (§5.6). */
    TEXT(0x1),
    /** 0x2: a binary message (§5.6). */
    BINARY(0x2),
    /** 0x8: close (§5.5.1). */
    CLOSE(0x8),
    /** 0x9: ping (§5.5.2). */
    PING(0x9),
    /** 0xA: pong (§5.5.3). */
    PONG(0xA);

    private final int code;

    WebSocketOpcode(int code) {
        this.code = code;
    }

    /** @return the 4-bit opcode */
    public int code() {
        return code;
    }

    /** @return whether this is a control frame opcode (§5.5: 0x8 and above) */
    public boolean isControl() {
        return code >= 0x8;
    }

    /**
     * @param code a 4-bit opcode
     * @return the opcode, or null if reserved
     */
    static WebSocketOpcode of(int code) {
        for (WebSocketOpcode o : values()) {
            if (o.code == code) {
                return o;
            }
        }
        return null;
    }
}
