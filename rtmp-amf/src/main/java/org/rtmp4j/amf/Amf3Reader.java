package org.rtmp4j.amf;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes AMF3 values (AMF3 File Format Specification §3) from a {@link ByteBuffer} it does not
 * own, advancing the buffer's position past each value read. Multi-byte fields are big-endian
 * whatever the buffer's order. Not thread-safe: one reader per buffer and thread.
 *
 * <p>Value mapping: undefined → {@link AmfUndefined#INSTANCE} (§3.2); null → {@code null} (§3.3);
 * false/true → {@code Boolean} (§3.4, §3.5); integer → {@code Integer}, sign-extended from 29 bits
 * (§3.6); double → {@code Double} (§3.7); string → {@code String} (§3.8); XMLDocument → {@link
 * AmfXmlDocument} (§3.9); date → {@link AmfDate} with time zone 0 (§3.10); array → {@link
 * Amf3Array} (§3.11); object → {@link Amf3Object}, or {@link Amf3Externalizable} through a
 * registered {@link Amf3ExternalizableReader} (§3.12); XML → {@link Amf3Xml} (§3.13); ByteArray →
 * {@code byte[]} (§3.14); Vectors → {@link Amf3Vector} (§3.15); Dictionary → {@link
 * Amf3Dictionary} (§3.16). No JVM class is ever chosen by the data.
 *
 * <p><b>Reference tables</b> (AMF3 §2.2) live as long as the reader and span every value it reads:
 * every non-empty string literal (values, names, class names) enters the string table; every
 * date, array, object, XML, XMLDocument, ByteArray, Vector and Dictionary enters the object table
 * in marker order, before its members are read, so a cyclic graph decodes to a cyclic graph and a
 * reference yields the same instance; every traits literal enters the trait table. A reference
 * index outside its table is an {@link AmfException}, as is a reference to an externalizable
 * object from inside its own body. A reference is returned whatever marker it appears under.
 *
 * <p><b>Limits</b> ({@link AmfLimits}): every value, nested or not, and every element of an
 * int/uint/double Vector counts against {@code maxElements} for the lifetime of the reader;
 * arrays, objects, object Vectors and Dictionaries nested deeper than {@code maxDepth} fail.
 * Strings, XML and ByteArray lengths are checked against {@code maxStringBytes}; every count
 * (dense array, sealed members, Vector, Dictionary) is checked against the values left under
 * {@code maxElements} and against the bytes remaining (at least one byte per value, four per
 * int/uint, eight per double) before anything is allocated. Strings are decoded as UTF-8 with
 * malformed sequences replaced by U+FFFD (AMF3 §1.3.2).
 *
 * <p>Every {@link AmfException} names the byte offset relative to the buffer's position when the
 * reader was created (or, for an AMF0 stream switching to AMF3, relative to the AMF0 reader's
 * start). After an exception the position is unspecified and the reader should be discarded.
 */
public final class Amf3Reader {
    private static final Object PENDING = new Object();

    private final ByteBuffer in;
    private final Amf3Input input;
    private final AmfLimits limits;
    private final Map<String, Amf3ExternalizableReader> externalizables;
    private final List<String> strings = new ArrayList<>();
    private final List<Object> objects = new ArrayList<>();
    private final List<Amf3Traits> traits = new ArrayList<>();
    private int elements;
    private int depth;

    /**
     * Creates a reader with {@link AmfLimits#DEFAULT} and no externalizable readers.
     *
     * @param in the buffer to decode from its position to its limit; not copied
     */
    public Amf3Reader(ByteBuffer in) {
        this(in, AmfLimits.DEFAULT);
    }

    /**
     * Creates a reader with no externalizable readers.
     *
     * @param in the buffer to decode from its position to its limit; not copied
     * @param limits bounds on depth, value count, string and ByteArray length
     * @throws NullPointerException if an argument is null
     */
    public Amf3Reader(ByteBuffer in, AmfLimits limits) {
        this(in, limits, Map.of());
    }

    /**
     * Creates a reader that decodes externalizable objects of the registered class names.
     *
     * @param in the buffer to decode from its position to its limit; not copied
     * @param limits bounds on depth, value count, string and ByteArray length
     * @param externalizables body readers by class name (not copied; must not change while reading)
     * @throws NullPointerException if an argument is null
     */
    public Amf3Reader(ByteBuffer in, AmfLimits limits, Map<String, Amf3ExternalizableReader> externalizables) {
        this(in, limits, externalizables, in.position(), 0, 0);
    }

    /** For the AMF0 switch: offsets relative to {@code base}, depth and budget carried over. */
    Amf3Reader(ByteBuffer in, AmfLimits limits, Map<String, Amf3ExternalizableReader> externalizables, int base, int depth, int elements) {
        if (in == null || limits == null || externalizables == null) {
            throw new NullPointerException("in, limits and externalizables must not be null");
        }
        this.in = in;
        this.input = new Amf3Input(in, limits, base);
        this.limits = limits;
        this.externalizables = externalizables;
        this.depth = depth;
        this.elements = elements;
    }

    /** @return the number of values counted against {@code maxElements} so far */
    int elements() {
        return elements;
    }

    /** @return whether any bytes remain in the buffer */
    public boolean hasRemaining() {
        return in.hasRemaining();
    }

    /** @return the number of bytes consumed since this reader was created */
    public int offset() {
        return input.offset();
    }

    /**
     * Reads one value (also usable by an {@link Amf3ExternalizableReader} for its body).
     *
     * @return the decoded value, mapped as in the class documentation (may be {@code null})
     * @throws AmfException if the value is truncated, malformed, unsupported or exceeds the limits
     */
    public Object readValue() {
        int markerOffset = offset();
        int marker = input.u8("type marker");
        countElement(markerOffset);
        switch (marker) {
            case Amf3.UNDEFINED:
                return AmfUndefined.INSTANCE;
            case Amf3.NULL:
                return null;
            case Amf3.FALSE:
                return Boolean.FALSE;
            case Amf3.TRUE:
                return Boolean.TRUE;
            case Amf3.INTEGER:
                return (input.u29("integer") << 3) >> 3; // sign-extend 29 bits, AMF3 §3.6
            case Amf3.DOUBLE:
                return readDouble();
            case Amf3.STRING:
                return readUtf8Vr();
            case Amf3.XML_DOCUMENT:
            case Amf3.XML:
                return readXml(marker == Amf3.XML_DOCUMENT);
            case Amf3.DATE:
                return readDate();
            case Amf3.ARRAY:
                return readArray(markerOffset);
            case Amf3.OBJECT:
                return readObject(markerOffset);
            case Amf3.BYTE_ARRAY:
                return readByteArray();
            case Amf3.VECTOR_INT:
            case Amf3.VECTOR_UINT:
            case Amf3.VECTOR_DOUBLE:
            case Amf3.VECTOR_OBJECT:
                return readVector(markerOffset, marker);
            case Amf3.DICTIONARY:
                return readDictionary(markerOffset);
            default:
                throw new AmfException(markerOffset, String.format("unknown AMF3 type marker 0x%02X (highest is 0x11)", marker));
        }
    }

    /**
     * Reads values until the buffer is exhausted, sharing the reference tables.
     *
     * @return the decoded values in order (a mutable list; elements may be {@code null})
     * @throws AmfException as {@link #readValue()}
     */
    public List<Object> readAll() {
        List<Object> values = new ArrayList<>();
        while (in.hasRemaining()) {
            values.add(readValue());
        }
        return values;
    }

    /**
     * Reads a UTF-8-vr (AMF3 §1.3.2): a string literal, entered into the string table unless
     * empty, or a string reference.
     *
     * @return the string
     * @throws AmfException if truncated, too long, or the reference is out of range
     */
    public String readUtf8Vr() {
        int headerOffset = offset();
        int header = input.u29("string header");
        int n = header >>> 1;
        if ((header & 1) == 0) {
            if (n >= strings.size()) {
                throw new AmfException(headerOffset, "string reference " + n + " out of range (" + strings.size() + " strings so far)");
            }
            return strings.get(n);
        }
        if (n == 0) {
            return "";
        }
        String s = input.readUtf8(headerOffset, n, "string");
        strings.add(s);
        return s;
    }

    /**
     * Reads a U29 (AMF3 §1.3.1), 1 to 4 bytes.
     *
     * @return the unsigned value, 0 to 2<sup>29</sup> - 1
     * @throws AmfException if truncated
     */
    public int readU29() {
        return input.u29("U29");
    }

    /**
     * Reads one unsigned byte.
     *
     * @return 0 to 255
     * @throws AmfException if truncated
     */
    public int readUnsignedByte() {
        return input.u8("U8");
    }

    /**
     * Reads a big-endian U32.
     *
     * @return 0 to 2<sup>32</sup> - 1
     * @throws AmfException if truncated
     */
    public long readU32() {
        return input.u32("U32");
    }

    /**
     * Reads a big-endian IEEE-754 DOUBLE.
     *
     * @return the value
     * @throws AmfException if truncated
     */
    public double readDouble() {
        return input.readDouble("double");
    }

    /**
     * Reads {@code n} raw bytes.
     *
     * @param n the byte count, at most {@code maxStringBytes}
     * @return a new array
     * @throws AmfException if {@code n} is negative, exceeds {@code maxStringBytes} or the bytes left
     */
    public byte[] readBytes(int n) {
        if (n < 0) {
            throw new AmfException(offset(), "negative raw byte count " + n);
        }
        return input.readBytes(offset(), n, "raw bytes");
    }

    private void countElement(int markerOffset) {
        if (elements >= limits.maxElements()) {
            throw new AmfException(markerOffset, "more than " + limits.maxElements() + " values (maxElements)");
        }
        elements++;
    }

    private void enter(int markerOffset) {
        if (depth >= limits.maxDepth()) {
            throw new AmfException(markerOffset, "nesting deeper than " + limits.maxDepth() + " (maxDepth)");
        }
        depth++;
    }

    /** Checks a declared count before allocating: the element budget and the bytes left. */
    private void checkCount(int countOffset, int count, int minBytesEach, String what) {
        if (count > limits.maxElements() - elements) {
            throw new AmfException(countOffset, what + " " + count + " exceeds the " + (limits.maxElements() - elements) + " values left under maxElements");
        }
        if ((long) count * minBytesEach > input.remaining()) {
            throw new AmfException(countOffset, "truncated: " + what + " " + count + " needs at least " + (long) count * minBytesEach + " bytes, " + input.remaining() + " remaining");
        }
    }


    /** Resolves a U29O-ref (AMF3 §3.12) index. */
    private Object objectReference(int refOffset, int index) {
        if (index >= objects.size()) {
            throw new AmfException(refOffset, "object reference " + index + " out of range (" + objects.size() + " objects so far)");
        }
        Object o = objects.get(index);
        if (o == PENDING) {
            throw new AmfException(refOffset, "object reference " + index + " to an externalizable object still being read");
        }
        return o;
    }

    private Object readXml(boolean document) {
        int headerOffset = offset();
        int header = input.u29(document ? "XMLDocument header" : "XML header");
        if ((header & 1) == 0) {
            return objectReference(headerOffset, header >>> 1);
        }
        String text = input.readUtf8(headerOffset, header >>> 1, document ? "XMLDocument" : "XML");
        Object value = document ? new AmfXmlDocument(text) : new Amf3Xml(text);
        objects.add(value);
        return value;
    }

    private Object readDate() {
        int headerOffset = offset();
        int header = input.u29("date header");
        if ((header & 1) == 0) {
            return objectReference(headerOffset, header >>> 1);
        }
        AmfDate date = new AmfDate(readDouble(), 0);
        objects.add(date);
        return date;
    }

    private Object readByteArray() {
        int headerOffset = offset();
        int header = input.u29("ByteArray header");
        if ((header & 1) == 0) {
            return objectReference(headerOffset, header >>> 1);
        }
        byte[] bytes = input.readBytes(headerOffset, header >>> 1, "ByteArray");
        objects.add(bytes);
        return bytes;
    }

    private Object readArray(int markerOffset) {
        int headerOffset = offset();
        int header = input.u29("array header");
        if ((header & 1) == 0) {
            return objectReference(headerOffset, header >>> 1);
        }
        int denseCount = header >>> 1;
        checkCount(headerOffset, denseCount, 1, "array dense count");
        enter(markerOffset);
        Amf3Array array = new Amf3Array(new ArrayList<>(denseCount), new LinkedHashMap<>());
        objects.add(array);
        readNameValuePairs(array.associative());
        for (int i = 0; i < denseCount; i++) {
            array.dense().add(readValue());
        }
        depth--;
        return array;
    }

    /** Reads {@code UTF-8-vr value-type} pairs up to an empty name (AMF3 §3.11, §3.12). */
    private void readNameValuePairs(Map<String, Object> into) {
        while (true) {
            String name = readUtf8Vr();
            if (name.isEmpty()) {
                return;
            }
            into.put(name, readValue());
        }
    }

    private Object readObject(int markerOffset) {
        int headerOffset = offset();
        int header = input.u29("object header");
        if ((header & 1) == 0) {
            return objectReference(headerOffset, header >>> 1);
        }
        Amf3Traits t = readTraits(headerOffset, header);
        enter(markerOffset);
        Object result;
        if (t.externalizable()) {
            result = readExternalizable(markerOffset, t.className());
        } else {
            Amf3Object object = new Amf3Object(t.className(), t.dynamic(), new LinkedHashMap<>(), new LinkedHashMap<>());
            objects.add(object);
            for (String name : t.sealedNames()) {
                object.sealedMembers().put(name, readValue());
            }
            if (t.dynamic()) {
                readNameValuePairs(object.dynamicMembers());
            }
            result = object;
        }
        depth--;
        return result;
    }

    /** Decodes U29O-traits-ref, U29O-traits-ext or U29O-traits (AMF3 §3.12). */
    private Amf3Traits readTraits(int headerOffset, int header) {
        if ((header & 2) == 0) {
            int index = header >>> 2;
            if (index >= traits.size()) {
                throw new AmfException(headerOffset, "trait reference " + index + " out of range (" + traits.size() + " traits so far)");
            }
            return traits.get(index);
        }
        Amf3Traits t;
        if ((header & 4) != 0) {
            t = new Amf3Traits(readUtf8Vr(), false, true, List.of());
        } else {
            int sealedCount = header >>> 4;
            checkCount(headerOffset, sealedCount, 2, "sealed member count");
            String className = readUtf8Vr();
            List<String> names = new ArrayList<>(sealedCount);
            for (int i = 0; i < sealedCount; i++) {
                names.add(readUtf8Vr());
            }
            t = new Amf3Traits(className, (header & 8) != 0, false, List.copyOf(names));
        }
        traits.add(t);
        return t;
    }

    private Amf3Externalizable readExternalizable(int markerOffset, String className) {
        Amf3ExternalizableReader reader = externalizables.get(className);
        if (reader == null) {
            throw new AmfException(markerOffset, "externalizable class " + className + " has no registered reader");
        }
        int slot = objects.size();
        objects.add(PENDING);
        Object body;
        try {
            body = reader.readExternal(className, this);
        } catch (AmfException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AmfException(offset(), "reader of externalizable class " + className + " failed: " + e);
        }
        Amf3Externalizable value = new Amf3Externalizable(className, body);
        objects.set(slot, value);
        return value;
    }

    private Object readVector(int markerOffset, int marker) {
        int headerOffset = offset();
        int header = input.u29("Vector header");
        if ((header & 1) == 0) {
            return objectReference(headerOffset, header >>> 1);
        }
        int count = header >>> 1;
        boolean fixed = input.u8("fixed-vector flag") != 0;
        Amf3Vector.Type type = Amf3Vector.Type.values()[marker - Amf3.VECTOR_INT];
        int minBytes = type == Amf3Vector.Type.DOUBLE ? 8 : type == Amf3Vector.Type.OBJECT ? 1 : 4;
        checkCount(headerOffset, count, minBytes, "Vector count");
        List<Object> values = new ArrayList<>(count);
        if (type != Amf3Vector.Type.OBJECT) {
            elements += count;
            Amf3Vector vector = new Amf3Vector(type, fixed, null, values);
            objects.add(vector);
            for (int i = 0; i < count; i++) {
                values.add(readNumericElement(type));
            }
            return vector;
        }
        String typeName = readUtf8Vr();
        enter(markerOffset);
        Amf3Vector vector = new Amf3Vector(type, fixed, typeName, values);
        objects.add(vector);
        for (int i = 0; i < count; i++) {
            values.add(readValue());
        }
        depth--;
        return vector;
    }

    /** int: U32 as two's complement; uint: U32; double: DOUBLE (AMF3 §3.15). */
    private Object readNumericElement(Amf3Vector.Type type) {
        switch (type) {
            case INT:
                return (int) input.u32("int Vector element");
            case UINT:
                return input.u32("uint Vector element");
            default:
                return input.readDouble("double Vector element");
        }
    }

    private Object readDictionary(int markerOffset) {
        int headerOffset = offset();
        int header = input.u29("Dictionary header");
        if ((header & 1) == 0) {
            return objectReference(headerOffset, header >>> 1);
        }
        int count = header >>> 1;
        boolean weakKeys = input.u8("weak-keys flag") != 0;
        checkCount(headerOffset, count, 2, "Dictionary entry count");
        enter(markerOffset);
        Amf3Dictionary dictionary = new Amf3Dictionary(weakKeys, new ArrayList<>(count));
        objects.add(dictionary);
        for (int i = 0; i < count; i++) {
            Object key = readValue();
            dictionary.entries().add(new Amf3Dictionary.Entry(key, readValue()));
        }
        depth--;
        return dictionary;
    }
}
