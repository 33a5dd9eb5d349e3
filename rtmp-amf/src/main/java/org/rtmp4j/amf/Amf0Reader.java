package org.rtmp4j.amf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes AMF0 values (AMF0 File Format Specification §2) from a {@link ByteBuffer} it does not
 * own, advancing the buffer's position past each value read. Multi-byte fields are big-endian
 * whatever the buffer's {@link ByteBuffer#order() order}; the order is never changed. Not
 * thread-safe: one reader per buffer and thread.
 *
 * <p>Value mapping: number → {@code Double}; boolean → {@code Boolean}; string and long string →
 * {@code String}; object → {@code LinkedHashMap<String,Object>}; null → {@code null}; undefined →
 * {@link AmfUndefined#INSTANCE}; reference → the referenced (same) object; ECMA array → {@link
 * AmfEcmaArray}; strict array → {@code List<Object>}; date → {@link AmfDate}; XML document → {@link
 * AmfXmlDocument}; typed object → {@link AmfTypedObject}; unsupported (0x0D) → {@link
 * AmfUndefined#INSTANCE}; AVM+ switch (0x11, AMF0 §3.1) → the one AMF3 value that follows, mapped
 * as documented on {@link Amf3Reader}.
 *
 * <p>Rules applied while decoding:
 *
 * <ul>
 *   <li><b>References</b> (AMF0 §2.9): the reference table holds the complex values (object, typed
 *       object, ECMA array, strict array) in the order their markers appear, across all values read
 *       by this reader; a complex value is entered into the table before its members are decoded,
 *       so a cyclic reference yields the (same) enclosing instance. An index outside the table is an
 *       {@link AmfException}. A reference to a complete value counts as a copy of it against the
 *       limits (below), because {@link Amf0Writer} writes shared values out in full: without that, a
 *       few hundred bytes of nested references would decode to a value that re-encodes to
 *       gigabytes.
 *   <li><b>ECMA array count</b> (AMF0 §2.10): the associative-count is only a hint. Real encoders
 *       write 0 or a wrong count, so properties are read up to the object-end marker whatever the
 *       count says, and the count is never used to size anything.
 *   <li><b>Missing object end</b> (AMF0 §2.11): some encoders omit the trailing {@code 00 00 09}
 *       of an {@code onMetaData} ECMA array or of a command object. An object, typed object or ECMA
 *       array that is the outermost value (not nested) and whose properties end exactly at the end
 *       of the buffer is accepted as complete. Anywhere else a missing object end is an {@link
 *       AmfException}.
 *   <li><b>Strings</b> (AMF0 §1.3.1): decoded as UTF-8; malformed sequences become U+FFFD rather
 *       than failing, as some peers send other encodings.
 *   <li><b>Markers without a value</b>: 0x04 movieclip (§2.6) and 0x0E recordset (§2.16) are
 *       reserved, a bare 0x09 object end (§2.11) outside an object and markers above 0x11 are
 *       {@link AmfException}s.
 *   <li><b>AVM+ switch</b> (AMF0 §3.1, AMF3 §4.1): marker 0x11 switches to AMF3 for exactly one
 *       value, then decoding continues in AMF0 (the switch is not sticky). Each switched value gets
 *       fresh AMF3 string, object and trait reference tables, as RTMP encoders start a new AMF3
 *       context per switch; it is not entered into the AMF0 reference table. It shares this
 *       reader's depth and element budget, and its exception offsets are relative to this reader's
 *       start. Externalizable AMF3 objects need a reader registered with {@link
 *       #Amf0Reader(ByteBuffer, AmfLimits, Map)}.
 * </ul>
 *
 * <p>Limits ({@link AmfLimits}): every value decoded, nested or not, counts against {@code
 * maxElements} for the lifetime of the reader; objects and arrays nested deeper than {@code
 * maxDepth} (an outermost object has depth 1) fail. A reference to a complete complex value adds
 * that value's values again to the {@code maxElements} count, and its encoded bytes to the
 * reader's expanded size, which may not exceed {@code maxStringBytes} (the decoded values then
 * re-encode to at most that many bytes plus the reference-free input); a reference to an
 * enclosing value (a cycle) counts as one value. Every declared length and count is checked
 * against {@code maxStringBytes} or {@code maxElements} and against the bytes remaining before
 * anything is allocated (each strict array element needs at least one byte). Recursion depth
 * equals the nesting depth, so keep {@code maxDepth} in the hundreds at most.
 *
 * <p>Every {@link AmfException} names the byte offset relative to the buffer's position when the
 * reader was created. After an exception the buffer's position is unspecified and the reader
 * should be discarded.
 */
public final class Amf0Reader {
    private static final int MAX_MARKER = Amf0.AVMPLUS;

    private final ByteBuffer in;
    private final AmfLimits limits;
    private final Map<String, Amf3ExternalizableReader> externalizables;
    private final int base;
    private final List<Object> references = new ArrayList<>();
    /** Per reference-table entry: {values, bytes} it expands to once complete, null while being read. */
    private final List<long[]> expansions = new ArrayList<>();
    private int elements;
    /** Values and bytes that references added on top of those read (each reference is a copy). */
    private long extraElements;
    private long extraBytes;
    private int depth;

    /**
     * Creates a reader over {@code in} with the default {@link AmfLimits}.
     *
     * @param in the buffer to decode from its position to its limit; not copied
     */
    public Amf0Reader(ByteBuffer in) {
        this(in, AmfLimits.DEFAULT);
    }

    /**
     * Creates a reader over {@code in} that enforces {@code limits}.
     *
     * @param in the buffer to decode from its position to its limit; not copied
     * @param limits bounds on depth, value count and string length
     * @throws NullPointerException if an argument is null
     */
    public Amf0Reader(ByteBuffer in, AmfLimits limits) {
        this(in, limits, Map.of());
    }

    /**
     * Creates a reader over {@code in} that enforces {@code limits} and decodes AMF3
     * externalizable objects (after an AVM+ switch) of the registered class names.
     *
     * @param in the buffer to decode from its position to its limit; not copied
     * @param limits bounds on depth, value count and string length
     * @param externalizables AMF3 externalizable body readers by class name (not copied)
     * @throws NullPointerException if an argument is null
     */
    public Amf0Reader(ByteBuffer in, AmfLimits limits, Map<String, Amf3ExternalizableReader> externalizables) {
        if (in == null || limits == null || externalizables == null) {
            throw new NullPointerException("in, limits and externalizables must not be null");
        }
        this.in = in;
        this.limits = limits;
        this.externalizables = externalizables;
        this.base = in.position();
    }

    /** @return whether any bytes remain in the buffer */
    public boolean hasRemaining() {
        return in.hasRemaining();
    }

    /** @return the number of bytes consumed since this reader was created */
    public int offset() {
        return in.position() - base;
    }

    /**
     * Reads one value.
     *
     * @return the decoded value, mapped as described in the class documentation (may be {@code null})
     * @throws AmfException if the value is truncated, malformed, unsupported or exceeds the limits
     */
    public Object readValue() {
        return readValue(false);
    }

    /**
     * Reads values until the buffer is exhausted.
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

    private Object readValue(boolean nested) {
        int markerOffset = offset();
        int marker = u8("type marker");
        countElement(markerOffset);
        switch (marker) {
            case Amf0.NUMBER:
                return readDouble("number");
            case Amf0.BOOLEAN:
                return u8("boolean") != 0;
            case Amf0.STRING:
                return readString(false, "string");
            case Amf0.OBJECT:
                return readObject(markerOffset, nested);
            case Amf0.NULL:
                return null;
            case Amf0.UNDEFINED:
            case Amf0.UNSUPPORTED:
                return AmfUndefined.INSTANCE;
            case Amf0.REFERENCE:
                return readReference();
            case Amf0.ECMA_ARRAY:
                return readEcmaArray(markerOffset, nested);
            case Amf0.STRICT_ARRAY:
                return readStrictArray(markerOffset);
            case Amf0.DATE:
                return readDate();
            case Amf0.LONG_STRING:
                return readString(true, "long string");
            case Amf0.XML_DOCUMENT:
                return new AmfXmlDocument(readString(true, "XML document"));
            case Amf0.TYPED_OBJECT:
                return readTypedObject(markerOffset, nested);
            case Amf0.MOVIECLIP:
                throw new AmfException(markerOffset, "movieclip marker 0x04 is reserved and not supported");
            case Amf0.RECORDSET:
                throw new AmfException(markerOffset, "recordset marker 0x0E is reserved and not supported");
            case Amf0.OBJECT_END:
                throw new AmfException(markerOffset, "object-end marker 0x09 outside an object");
            case Amf0.AVMPLUS:
                return readAmf3();
            default:
                throw new AmfException(markerOffset, String.format("unknown type marker 0x%02X (highest is 0x%02X)", marker, MAX_MARKER));
        }
    }

    /** One AMF3 value with fresh reference tables (AMF0 §3.1); see the class documentation. */
    private Object readAmf3() {
        Amf3Reader amf3 = new Amf3Reader(in, limits, externalizables, base, depth, elements);
        Object value = amf3.readValue();
        elements = amf3.elements();
        return value;
    }

    private void countElement(int markerOffset) {
        if (elements + extraElements >= limits.maxElements()) {
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

    private Map<String, Object> readObject(int markerOffset, boolean nested) {
        enter(markerOffset);
        Map<String, Object> properties = new LinkedHashMap<>();
        int entry = enterTable(properties);
        long[] start = snapshot(markerOffset);
        readProperties(properties, nested);
        complete(entry, start);
        depth--;
        return properties;
    }

    private AmfTypedObject readTypedObject(int markerOffset, boolean nested) {
        enter(markerOffset);
        String className = readString(false, "class-name");
        Map<String, Object> properties = new LinkedHashMap<>();
        AmfTypedObject typed = new AmfTypedObject(className, properties);
        int entry = enterTable(typed);
        long[] start = snapshot(markerOffset);
        readProperties(properties, nested);
        complete(entry, start);
        depth--;
        return typed;
    }

    private AmfEcmaArray readEcmaArray(int markerOffset, boolean nested) {
        enter(markerOffset);
        u32("ECMA array associative-count"); // a hint only, see class Javadoc
        AmfEcmaArray array = new AmfEcmaArray();
        int entry = enterTable(array);
        long[] start = snapshot(markerOffset);
        readProperties(array, nested);
        complete(entry, start);
        depth--;
        return array;
    }

    /** Reads object-property pairs up to the object end (AMF0 §2.5, §2.11). */
    private void readProperties(Map<String, Object> into, boolean nested) {
        while (true) {
            if (!in.hasRemaining() && !nested) {
                return; // lenient: outermost value whose object end was omitted
            }
            int keyOffset = offset();
            int keyLength = u16("property name length or object end");
            if (keyLength == 0) {
                int endOffset = offset();
                int end = u8("object-end marker 0x09");
                if (end != Amf0.OBJECT_END) {
                    throw new AmfException(endOffset, String.format("expected object-end marker 0x09 after empty property name, got 0x%02X", end));
                }
                return;
            }
            String key = readUtf8(keyOffset, keyLength, "property name");
            if (!in.hasRemaining()) {
                throw new AmfException(offset(), "truncated: expected value of property '" + key + "' at offset " + keyOffset);
            }
            into.put(key, readValue(true));
        }
    }

    private List<Object> readStrictArray(int markerOffset) {
        enter(markerOffset);
        int countOffset = offset();
        long count = u32("strict array count");
        if (count > limits.maxElements() - elements) {
            throw new AmfException(countOffset, "strict array count " + count + " exceeds the " + (limits.maxElements() - elements) + " values left under maxElements");
        }
        if (count > in.remaining()) {
            throw new AmfException(countOffset, "strict array count " + count + " exceeds remaining " + in.remaining() + " bytes");
        }
        List<Object> list = new ArrayList<>((int) count);
        int entry = enterTable(list);
        long[] start = snapshot(markerOffset);
        for (long i = 0; i < count; i++) {
            list.add(readValue(true));
        }
        complete(entry, start);
        depth--;
        return list;
    }

    private Object readReference() {
        int indexOffset = offset();
        int index = u16("reference index");
        if (index >= references.size()) {
            throw new AmfException(indexOffset, "reference index " + index + " out of range (" + references.size() + " complex values so far)");
        }
        long[] expansion = expansions.get(index);
        if (expansion != null) {
            // a copy of a complete value: its values and bytes count again (a reference to an
            // enclosing value, a cycle, counts once, since writers cannot expand it anyway)
            extraElements += expansion[0] - 1;
            extraBytes += expansion[1] - 3;
            if (elements + extraElements > limits.maxElements()) {
                throw new AmfException(indexOffset - 1, "reference " + index + " expands to more than " + limits.maxElements() + " values in total (maxElements)");
            }
            if (offset() + extraBytes > limits.maxStringBytes()) {
                throw new AmfException(indexOffset - 1, "reference " + index + " expands the value to more than " + limits.maxStringBytes() + " bytes (maxStringBytes)");
            }
        }
        return references.get(index);
    }

    /** Enters a complex value into the reference table (AMF0 §2.9). @return its index */
    private int enterTable(Object value) {
        references.add(value);
        expansions.add(null);
        return references.size() - 1;
    }

    /** @return the counters at a complex value's marker, for {@link #complete} */
    private long[] snapshot(int markerOffset) {
        return new long[] {elements, extraElements, markerOffset, extraBytes};
    }

    /** Records how many values and bytes the complete value at {@code entry} expands to. */
    private void complete(int entry, long[] start) {
        long values = 1 + (elements - start[0]) + (extraElements - start[1]);
        long bytes = (offset() - start[2]) + (extraBytes - start[3]);
        expansions.set(entry, new long[] {values, bytes});
    }

    private AmfDate readDate() {
        double millis = readDouble("date");
        require(2, "date time-zone");
        short timezone = (short) ((in.get() & 0xFF) << 8 | (in.get() & 0xFF));
        return new AmfDate(millis, timezone);
    }

    /** Reads a UTF-8 (U16 length, AMF0 §2.4) or UTF-8-long (U32 length, AMF0 §2.14) string. */
    private String readString(boolean longLength, String what) {
        int lengthOffset = offset();
        long length = longLength ? u32(what + " length") : u16(what + " length");
        return readUtf8(lengthOffset, length, what);
    }

    private String readUtf8(int lengthOffset, long length, String what) {
        if (length > limits.maxStringBytes()) {
            throw new AmfException(lengthOffset, what + " length " + length + " exceeds maxStringBytes " + limits.maxStringBytes());
        }
        if (length > in.remaining()) {
            throw new AmfException(lengthOffset, "truncated: " + what + " length " + length + " exceeds remaining " + in.remaining() + " bytes");
        }
        int n = (int) length;
        String s;
        if (in.hasArray()) {
            s = new String(in.array(), in.arrayOffset() + in.position(), n, StandardCharsets.UTF_8);
            in.position(in.position() + n);
        } else {
            byte[] bytes = new byte[n];
            in.get(bytes);
            s = new String(bytes, StandardCharsets.UTF_8);
        }
        return s;
    }

    private double readDouble(String what) {
        require(8, what);
        long hi = u32Unchecked();
        long lo = u32Unchecked();
        return Double.longBitsToDouble(hi << 32 | lo);
    }

    private void require(int n, String what) {
        if (in.remaining() < n) {
            throw new AmfException(offset(), "truncated: expected " + n + " bytes of " + what + ", " + in.remaining() + " remaining");
        }
    }

    private int u8(String what) {
        require(1, what);
        return in.get() & 0xFF;
    }

    private int u16(String what) {
        require(2, what);
        return (in.get() & 0xFF) << 8 | (in.get() & 0xFF);
    }

    private long u32(String what) {
        require(4, what);
        return u32Unchecked();
    }

    private long u32Unchecked() {
        return ((long) (in.get() & 0xFF) << 24) | (in.get() & 0xFF) << 16 | (in.get() & 0xFF) << 8 | (in.get() & 0xFF);
    }
}
