package org.rtmp4j.amf;

import java.nio.ByteBuffer;

/**
 * Encodes Java values as AMF0 into a growable buffer. The inverse of {@link Amf0Reader}'s mapping;
 * additionally any {@code Number} is written as a number, any {@code Map} as an object (an {@link
 * AmfEcmaArray} as an ECMA array), any {@code List} or array as a strict array, strings longer than
 * 65,535 UTF-8 bytes as long strings. Not thread-safe.
 */
public final class Amf0Writer {
    /** Creates an empty writer. */
    public Amf0Writer() {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Appends one value.
     *
     * @return this writer
     * @throws AmfException if the value has no AMF0 representation
     */
    public Amf0Writer write(Object value) {
        throw new UnsupportedOperationException("TODO");
    }

    /** @return the bytes written so far, as a new buffer positioned at 0 */
    public ByteBuffer toBuffer() {
        throw new UnsupportedOperationException("TODO");
    }

    /** @return the bytes written so far, as a new array */
    public byte[] toByteArray() {
        throw new UnsupportedOperationException("TODO");
    }
}
