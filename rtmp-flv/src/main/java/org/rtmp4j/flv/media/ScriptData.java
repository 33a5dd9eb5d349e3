package org.rtmp4j.flv.media;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.rtmp4j.amf.Amf0;
import org.rtmp4j.amf.Amf0Reader;
import org.rtmp4j.amf.AmfEcmaArray;
import org.rtmp4j.amf.AmfLimits;
import org.rtmp4j.flv.FlvTagType;

/**
 * Helpers for {@code onMetaData} script data (FLV 10.1 §E.4.4 and §E.5) and its RTMP form.
 *
 * <p>An FLV script tag body is AMF0: the string {@code "onMetaData"} followed by an ECMA array (or,
 * from some writers, an object) of properties such as {@code duration}, {@code width},
 * {@code height}, {@code videocodecid}. A publisher sends the same data over RTMP as an AMF0 data
 * message {@code "@setDataFrame", "onMetaData", {...}}; the FLV file stores it without
 * {@code "@setDataFrame"}. Readers accept an ECMA array or an object (E-RTMP v2, onMetaData),
 * also behind an AVM+ switch to AMF3 (see {@link Amf3ScriptData} for type-15 data messages and
 * script tags); the methods taking a {@link FlvTagType} handle both script tag types.
 *
 * <p>Stateless and thread-safe. Malformed AMF0 raises the unchecked
 * {@link org.rtmp4j.amf.AmfException} from the AMF decoder.
 */
public final class ScriptData {

    /** The script data name of the metadata tag. */
    public static final String ON_META_DATA = "onMetaData";

    /** The RTMP data message name that sets a stream's data frame. */
    public static final String SET_DATA_FRAME = "@setDataFrame";

    private ScriptData() {}

    /**
     * Decodes the properties of an {@code onMetaData} script tag body.
     *
     * @param scriptBody the tag body; its position is not moved
     * @return the properties in file order (the decoded map, usually an {@link AmfEcmaArray}), or
     *     an empty map if the body is not {@code onMetaData} with a map
     * @throws org.rtmp4j.amf.AmfException if the AMF0 is malformed
     */
    public static Map<String, Object> metadata(ByteBuffer scriptBody) {
        return metadata(Amf0.decode(scriptBody.duplicate()));
    }

    /**
     * Decodes the values of a script tag body of either script tag type.
     *
     * @param type {@link FlvTagType#SCRIPT} (AMF0, FLV 10.1 §E.4.4) or
     *     {@link FlvTagType#SCRIPT_AMF3} (0x00 format byte then AMF0 values with AVM+ switches,
     *     E-RTMP v2, "Enabling AMF3 in FLV")
     * @param scriptBody the tag body; its position is not moved
     * @param limits AMF decoding limits
     * @return the decoded values
     * @throws IllegalArgumentException if {@code type} is not a script tag type
     * @throws org.rtmp4j.amf.AmfException if the AMF is malformed (or, for type 15, the format
     *     byte is not 0x00)
     */
    public static List<Object> values(FlvTagType type, ByteBuffer scriptBody, AmfLimits limits) {
        if (type == FlvTagType.SCRIPT_AMF3) {
            return Amf3ScriptData.decodeDataMessage(scriptBody, limits);
        }
        if (type != FlvTagType.SCRIPT) {
            throw new IllegalArgumentException("not a script tag type: " + type);
        }
        return Amf0.decode(scriptBody.duplicate(), limits);
    }

    /**
     * Decodes the {@code onMetaData} properties of a script tag of either script tag type (see
     * {@link #values}).
     *
     * @param type {@link FlvTagType#SCRIPT} or {@link FlvTagType#SCRIPT_AMF3}
     * @param scriptBody the tag body; its position is not moved
     * @return the properties, or an empty map if the tag is not {@code onMetaData} with a map
     * @throws IllegalArgumentException if {@code type} is not a script tag type
     * @throws org.rtmp4j.amf.AmfException if the AMF is malformed
     */
    public static Map<String, Object> metadata(FlvTagType type, ByteBuffer scriptBody) {
        return metadata(values(type, scriptBody, AmfLimits.DEFAULT));
    }

    /**
     * Finds the 8-byte double of a top-level number property in an {@code onMetaData} body of
     * either script tag type: {@link #numberOffset(ByteBuffer, String)} for type 18,
     * {@link Amf3ScriptData#numberOffset} for type 15.
     *
     * @param type {@link FlvTagType#SCRIPT} or {@link FlvTagType#SCRIPT_AMF3}
     * @param scriptBody the tag body; its position is not moved
     * @param key the property name
     * @return the offset of the double relative to the body's position, or -1
     * @throws org.rtmp4j.amf.AmfException if the AMF is malformed
     */
    public static int numberOffset(FlvTagType type, ByteBuffer scriptBody, String key) {
        return type == FlvTagType.SCRIPT_AMF3 ? Amf3ScriptData.numberOffset(scriptBody, key)
                : numberOffset(scriptBody, key);
    }

    /**
     * Extracts the properties from decoded data values, either the RTMP form
     * {@code ["@setDataFrame", "onMetaData", map]} or the FLV form {@code ["onMetaData", map]}.
     * The map may be an AMF0 object or ECMA array, or (after an AVM+ switch, AMF0 §3.1) an AMF3
     * object or array, converted by {@link Amf3ScriptData#toAmf0}.
     *
     * @param values the decoded AMF0 values of a data message or script tag
     * @return the properties map, or an empty map if the values are not {@code onMetaData}
     */
    public static Map<String, Object> metadata(List<Object> values) {
        int i = !values.isEmpty() && SET_DATA_FRAME.equals(values.get(0)) ? 1 : 0;
        if (values.size() >= i + 2 && ON_META_DATA.equals(values.get(i))) {
            Map<String, Object> props = Amf3ScriptData.properties(values.get(i + 1));
            if (props != null) {
                return props;
            }
        }
        return Collections.emptyMap();
    }

    /**
     * Builds the RTMP data message values {@code ["@setDataFrame", "onMetaData", ecmaArray]}.
     *
     * @param metadata the properties
     * @return a new mutable list, ready for {@code Amf0.encode(list.toArray())}
     */
    public static List<Object> setDataFrame(Map<String, ?> metadata) {
        List<Object> values = new ArrayList<>(3);
        values.add(SET_DATA_FRAME);
        values.add(ON_META_DATA);
        values.add(new AmfEcmaArray(metadata));
        return values;
    }

    /**
     * Converts RTMP data message values to an FLV script tag body: a leading
     * {@code "@setDataFrame"} is dropped and the rest is encoded in AMF0.
     *
     * @param values decoded data message values
     * @return a new buffer holding the script tag body
     */
    public static ByteBuffer toScriptTagBody(List<Object> values) {
        int from = !values.isEmpty() && SET_DATA_FRAME.equals(values.get(0)) ? 1 : 0;
        return Amf0.encode(values.subList(from, values.size()).toArray());
    }

    /**
     * Encodes an FLV {@code onMetaData} script tag body: AMF0 string {@code "onMetaData"}
     * ({@code 02 00 0A "onMetaData"}, 13 bytes), then an ECMA array (marker {@code 08}, UI32
     * approximate count, for each entry a UI16-length UTF-8 key and an AMF0 value, end marker
     * {@code 00 00 09}) in the map's iteration order (AMF0 §2.10).
     *
     * @param metadata the properties
     * @return a new buffer, position 0
     * @throws IllegalArgumentException if a key is longer than 65,535 UTF-8 bytes
     * @throws org.rtmp4j.amf.AmfException if a value cannot be encoded
     */
    public static ByteBuffer encodeOnMetaData(Map<String, ?> metadata) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        put(out, Amf0.encode(ON_META_DATA));
        out.write(Amf0.ECMA_ARRAY);
        int count = metadata.size();
        out.write(count >>> 24);
        out.write(count >>> 16);
        out.write(count >>> 8);
        out.write(count);
        for (Map.Entry<String, ?> e : metadata.entrySet()) {
            byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
            if (key.length > 0xFFFF) {
                throw new IllegalArgumentException("metadata key longer than 65535 bytes");
            }
            out.write(key.length >>> 8);
            out.write(key.length);
            out.write(key, 0, key.length);
            put(out, Amf0.encode(e.getValue()));
        }
        out.write(0);
        out.write(0);
        out.write(Amf0.OBJECT_END);
        return ByteBuffer.wrap(out.toByteArray());
    }

    /**
     * Finds the 8-byte double of a top-level number property in an {@code onMetaData} body, so
     * it can be overwritten in place (used by {@code FlvWriter} to patch {@code duration} and
     * {@code filesize}).
     *
     * @param scriptBody an {@code onMetaData} script tag body; its position is not moved
     * @param key the property name
     * @return the offset of the IEEE-754 double relative to the body's position (just after the
     *     number marker {@code 00}), or -1 if the key is absent, not a number, or the body is
     *     not {@code onMetaData} followed by an ECMA array or object
     * @throws org.rtmp4j.amf.AmfException if the AMF0 is malformed
     */
    public static int numberOffset(ByteBuffer scriptBody, String key) {
        int[] span = valueSpan(scriptBody, key);
        if (span == null || scriptBody.get(scriptBody.position() + span[0]) != Amf0.NUMBER) {
            return -1;
        }
        return span[0] + 1;
    }

    /**
     * Finds the encoded value of a top-level property in an {@code onMetaData} body: the bytes
     * from its AMF0 marker to the end of the value (used by {@code FlvWriter} to rewrite the
     * {@code keyframes} object in place).
     *
     * @param scriptBody an {@code onMetaData} script tag body; its position is not moved
     * @param key the property name
     * @return {start, end} offsets relative to the body's position, or {@code null} if the key
     *     is absent or the body is not {@code onMetaData} followed by an ECMA array or object
     * @throws org.rtmp4j.amf.AmfException if the AMF0 is malformed
     */
    public static int[] valueSpan(ByteBuffer scriptBody, String key) {
        ByteBuffer b = scriptBody.slice();
        if (!ON_META_DATA.equals(new Amf0Reader(b).readValue()) || !b.hasRemaining()) {
            return null;
        }
        int marker = b.get() & 0xFF;
        if (marker == Amf0.ECMA_ARRAY) {
            if (b.remaining() < 4) {
                return null;
            }
            b.getInt();
        } else if (marker != Amf0.OBJECT) {
            return null;
        }
        byte[] wanted = key.getBytes(StandardCharsets.UTF_8);
        while (b.remaining() >= 3) {
            int len = b.getShort() & 0xFFFF;
            if (len == 0 && (b.get(b.position()) & 0xFF) == Amf0.OBJECT_END) {
                return null;
            }
            byte[] name = new byte[Math.min(len, b.remaining())];
            b.get(name);
            int start = b.position();
            new Amf0Reader(b).readValue();
            if (java.util.Arrays.equals(name, wanted)) {
                return new int[] {start, b.position()};
            }
        }
        return null;
    }

    private static void put(ByteArrayOutputStream out, ByteBuffer b) {
        if (b.hasArray()) {
            out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
        } else {
            byte[] a = new byte[b.remaining()];
            b.duplicate().get(a);
            out.write(a, 0, a.length);
        }
    }
}
