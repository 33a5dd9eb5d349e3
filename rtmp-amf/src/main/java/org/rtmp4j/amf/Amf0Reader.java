package org.rtmp4j.amf;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Decodes AMF0 values (AMF0 File Format Specification §2) from a {@link ByteBuffer} it does not
 * own, advancing the buffer's position past each value read. Not thread-safe.
 *
 * <p>Value mapping: number → {@code Double}; boolean → {@code Boolean}; string and long string →
 * {@code String}; object → {@code LinkedHashMap<String,Object>}; null → {@code null}; undefined →
 * {@link AmfUndefined#INSTANCE}; reference → the referenced (same) object; ECMA array → {@link
 * AmfEcmaArray}; strict array → {@code List<Object>}; date → {@link AmfDate}; XML document → {@link
 * AmfXmlDocument}; typed object → {@link AmfTypedObject}; unsupported (0x0D) → {@link
 * AmfUndefined#INSTANCE}. The AVM+ switch (0x11) reads one AMF3 value (not yet supported:
 * {@link AmfException}).
 */
public final class Amf0Reader {
    /** Creates a reader over {@code in} with the default {@link AmfLimits}. */
    public Amf0Reader(ByteBuffer in) {
        this(in, AmfLimits.DEFAULT);
    }

    /** Creates a reader over {@code in} that enforces {@code limits}. */
    public Amf0Reader(ByteBuffer in, AmfLimits limits) {
        throw new UnsupportedOperationException("TODO");
    }

    /** @return whether any bytes remain in the buffer */
    public boolean hasRemaining() {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Reads one value.
     *
     * @throws AmfException if the value is truncated, malformed or exceeds the limits
     */
    public Object readValue() {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Reads values until the buffer is exhausted.
     *
     * @throws AmfException as {@link #readValue()}
     */
    public List<Object> readAll() {
        throw new UnsupportedOperationException("TODO");
    }
}
