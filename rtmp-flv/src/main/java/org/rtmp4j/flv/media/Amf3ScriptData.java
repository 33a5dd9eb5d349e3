package org.rtmp4j.flv.media;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rtmp4j.amf.Amf0;
import org.rtmp4j.amf.Amf0Reader;
import org.rtmp4j.amf.Amf3Array;
import org.rtmp4j.amf.Amf3Object;
import org.rtmp4j.amf.AmfEcmaArray;
import org.rtmp4j.amf.AmfException;
import org.rtmp4j.amf.AmfLimits;

/**
 * Script data that uses AMF3: RTMP data messages of type 15 (RTMP 1.0 §7.1.2) and script tag
 * bodies whose values switch to AMF3 with the AVM+ marker 0x11 (AMF0 §3.1, AMF3 §4.1).
 *
 * <p>A type-15 body is a 0x00 format byte followed by AMF0 values, each of which may be an AVM+
 * switch to one AMF3 value. FLV files have no AMF3 tag type: script tags are type 18 and AMF0
 * (FLV 10.1 §E.4.4). {@link #toScriptTagBody} therefore turns such a message into a plain AMF0
 * script tag body, converting AMF3 values to their AMF0 equivalents so that every FLV reader
 * understands it; {@link ScriptData#metadata(List)} accepts AMF3 objects and arrays as the
 * {@code onMetaData} properties, so metadata sent either way is read the same.
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
