package org.rtmp4j.flv;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One FLV tag (FLV 10.1 §E.4.1): its type, its timestamp and its body ({@code AUDIODATA},
 * {@code VIDEODATA} or {@code SCRIPTDATA}, from the first byte after the StreamID to the end of
 * the tag). The same body is the payload of an RTMP audio, video or data message.
 *
 * <p>The body is a read-only buffer whose remaining bytes are the tag data; it is shared, never
 * copied. A writable buffer passed to the constructor is wrapped with
 * {@link ByteBuffer#asReadOnlyBuffer()} (a view, not a copy); the caller must not change its
 * content afterwards. Immutable and thread-safe as long as readers use {@code body().duplicate()}
 * or absolute gets.
 *
 * @param type the tag type
 * @param timestamp the time in milliseconds, all 32 bits: the 24-bit {@code Timestamp} field is
 *     the lower part, {@code TimestampExtended} the upper 8 bits
 * @param body the tag data, at most 16,777,215 bytes (UI24 DataSize)
 */
public record FlvTag(FlvTagType type, int timestamp, ByteBuffer body) {

    /** Size of the tag header in bytes (type, DataSize, Timestamp, TimestampExtended, StreamID). */
    public static final int HEADER_SIZE = 11;

    /** Largest body the UI24 DataSize field can describe, in bytes. */
    public static final int MAX_DATA_SIZE = 0xFFFFFF;

    /**
     * Validates and normalises the components.
     *
     * @param type the tag type
     * @param timestamp the time in milliseconds (32 bits)
     * @param body the tag data; wrapped read-only if writable
     *
     * @throws NullPointerException if {@code type} or {@code body} is null
     * @throws IllegalArgumentException if the body has more than 16,777,215 bytes remaining
     */
    public FlvTag {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(body, "body");
        if (body.remaining() > MAX_DATA_SIZE) {
            throw new IllegalArgumentException("FLV tag body of " + body.remaining()
                    + " bytes exceeds the UI24 DataSize limit " + MAX_DATA_SIZE);
        }
        if (!body.isReadOnly()) {
            body = body.asReadOnlyBuffer();
        }
    }

    /**
     * Returns the size of the tag data, the {@code DataSize} field.
     *
     * @return the body's remaining bytes
     */
    public int dataSize() {
        return body.remaining();
    }

    /**
     * Returns the size of the whole tag including its 11-byte header, which is also the value of
     * the {@code PreviousTagSize} that follows it (FLV 10.1 §E.3).
     *
     * @return {@code 11 + dataSize()}
     */
    public int tagSize() {
        return HEADER_SIZE + body.remaining();
    }
}
