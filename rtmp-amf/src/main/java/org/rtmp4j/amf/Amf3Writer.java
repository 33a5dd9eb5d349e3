package org.rtmp4j.amf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes Java values as AMF3 (AMF3 §3) into a growable buffer; the inverse of {@link
 * Amf3Reader}'s mapping. Not thread-safe.
 *
 * <p>Mapping (first match wins): {@code null} → null 0x01; {@link AmfUndefined} → 0x00; {@code
 * Boolean} → false 0x02 / true 0x03; {@code Integer}, {@code Long}, {@code Short}, {@code Byte} in
 * −2<sup>28</sup>..2<sup>28</sup>−1 → integer 0x04 (§3.6), any other {@code Number} → double 0x05
 * (§3.7); {@code String} → string 0x06 (§3.8); {@link AmfXmlDocument} → 0x07 (§3.9); {@link
 * AmfDate} → date 0x08, time zone ignored (§3.10); {@link Amf3Array} → array 0x09, a {@code List}
 * or {@code Object[]} → dense-only array, an {@link AmfEcmaArray} → associative-only array
 * (§3.11); {@link Amf3Object} → object 0x0A, an {@link AmfTypedObject} → sealed typed object, any
 * other {@code Map} → anonymous dynamic object, {@link Amf3Externalizable} → externalizable object
 * through the {@link Amf3ExternalizableWriter} registered for its class name (§3.12); {@link
 * Amf3Xml} → 0x0B (§3.13); {@code byte[]} → ByteArray 0x0C (§3.14); {@link Amf3Vector} →
 * 0x0D–0x10 (§3.15); {@link Amf3Dictionary} → 0x11 (§3.16).
 *
 * <p><b>References</b> (AMF3 §2.2), as Flash Player and common encoders write them: a non-empty
 * string equal to one written before is sent as a string reference; a complex value (every type
 * from 0x07 up) that is the same instance as one written before is sent as an object reference;
 * traits equal to traits written before (class name, dynamic and externalizable flags, sealed
 * member names) are sent as a trait reference. The tables live as long as the writer. So
 * decode → encode reproduces the input byte for byte when the input came from such an encoder.
 * It does not when the input: repeated a string, traits or instance literally where a reference was
 * possible; referenced a value under another marker; used a non-minimal U29, a fixed-vector or
 * weak-keys byte other than 0/1, or extra bits in U29O-traits-ext; had duplicate sealed member or
 * associative names; had malformed UTF-8; or had an externalizable body its writer does not
 * reproduce.
 *
 * <p>Errors ({@link AmfException}, offset = bytes written before the failing value): a value of
 * any other type, an empty dynamic-member or associative name, dynamic members on non-dynamic
 * traits, more than 2<sup>25</sup>−1 sealed members, a string, XML or ByteArray over
 * 2<sup>28</sup>−1 bytes, a count over 2<sup>28</sup>−1, a Vector element of the wrong type, an
 * externalizable class without a registered writer, nesting deeper than {@code maxDepth} (cyclic
 * {@code List}s and {@code Map}s are written by reference, so they do not recurse), or output over
 * 2 GiB. After an exception the writer's content is unspecified.
 */
public final class Amf3Writer {
    private static final int MAX_U28 = (1 << 28) - 1;

    private final int maxDepth;
    private final Map<String, Amf3ExternalizableWriter> externalizables;
    private final Map<String, Integer> strings = new HashMap<>();
    private final Map<Object, Integer> objects = new IdentityHashMap<>();
    private final Map<Amf3Traits, Integer> traits = new HashMap<>();
    private int stringCount;
    private int objectCount;
    private int traitCount;
    private final Amf3Output out = new Amf3Output();
    private int depth;

    /** Creates a writer with the default nesting depth (64) and no externalizable writers. */
    public Amf3Writer() {
        this(AmfLimits.DEFAULT);
    }

    /**
     * Creates a writer with no externalizable writers.
     *
     * @param limits the limits; only {@code maxDepth} is used
     * @throws NullPointerException if {@code limits} is null
     */
    public Amf3Writer(AmfLimits limits) {
        this(limits, Map.of());
    }

    /**
     * Creates a writer that writes {@link Amf3Externalizable}s of the registered class names.
     *
     * @param limits the limits; only {@code maxDepth} is used
     * @param externalizables body writers by class name (not copied)
     * @throws NullPointerException if an argument is null
     */
    public Amf3Writer(AmfLimits limits, Map<String, Amf3ExternalizableWriter> externalizables) {
        this(limits.maxDepth(), 0, externalizables);
    }

    /** For the AMF0 switch: the depth already used by the enclosing AMF0 value. */
    Amf3Writer(int maxDepth, int depth, Map<String, Amf3ExternalizableWriter> externalizables) {
        if (externalizables == null) {
            throw new NullPointerException("externalizables must not be null");
        }
        this.maxDepth = maxDepth;
        this.depth = depth;
        this.externalizables = externalizables;
    }

    /**
     * Appends one value (also usable by an {@link Amf3ExternalizableWriter} for its body).
     *
     * @param value the value, mapped as in the class documentation
     * @return this writer
     * @throws AmfException if the value has no AMF3 representation
     */
    public Amf3Writer write(Object value) {
        if (value == null) {
            u8(Amf3.NULL);
        } else if (value instanceof AmfUndefined) {
            u8(Amf3.UNDEFINED);
        } else if (value instanceof Boolean b) {
            u8(b ? Amf3.TRUE : Amf3.FALSE);
        } else if (value instanceof Number n) {
            writeNumber(n);
        } else if (value instanceof String s) {
            u8(Amf3.STRING);
            writeUtf8Vr(s);
        } else {
            writeComplex(value, markerOf(value));
        }
        return this;
    }

    /**
     * Writes a UTF-8-vr (AMF3 §1.3.2): {@code 0x01} for the empty string, a string reference for a
     * string written before, otherwise a literal that enters the string table.
     *
     * @param s the string
     * @return this writer
     * @throws AmfException if the UTF-8 form exceeds 2<sup>28</sup>−1 bytes
     */
    public Amf3Writer writeUtf8Vr(String s) {
        if (s.isEmpty()) {
            u8(1);
            return this;
        }
        Integer index = strings.get(s);
        if (index != null) {
            writeU29(index << 1);
            return this;
        }
        byte[] bytes = utf8Checked(s, "string");
        if (stringCount <= MAX_U28) {
            strings.put(s, stringCount);
        }
        stringCount++;
        writeU29(bytes.length << 1 | 1);
        return writeBytes(bytes);
    }

    /**
     * Writes a U29 (AMF3 §1.3.1) in its shortest form.
     *
     * @param v 0 to 2<sup>29</sup>−1
     * @return this writer
     * @throws AmfException if {@code v} is out of range
     */
    public Amf3Writer writeU29(int v) {
        out.u29(v);
        return this;
    }

    /**
     * Writes one byte.
     *
     * @param v the byte, low 8 bits used
     * @return this writer
     */
    public Amf3Writer writeUnsignedByte(int v) {
        out.u8(v);
        return this;
    }

    /**
     * Writes a big-endian U32.
     *
     * @param v the value, low 32 bits used
     * @return this writer
     */
    public Amf3Writer writeU32(long v) {
        out.u32(v);
        return this;
    }

    /**
     * Writes a big-endian IEEE-754 DOUBLE, NaN payloads kept bit for bit.
     *
     * @param d the value
     * @return this writer
     */
    public Amf3Writer writeDouble(double d) {
        out.writeDouble(d);
        return this;
    }

    /**
     * Writes raw bytes.
     *
     * @param bytes the bytes
     * @return this writer
     */
    public Amf3Writer writeBytes(byte[] bytes) {
        out.bytes(bytes);
        return this;
    }

    /** @return the number of bytes written so far */
    public int size() {
        return out.size();
    }

    /** @return the bytes written so far, as a new buffer positioned at 0 */
    public ByteBuffer toBuffer() {
        return ByteBuffer.wrap(toByteArray());
    }

    /** @return the bytes written so far, as a new array */
    public byte[] toByteArray() {
        return out.toByteArray();
    }

    private void writeNumber(Number n) {
        boolean integral = n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
        long v = n.longValue();
        if (integral && v >= Amf3.INTEGER_MIN && v <= Amf3.INTEGER_MAX) {
            u8(Amf3.INTEGER);
            writeU29((int) v & 0x1FFFFFFF);
        } else {
            u8(Amf3.DOUBLE);
            writeDouble(n.doubleValue());
        }
    }

    private int markerOf(Object value) {
        if (value instanceof AmfXmlDocument) {
            return Amf3.XML_DOCUMENT;
        } else if (value instanceof AmfDate) {
            return Amf3.DATE;
        } else if (value instanceof Amf3Array || value instanceof List || value instanceof Object[] || value instanceof AmfEcmaArray) {
            return Amf3.ARRAY;
        } else if (value instanceof Amf3Object || value instanceof AmfTypedObject || value instanceof Amf3Externalizable || value instanceof Map) {
            return Amf3.OBJECT;
        } else if (value instanceof Amf3Xml) {
            return Amf3.XML;
        } else if (value instanceof byte[]) {
            return Amf3.BYTE_ARRAY;
        } else if (value instanceof Amf3Vector v) {
            return v.type().marker();
        } else if (value instanceof Amf3Dictionary) {
            return Amf3.DICTIONARY;
        }
        throw new AmfException(out.size(), "no AMF3 representation for " + value.getClass().getName());
    }

    private void writeComplex(Object value, int marker) {
        Integer index = objects.get(value);
        u8(marker);
        if (index != null) {
            writeU29(index << 1);
            return;
        }
        if (objectCount <= MAX_U28) {
            objects.put(value, objectCount);
        }
        objectCount++;
        switch (marker) {
            case Amf3.XML_DOCUMENT:
                String xml = ((AmfXmlDocument) value).xml();
                writeLengthAndBytes(utf8Checked(xml == null ? "" : xml, "XMLDocument"));
                break;
            case Amf3.XML:
                writeLengthAndBytes(utf8Checked(((Amf3Xml) value).xml(), "XML"));
                break;
            case Amf3.DATE:
                u8(1);
                writeDouble(((AmfDate) value).epochMillis());
                break;
            case Amf3.BYTE_ARRAY:
                byte[] bytes = (byte[]) value;
                checkU28(bytes.length, "ByteArray length");
                writeLengthAndBytes(bytes);
                break;
            case Amf3.ARRAY:
                writeArray(value);
                break;
            case Amf3.OBJECT:
                writeObject(value);
                break;
            case Amf3.DICTIONARY:
                writeDictionary((Amf3Dictionary) value);
                break;
            default:
                writeVector((Amf3Vector) value);
        }
    }

    private void writeLengthAndBytes(byte[] bytes) {
        writeU29(bytes.length << 1 | 1);
        writeBytes(bytes);
    }

    private void writeArray(Object value) {
        List<?> dense;
        Map<?, ?> associative;
        if (value instanceof Amf3Array a) {
            dense = a.dense();
            associative = a.associative();
        } else if (value instanceof AmfEcmaArray e) {
            dense = List.of();
            associative = e;
        } else {
            dense = value instanceof List<?> l ? l : Arrays.asList((Object[]) value);
            associative = Map.of();
        }
        checkU28(dense.size(), "array dense count");
        enter();
        writeU29(dense.size() << 1 | 1);
        writeNameValuePairs(associative, "associative");
        for (Object element : dense) {
            write(element);
        }
        depth--;
    }

    private void writeObject(Object value) {
        if (value instanceof Amf3Externalizable x) {
            Amf3ExternalizableWriter writer = externalizables.get(x.className());
            if (writer == null) {
                throw new AmfException(out.size(), "externalizable class " + x.className() + " has no registered writer");
            }
            enter();
            writeTraits(new Amf3Traits(x.className(), false, true, List.of()));
            writer.writeExternal(x, this);
            depth--;
            return;
        }
        String className;
        boolean dynamic;
        Map<?, ?> sealed;
        Map<?, ?> dynamicMembers;
        if (value instanceof Amf3Object o) {
            className = o.className();
            dynamic = o.dynamic();
            sealed = o.sealedMembers();
            dynamicMembers = o.dynamicMembers();
            if (!dynamic && !dynamicMembers.isEmpty()) {
                throw new AmfException(out.size(), "object of class '" + className + "' has dynamic members but non-dynamic traits");
            }
        } else if (value instanceof AmfTypedObject t) {
            className = t.className() == null ? "" : t.className();
            dynamic = false;
            sealed = t.properties() == null ? Map.of() : t.properties();
            dynamicMembers = Map.of();
        } else {
            className = "";
            dynamic = true;
            sealed = Map.of();
            dynamicMembers = (Map<?, ?>) value;
        }
        if (sealed.size() > (1 << 25) - 1) {
            throw new AmfException(out.size(), "more than 2^25-1 sealed members");
        }
        List<String> names = new ArrayList<>(sealed.size());
        for (Object key : sealed.keySet()) {
            names.add(String.valueOf(key));
        }
        enter();
        writeTraits(new Amf3Traits(className, dynamic, false, List.copyOf(names)));
        for (Object member : sealed.values()) {
            write(member);
        }
        if (dynamic) {
            writeNameValuePairs(dynamicMembers, "dynamic member");
        }
        depth--;
    }

    /** Writes U29O-traits-ref, U29O-traits-ext or U29O-traits with names (AMF3 §3.12). */
    private void writeTraits(Amf3Traits t) {
        Integer index = traits.get(t);
        if (index != null) {
            writeU29(index << 2 | 1);
            return;
        }
        if (traitCount < 1 << 27) {
            traits.put(t, traitCount);
        }
        traitCount++;
        if (t.externalizable()) {
            writeU29(0x07);
            writeUtf8Vr(t.className());
            return;
        }
        writeU29(t.sealedNames().size() << 4 | (t.dynamic() ? 0x08 : 0) | 0x03);
        writeUtf8Vr(t.className());
        for (String name : t.sealedNames()) {
            writeUtf8Vr(name);
        }
    }

    /** Writes {@code UTF-8-vr value-type} pairs then the empty name (AMF3 §3.11, §3.12). */
    private void writeNameValuePairs(Map<?, ?> pairs, String what) {
        for (Map.Entry<?, ?> e : pairs.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (name.isEmpty()) {
                throw new AmfException(out.size(), "empty " + what + " name cannot be written: it ends the list");
            }
            writeUtf8Vr(name);
            write(e.getValue());
        }
        u8(1);
    }

    private void writeVector(Amf3Vector v) {
        checkU28(v.values().size(), "Vector count");
        writeU29(v.values().size() << 1 | 1);
        u8(v.fixed() ? 1 : 0);
        if (v.type() == Amf3Vector.Type.OBJECT) {
            writeUtf8Vr(v.objectTypeName());
            enter();
            for (Object element : v.values()) {
                write(element);
            }
            depth--;
            return;
        }
        for (Object element : v.values()) {
            if (!(element instanceof Number n)) {
                throw new AmfException(out.size(), v.type() + " Vector element is not a Number: " + element);
            }
            if (v.type() == Amf3Vector.Type.DOUBLE) {
                writeDouble(n.doubleValue());
            } else if (v.type() == Amf3Vector.Type.INT) {
                long i = n.longValue();
                if (i < Integer.MIN_VALUE || i > Integer.MAX_VALUE) {
                    throw new AmfException(out.size(), "int Vector element " + i + " out of the 32-bit range");
                }
                writeU32(i);
            } else {
                long u = n.longValue();
                if (u < 0 || u > 0xFFFFFFFFL) {
                    throw new AmfException(out.size(), "uint Vector element " + u + " out of the U32 range");
                }
                writeU32(u);
            }
        }
    }

    private void writeDictionary(Amf3Dictionary d) {
        checkU28(d.entries().size(), "Dictionary entry count");
        writeU29(d.entries().size() << 1 | 1);
        u8(d.weakKeys() ? 1 : 0);
        enter();
        for (Amf3Dictionary.Entry e : d.entries()) {
            write(e.key());
            write(e.value());
        }
        depth--;
    }

    private void enter() {
        if (depth >= maxDepth) {
            throw new AmfException(out.size(), "nesting deeper than " + maxDepth + " (maxDepth)");
        }
        depth++;
    }

    private void checkU28(int n, String what) {
        if (n > MAX_U28) {
            throw new AmfException(out.size(), what + " " + n + " exceeds 2^28-1");
        }
    }

    private byte[] utf8Checked(String s, String what) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        checkU28(bytes.length, what + " byte length");
        return bytes;
    }

    private void u8(int v) {
        out.u8(v);
    }
}
