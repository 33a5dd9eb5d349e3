package org.rtmp4j.amf;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Static facade over {@link Amf0Reader} and {@link Amf0Writer}, plus the AMF0 type markers (AMF0
 * §2.1). Stateless and thread-safe; each call uses its own reader or writer, so references (AMF0
 * §2.9) never span two calls.
 */
public final class Amf0 {
    /** Marker 0x00: number (IEEE-754 double, big-endian). */
    public static final int NUMBER = 0x00;
    /** Marker 0x01: boolean (one byte). */
    public static final int BOOLEAN = 0x01;
    /** Marker 0x02: string (U16 length + UTF-8). */
    public static final int STRING = 0x02;
    /** Marker 0x03: anonymous object (properties, then empty key and object-end). */
    public static final int OBJECT = 0x03;
    /** Marker 0x04: movieclip (reserved, not supported). */
    public static final int MOVIECLIP = 0x04;
    /** Marker 0x05: null. */
    public static final int NULL = 0x05;
    /** Marker 0x06: undefined. */
    public static final int UNDEFINED = 0x06;
    /** Marker 0x07: reference (U16 index into the object table). */
    public static final int REFERENCE = 0x07;
    /** Marker 0x08: ECMA array (U32 count hint, then properties). */
    public static final int ECMA_ARRAY = 0x08;
    /** Marker 0x09: object end. */
    public static final int OBJECT_END = 0x09;
    /** Marker 0x0A: strict array (U32 count, then values). */
    public static final int STRICT_ARRAY = 0x0A;
    /** Marker 0x0B: date (double ms + S16 time zone). */
    public static final int DATE = 0x0B;
    /** Marker 0x0C: long string (U32 length + UTF-8). */
    public static final int LONG_STRING = 0x0C;
    /** Marker 0x0D: unsupported. */
    public static final int UNSUPPORTED = 0x0D;
    /** Marker 0x0E: recordset (reserved, not supported). */
    public static final int RECORDSET = 0x0E;
    /** Marker 0x0F: XML document (U32 length + UTF-8). */
    public static final int XML_DOCUMENT = 0x0F;
    /** Marker 0x10: typed object (class name, then properties). */
    public static final int TYPED_OBJECT = 0x10;
    /** Marker 0x11: switch to AMF3 for the next value. */
    public static final int AVMPLUS = 0x11;

    private Amf0() {}

    /**
     * Decodes every value in {@code in} (advancing it to its limit) with {@link AmfLimits#DEFAULT}.
     *
     * @param in the buffer, decoded from its position to its limit
     * @return the values in order, mapped as documented on {@link Amf0Reader}
     * @throws AmfException if the input is truncated, malformed, unsupported or exceeds the limits
     */
    public static List<Object> decode(ByteBuffer in) {
        return new Amf0Reader(in).readAll();
    }

    /**
     * Decodes every value in {@code in} (advancing it to its limit) with {@code limits}.
     *
     * @param in the buffer, decoded from its position to its limit
     * @param limits bounds on depth, value count and string length
     * @return the values in order, mapped as documented on {@link Amf0Reader}
     * @throws AmfException if the input is truncated, malformed, unsupported or exceeds the limits
     */
    public static List<Object> decode(ByteBuffer in, AmfLimits limits) {
        return new Amf0Reader(in, limits).readAll();
    }

    /**
     * Encodes {@code values} in order into a new buffer positioned at 0.
     *
     * @param values the values, mapped as documented on {@link Amf0Writer}
     * @return a new heap buffer holding exactly the encoded bytes
     * @throws AmfException if a value has no AMF0 representation
     */
    public static ByteBuffer encode(Object... values) {
        Amf0Writer w = new Amf0Writer();
        for (Object v : values) {
            w.write(v);
        }
        return w.toBuffer();
    }
}
