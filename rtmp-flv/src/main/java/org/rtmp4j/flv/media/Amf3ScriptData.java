package org.rtmp4j.flv.media;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rtmp4j.amf.Amf0;
import org.rtmp4j.amf.Amf0Reader;
import org.rtmp4j.amf.Amf0Writer;
import org.rtmp4j.amf.Amf3;
import org.rtmp4j.amf.Amf3Array;
import org.rtmp4j.amf.Amf3Object;
import org.rtmp4j.amf.Amf3Reader;
import org.rtmp4j.amf.AmfEcmaArray;
import org.rtmp4j.amf.AmfException;
import org.rtmp4j.amf.AmfLimits;

/**
 * Script data that uses AMF3: RTMP data messages of type 15 (RTMP 1.0 §7.1.2) and script tag
 * bodies whose values switch to AMF3 with the AVM+ marker 0x11 (AMF0 §3.1, AMF3 §4.1).
 *
 * <p>A type-15 body is a 0x00 format byte followed by AMF0 values, each of which may be an AVM+
 * switch to one AMF3 value. E-RTMP adds the same layout to FLV as tag type 15
 * ({@link org.rtmp4j.flv.FlvTagType#SCRIPT_AMF3}, E-RTMP v2, "Enabling AMF3 in FLV"), but most
 * FLV readers (ffmpeg 7.1 among them) know only AMF0 script tags of type 18 (FLV 10.1 §E.4.4).
 * {@link #toScriptTagBody} therefore turns such a message into a plain AMF0 script tag body,
 * converting AMF3 values to their AMF0 equivalents so that every FLV reader understands it;
 * {@link #encodeOnMetaData} writes a type-15 {@code onMetaData} body for files that want AMF3.
 * {@link ScriptData#metadata(List)} accepts AMF3 objects and arrays as the {@code onMetaData}
 * properties, so metadata sent either way is read the same; {@link #valueSpan} and
 * {@link #numberOffset} locate a property inside a type-15 body for in-place patching.
 *
 * <p>Stateless and thread-safe. Malformed input raises the unchecked {@link AmfException}.
 */
public final class Amf3ScriptData {

    private Amf3ScriptData() {}

    /**
     * Decodes the values of an AMF3 data message body (type 15).
     *
     * @param body the message body; its position is not moved
     * @param limits AMF decoding limits
     * @return the values, AMF3 values mapped as documented on {@link org.rtmp4j.amf.Amf3Reader}
     * @throws AmfException if the body is empty, its first byte is not the 0x00 format byte
     *     (offset 0), or the values are malformed (offsets relative to the byte after it)
     */
    public static List<Object> decodeDataMessage(ByteBuffer body, AmfLimits limits) {
        ByteBuffer b = body.duplicate();
        if (!b.hasRemaining() || b.get() != 0) {
            throw new AmfException(0, "AMF3 data message must start with the 0x00 format byte");
        }
        return new Amf0Reader(b, limits).readAll();
    }

    /**
     * Converts an AMF3 data message body (type 15) to an FLV script tag body (type 18): the
     * format byte and a leading {@code "@setDataFrame"} are dropped and every value is written in
     * AMF0 after {@link #toAmf0}.
     *
     * @param body the message body; its position is not moved
     * @return a new AMF0 buffer, position 0
     * @throws AmfException if the body is malformed, holds a cyclic AMF3 graph, or its values
     *     together expand beyond {@link AmfLimits#DEFAULT} as AMF0 (see {@link #toAmf0(Object,
     *     AmfLimits)})
     */
    public static ByteBuffer toScriptTagBody(ByteBuffer body) {
        List<Object> values = decodeDataMessage(body, AmfLimits.DEFAULT);
        int from = !values.isEmpty() && ScriptData.SET_DATA_FRAME.equals(values.get(0)) ? 1 : 0;
        List<Object> out = new ArrayList<>(values.size() - from);
        Amf3ToAmf0 converter = new Amf3ToAmf0(AmfLimits.DEFAULT);
        for (Object v : values.subList(from, values.size())) {
            out.add(converter.convert(v));
        }
        return Amf0.encode(out.toArray());
    }

    /**
     * Encodes a type-15 {@code onMetaData} script tag body: the 0x00 format byte, the AMF0 string
     * {@code "onMetaData"} ({@code 02 00 0A "onMetaData"}), then the AVM+ switch 0x11 and an
     * anonymous dynamic AMF3 object ({@code 0A 0B 01}, AMF3 §3.12) holding the properties in the
     * map's iteration order. {@code Double}s, {@code Float}s and integers outside the U29 range
     * are AMF3 doubles (marker 0x05 then 8 bytes) and can be patched in place after
     * {@link #numberOffset}; small {@code Integer}s and {@code Long}s are variable-length AMF3
     * integers (0x04).
     *
     * @param metadata the properties
     * @return a new buffer, position 0
     * @throws AmfException if a value cannot be encoded
     */
    public static ByteBuffer encodeOnMetaData(Map<String, ?> metadata) {
        ByteBuffer values = new Amf0Writer().write(ScriptData.ON_META_DATA)
                .writeAmf3(Amf3Object.anonymous(metadata)).toBuffer();
        ByteBuffer body = ByteBuffer.allocate(1 + values.remaining());
        return body.put((byte) 0).put(values).flip();
    }

    /**
     * Where a top-level {@code onMetaData} property's value is encoded in a type-15 body.
     *
     * @param start offset of the value's type marker, relative to the body's position
     * @param end offset just after the value
     * @param amf3 true if the value is AMF3 (behind an AVM+ switch), false if AMF0
     */
    public record Span(int start, int end, boolean amf3) {}

    /**
     * Finds a top-level property of the {@code onMetaData} map in a type-15 script tag body:
     * 0x00, then {@code "onMetaData"} (AMF0 string, or AMF3 string behind an AVM+ switch), then
     * either an AMF0 ECMA array or object, or an AVM+ switch to an AMF3 object with inline
     * traits (sealed then dynamic members) or an AMF3 array (its associative part).
     *
     * @param body a type-15 script tag body; its position is not moved
     * @param key the property name
     * @return the span of the property's value, or {@code null} if the key is absent or the body
     *     is not an {@code onMetaData} tag of that shape
     * @throws AmfException if the AMF is malformed before the key is found
     */
    public static Span valueSpan(ByteBuffer body, String key) {
        ByteBuffer b = body.slice();
        if (!b.hasRemaining() || b.get(0) != 0) {
            return null;
        }
        b.position(1);
        if (!ScriptData.ON_META_DATA.equals(new Amf0Reader(b).readValue()) || !b.hasRemaining()) {
            return null;
        }
        int at = b.position();
        if ((b.get(at) & 0xFF) != Amf0.AVMPLUS) {
            int[] span = ScriptData.valueSpan(b.duplicate().position(1).slice(), key);
            return span == null ? null : new Span(1 + span[0], 1 + span[1], false);
        }
        int base = at + 1;
        Amf3Reader r = new Amf3Reader(b.position(base).slice());
        int marker = r.readUnsignedByte();
        int header = r.readU29();
        if (marker == Amf3.OBJECT) {
            // U29O-traits inline (bits 0 and 1 set) and not externalizable (bit 2 clear).
            if ((header & 7) != 3) {
                return null;
            }
            r.readUtf8Vr(); // class name
            List<String> sealed = new ArrayList<>();
            for (int i = 0; i < header >>> 4; i++) {
                sealed.add(r.readUtf8Vr()); // each name takes at least one byte: bounded by input
            }
            for (String name : sealed) {
                int start = r.offset();
                r.readValue();
                if (name.equals(key)) {
                    return new Span(base + start, base + r.offset(), true);
                }
            }
            return (header & 8) == 0 ? null : findPair(r, key, base);
        }
        if (marker == Amf3.ARRAY && (header & 1) == 1) {
            return findPair(r, key, base);
        }
        return null;
    }

    /** Scans UTF-8-vr name / value pairs up to the empty name (AMF3 §3.11, §3.12). */
    private static Span findPair(Amf3Reader r, String key, int base) {
        while (true) {
            String name = r.readUtf8Vr();
            if (name.isEmpty()) {
                return null;
            }
            int start = r.offset();
            r.readValue();
            if (name.equals(key)) {
                return new Span(base + start, base + r.offset(), true);
            }
        }
    }

    /**
     * Finds the 8-byte double of a top-level number property in a type-15 {@code onMetaData}
     * body (see {@link #valueSpan}), so it can be overwritten in place: an AMF0 number (marker
     * 0x00) or an AMF3 double (marker 0x05). An AMF3 integer (0x04) is not patchable and gives -1.
     *
     * @param body a type-15 script tag body; its position is not moved
     * @param key the property name
     * @return the offset of the IEEE-754 double relative to the body's position, or -1
     * @throws AmfException if the AMF is malformed before the key is found
     */
    public static int numberOffset(ByteBuffer body, String key) {
        Span span = valueSpan(body, key);
        if (span == null) {
            return -1;
        }
        int marker = body.get(body.position() + span.start()) & 0xFF;
        return marker == (span.amf3() ? Amf3.DOUBLE : Amf0.NUMBER) ? span.start() + 1 : -1;
    }

    /**
     * Maps a decoded AMF3 value to the closest AMF0 value: an {@link Amf3Object} becomes an
     * {@link AmfEcmaArray} of its sealed then dynamic members (its class name is dropped); an
     * {@link Amf3Array} becomes a strict array ({@code List}) when it has only dense values, else
     * an {@link AmfEcmaArray} of its associative entries followed by the dense values under the
     * keys "0", "1", ...; an {@code Integer} becomes a {@code Double}; lists and maps are
     * converted element by element. Other values (strings, booleans, dates, AMF3-only types such
     * as ByteArray and Vector) are returned as they are; the AMF0 writer emits AMF3-only types
     * behind an AVM+ switch. Uses {@link AmfLimits#DEFAULT}.
     *
     * @param value a decoded value
     * @return the AMF0-friendly value
     * @throws AmfException if the value graph is cyclic or expands beyond the default limits, see
     *     {@link #toAmf0(Object, AmfLimits)}
     */
    public static Object toAmf0(Object value) {
        return toAmf0(value, AmfLimits.DEFAULT);
    }

    /**
     * Maps a decoded AMF3 value to the closest AMF0 value as {@link #toAmf0(Object)} does, within
     * a budget. AMF3 object and string references (AMF3 §2.2) may name one value many times, and
     * nested references (each level holding the previous one twice) describe a graph whose copy
     * grows exponentially with its depth; AMF0 output holds every occurrence in full. So every
     * occurrence counts: more than {@code limits.maxElements()} values in the result, or more
     * than {@code limits.maxStringBytes()} UTF-8 bytes of strings, property names, XML and
     * ByteArrays, is an {@link AmfException}. The work done is bounded by these limits. Vectors
     * and Dictionaries are returned as they are but their contents are counted too.
     *
     * @param value a decoded value
     * @param limits the budget: {@code maxElements} values and {@code maxStringBytes} bytes
     * @return the AMF0-friendly value
     * @throws AmfException (offset -1) if the value graph is cyclic outside a Vector or Dictionary,
     *     or its AMF0 copy would exceed {@code maxElements} values or {@code maxStringBytes} bytes
     */
    public static Object toAmf0(Object value, AmfLimits limits) {
        return new Amf3ToAmf0(limits).convert(value);
    }

    /**
     * Returns the properties map of a decoded {@code onMetaData} value: an AMF0 object or ECMA
     * array as it is, an {@link Amf3Object} or {@link Amf3Array} as its members converted by
     * {@link #toAmf0}.
     *
     * @param value the value after the name {@code "onMetaData"}
     * @return the properties, or {@code null} if the value is not map-like
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(Object value) {
        if (value instanceof Map) {
            return (Map<String, Object>) value;
        }
        if (value instanceof Amf3Object || value instanceof Amf3Array) {
            Object converted = toAmf0(value);
            return converted instanceof Map ? (Map<String, Object>) converted : null;
        }
        return null;
    }
}
