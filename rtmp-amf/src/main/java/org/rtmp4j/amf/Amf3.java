package org.rtmp4j.amf;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Static facade over {@link Amf3Reader} and {@link Amf3Writer}, plus the AMF3 type markers (AMF3
 * §3.1). Stateless and thread-safe. Each call uses one reader or writer, so the string, object and
 * trait reference tables (AMF3 §2.2) span the values of that call and never two calls.
 */
public final class Amf3 {
    /** Marker 0x00: undefined (AMF3 §3.2). */
    public static final int UNDEFINED = 0x00;
    /** Marker 0x01: null (AMF3 §3.3). */
    public static final int NULL = 0x01;
    /** Marker 0x02: false (AMF3 §3.4). */
    public static final int FALSE = 0x02;
    /** Marker 0x03: true (AMF3 §3.5). */
    public static final int TRUE = 0x03;
    /** Marker 0x04: integer, signed 29-bit U29 (AMF3 §3.6). */
    public static final int INTEGER = 0x04;
    /** Marker 0x05: double (AMF3 §3.7). */
    public static final int DOUBLE = 0x05;
    /** Marker 0x06: string, UTF-8-vr (AMF3 §3.8). */
    public static final int STRING = 0x06;
    /** Marker 0x07: legacy XMLDocument (AMF3 §3.9). */
    public static final int XML_DOCUMENT = 0x07;
    /** Marker 0x08: date (AMF3 §3.10). */
    public static final int DATE = 0x08;
    /** Marker 0x09: array, dense and associative (AMF3 §3.11). */
    public static final int ARRAY = 0x09;
    /** Marker 0x0A: object (AMF3 §3.12). */
    public static final int OBJECT = 0x0A;
    /** Marker 0x0B: E4X XML (AMF3 §3.13). */
    public static final int XML = 0x0B;
    /** Marker 0x0C: ByteArray (AMF3 §3.14). */
    public static final int BYTE_ARRAY = 0x0C;
    /** Marker 0x0D: Vector of int (AMF3 §3.15). */
    public static final int VECTOR_INT = 0x0D;
    /** Marker 0x0E: Vector of uint (AMF3 §3.15). */
    public static final int VECTOR_UINT = 0x0E;
    /** Marker 0x0F: Vector of Number (AMF3 §3.15). */
    public static final int VECTOR_DOUBLE = 0x0F;
    /** Marker 0x10: Vector of objects (AMF3 §3.15). */
    public static final int VECTOR_OBJECT = 0x10;
    /** Marker 0x11: Dictionary (AMF3 §3.16). */
    public static final int DICTIONARY = 0x11;

    /** Smallest value of the integer type, -2<sup>28</sup> (AMF3 §3.6). */
    public static final int INTEGER_MIN = -(1 << 28);
    /** Largest value of the integer type, 2<sup>28</sup> - 1 (AMF3 §3.6). */
    public static final int INTEGER_MAX = (1 << 28) - 1;

    private Amf3() {}

    /**
     * Decodes every value in {@code in} (advancing it to its limit) with {@link AmfLimits#DEFAULT}
     * and no externalizable readers.
     *
     * @param in the buffer, decoded from its position to its limit
     * @return the values in order, mapped as documented on {@link Amf3Reader}
     * @throws AmfException if the input is truncated, malformed, unsupported or exceeds the limits
     */
    public static List<Object> decode(ByteBuffer in) {
        return new Amf3Reader(in).readAll();
    }

    /**
     * Decodes every value in {@code in} (advancing it to its limit) with {@code limits}.
     *
     * @param in the buffer, decoded from its position to its limit
     * @param limits bounds on depth, value count, string and ByteArray length
     * @return the values in order, mapped as documented on {@link Amf3Reader}
     * @throws AmfException if the input is truncated, malformed, unsupported or exceeds the limits
     */
    public static List<Object> decode(ByteBuffer in, AmfLimits limits) {
        return new Amf3Reader(in, limits).readAll();
    }

    /**
     * Encodes {@code values} in order, sharing reference tables, into a new buffer positioned at 0.
     *
     * @param values the values, mapped as documented on {@link Amf3Writer}
     * @return a new heap buffer holding exactly the encoded bytes
     * @throws AmfException if a value has no AMF3 representation
     */
    public static ByteBuffer encode(Object... values) {
        Amf3Writer w = new Amf3Writer();
        for (Object v : values) {
            w.write(v);
        }
        return w.toBuffer();
    }
}
