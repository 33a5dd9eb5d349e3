package org.rtmp4j.amf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Encodes Java values as AMF0 into a growable buffer. The inverse of {@link Amf0Reader}'s mapping;
 * additionally any {@code Number} is written as a number, any {@code Map} as an object (an {@link
 * AmfEcmaArray} as an ECMA array), any {@code List} or array as a strict array, strings longer than
 * 65,535 UTF-8 bytes as long strings. Not thread-safe.
 *
 * <p>Mapping (first match wins):
 *
 * <ul>
 *   <li>{@code null} → null marker 0x05 (AMF0 §2.7); {@link AmfUndefined} → undefined 0x06 (§2.8)
 *   <li>any {@code Number} → number 0x00, {@code doubleValue()} as a big-endian IEEE-754 double
 *       (§2.2); NaN payloads are kept bit for bit
 *   <li>{@code Boolean} → boolean 0x01 with byte 0x01 or 0x00 (§2.3)
 *   <li>{@code String} → string 0x02 with a U16 length if its UTF-8 form has at most 65,535 bytes
 *       (§2.4), otherwise long string 0x0C with a U32 length (§2.14)
 *   <li>{@link AmfDate} → date 0x0B: double milliseconds, S16 time zone (§2.13)
 *   <li>{@link AmfXmlDocument} → XML document 0x0F, always with a U32 length (§2.17)
 *   <li>{@link AmfTypedObject} → typed object 0x10: class name, properties, {@code 00 00 09} (§2.18)
 *   <li>{@link AmfEcmaArray} → ECMA array 0x08: U32 count of entries, properties, {@code 00 00 09}
 *       (§2.10)
 *   <li>any other {@code Map} → anonymous object 0x03: properties in iteration order, {@code 00 00
 *       09} (§2.5); keys are converted with {@code String.valueOf}
 *   <li>{@code List} or {@code Object[]} → strict array 0x0A: U32 count, values (§2.12)
 *   <li>AMF3-only values ({@link Amf3Object}, {@link Amf3Array}, {@link Amf3Vector}, {@link
 *       Amf3Dictionary}, {@link Amf3Xml}, {@link Amf3Externalizable}, {@code byte[]}) → the AVM+
 *       switch 0x11 followed by the AMF3 value, as {@link #writeAmf3(Object)} (§3.1)
 * </ul>
 *
 * <p>{@link #writeAmf3(Object)} writes any value as 0x11 + AMF3 with fresh AMF3 reference tables,
 * the inverse of how {@link Amf0Reader} decodes the switch; a switched value that decodes to a
 * type AMF0 can also represent (a number, string, map...) is written back in AMF0 by {@link
 * #write(Object)}, so only AMF3-only values re-encode byte-exactly through {@code write}.
 *
 * <p>The writer never emits references (marker 0x07, §2.9): an instance that occurs twice is
 * written twice, and a cyclic graph fails with an {@link AmfException} once it nests deeper than
 * {@code maxDepth}. Consequently a value decoded from input that used references re-encodes
 * larger than the input; all other decoded values re-encode byte-exactly, except an ECMA array
 * whose declared count was wrong or a long string of at most 65,535 bytes (written as a string).
 *
 * <p>Errors ({@link AmfException}, offset = number of bytes written before the failing value): a
 * value of any other type, a property name that is empty or longer than 65,535 UTF-8 bytes, a
 * class name longer than 65,535 bytes, a time zone outside the S16 range, more than {@code
 * maxDepth} nested objects or arrays, or output that would exceed 2 GiB. After an exception the
 * writer's content is unspecified.
 */
public final class Amf0Writer {
    private static final int MAX_U16 = 0xFFFF;
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final int maxDepth;
    private final Map<String, Amf3ExternalizableWriter> externalizables;
    private byte[] buf;
    private int size;
    private int depth;

    /** Creates an empty writer that allows the default nesting depth ({@link AmfLimits#DEFAULT}, 64). */
    public Amf0Writer() {
        this(AmfLimits.DEFAULT);
    }

    /**
     * Creates an empty writer whose nesting depth is bounded by {@code limits.maxDepth()} (the other
     * limits only apply to decoding).
     *
     * @param limits the limits; only {@code maxDepth} is used
     * @throws NullPointerException if {@code limits} is null
     */
    public Amf0Writer(AmfLimits limits) {
        this(limits, Map.of());
    }

    /**
     * Creates an empty writer that also writes AMF3 externalizable objects (after an AVM+ switch)
     * of the registered class names.
     *
     * @param limits the limits; only {@code maxDepth} is used
     * @param externalizables AMF3 externalizable body writers by class name (not copied)
     * @throws NullPointerException if an argument is null
     */
    public Amf0Writer(AmfLimits limits, Map<String, Amf3ExternalizableWriter> externalizables) {
        if (externalizables == null) {
            throw new NullPointerException("externalizables must not be null");
        }
        this.maxDepth = limits.maxDepth();
        this.externalizables = externalizables;
        this.buf = new byte[64];
    }

    /**
     * Appends the AVM+ marker 0x11 and then {@code value} encoded as AMF3 with fresh string,
     * object and trait reference tables (AMF0 §3.1, AMF3 §4.1).
     *
     * @param value the value, mapped as documented on {@link Amf3Writer}
     * @return this writer
     * @throws AmfException if the value has no AMF3 representation
     */
    public Amf0Writer writeAmf3(Object value) {
        int start = size;
        Amf3Writer amf3 = new Amf3Writer(maxDepth, depth, externalizables);
        try {
            amf3.write(value);
        } catch (AmfException e) {
            String reason = e.offset() >= 0 ? e.getMessage().substring(e.getMessage().indexOf(": ") + 2) : e.getMessage();
            throw new AmfException(start + 1 + Math.max(0, e.offset()), "in AMF3 value after AVM+ marker: " + reason);
        }
        u8(Amf0.AVMPLUS);
        put(amf3.toByteArray());
        return this;
    }

    /**
     * Appends one value.
     *
     * @param value the value to encode, see the class documentation for the mapping
     * @return this writer
     * @throws AmfException if the value has no AMF0 representation
     */
    public Amf0Writer write(Object value) {
        if (value == null) {
            u8(Amf0.NULL);
        } else if (value instanceof AmfUndefined) {
            u8(Amf0.UNDEFINED);
        } else if (value instanceof Number n) {
            u8(Amf0.NUMBER);
            writeDouble(n.doubleValue());
        } else if (value instanceof Boolean b) {
            u8(Amf0.BOOLEAN);
            u8(b ? 1 : 0);
        } else if (value instanceof String s) {
            writeString(s);
        } else if (value instanceof AmfDate d) {
            writeDate(d);
        } else if (value instanceof AmfXmlDocument x) {
            u8(Amf0.XML_DOCUMENT);
            writeUtf8Long(utf8(x.xml() == null ? "" : x.xml()));
        } else if (value instanceof AmfTypedObject t) {
            writeTypedObject(t);
        } else if (value instanceof AmfEcmaArray e) {
            enter();
            u8(Amf0.ECMA_ARRAY);
            u32(e.size());
            writeProperties(e);
            depth--;
        } else if (value instanceof Map<?, ?> m) {
            enter();
            u8(Amf0.OBJECT);
            writeProperties(m);
            depth--;
        } else if (value instanceof List<?> l) {
            writeStrictArray(l);
        } else if (value instanceof Object[] a) {
            writeStrictArray(Arrays.asList(a));
        } else if (value instanceof Amf3Object || value instanceof Amf3Array || value instanceof Amf3Vector
                || value instanceof Amf3Dictionary || value instanceof Amf3Xml || value instanceof Amf3Externalizable
                || value instanceof byte[]) {
            writeAmf3(value);
        } else {
            throw new AmfException(size, "no AMF0 representation for " + value.getClass().getName());
        }
        return this;
    }

    /** @return the number of bytes written so far */
    public int size() {
        return size;
    }

    /** @return the bytes written so far, as a new buffer positioned at 0 */
    public ByteBuffer toBuffer() {
        return ByteBuffer.wrap(toByteArray());
    }

    /** @return the bytes written so far, as a new array */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void enter() {
        if (depth >= maxDepth) {
            throw new AmfException(size, "nesting deeper than " + maxDepth + " (maxDepth); cyclic value?");
        }
        depth++;
    }

    private void writeString(String s) {
        byte[] bytes = utf8(s);
        if (bytes.length <= MAX_U16) {
            u8(Amf0.STRING);
            u16(bytes.length);
            put(bytes);
        } else {
            u8(Amf0.LONG_STRING);
            writeUtf8Long(bytes);
        }
    }

    private void writeDate(AmfDate d) {
        if (d.timezone() < Short.MIN_VALUE || d.timezone() > Short.MAX_VALUE) {
            throw new AmfException(size, "date time-zone " + d.timezone() + " does not fit S16");
        }
        u8(Amf0.DATE);
        writeDouble(d.epochMillis());
        u16(d.timezone() & 0xFFFF);
    }

    private void writeTypedObject(AmfTypedObject t) {
        if (t.className() == null) {
            throw new AmfException(size, "typed object without class name");
        }
        byte[] name = utf8(t.className());
        if (name.length > MAX_U16) {
            throw new AmfException(size, "typed object class name of " + name.length + " bytes exceeds 65535");
        }
        enter();
        u8(Amf0.TYPED_OBJECT);
        u16(name.length);
        put(name);
        writeProperties(t.properties() == null ? Map.of() : t.properties());
        depth--;
    }

    private void writeStrictArray(List<?> list) {
        enter();
        u8(Amf0.STRICT_ARRAY);
        u32(list.size());
        for (Object element : list) {
            write(element);
        }
        depth--;
    }

    /** Writes {@code (UTF-8 value-type)*} then the object end {@code 00 00 09} (AMF0 §2.5, §2.11). */
    private void writeProperties(Map<?, ?> properties) {
        for (Map.Entry<?, ?> e : properties.entrySet()) {
            byte[] key = utf8(String.valueOf(e.getKey()));
            if (key.length == 0) {
                throw new AmfException(size, "empty property name cannot be written: it would read as the object end");
            }
            if (key.length > MAX_U16) {
                throw new AmfException(size, "property name of " + key.length + " bytes exceeds 65535");
            }
            u16(key.length);
            put(key);
            write(e.getValue());
        }
        u16(0);
        u8(Amf0.OBJECT_END);
    }

    private void writeUtf8Long(byte[] bytes) {
        u32(bytes.length);
        put(bytes);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void writeDouble(double d) {
        long bits = Double.doubleToRawLongBits(d);
        u32((int) (bits >>> 32));
        u32((int) bits);
    }

    private void u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
    }

    private void u16(int v) {
        ensure(2);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    private void u32(int v) {
        ensure(4);
        buf[size++] = (byte) (v >>> 24);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    private void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
    }

    private void ensure(int n) {
        if (n > MAX_ARRAY - size) {
            throw new AmfException(size, "AMF0 output would exceed " + MAX_ARRAY + " bytes");
        }
        int needed = size + n;
        if (needed > buf.length) {
            int grown = buf.length > MAX_ARRAY / 2 ? MAX_ARRAY : Math.max(needed, buf.length * 2);
            buf = Arrays.copyOf(buf, grown);
        }
    }
}
