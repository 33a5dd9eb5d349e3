package org.rtmp4j.core.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rtmp4j.core.RtmpProtocolException;

/**
 * The Enhanced RTMP capabilities exchanged in the {@code connect} command object and in the
 * properties object of its {@code _result} (E-RTMP v2, "Enhancing NetConnection connect
 * Command"). Clients announce them in {@code connect}; servers answer with theirs. Immutable and
 * thread-safe.
 *
 * <p>Properties:
 *
 * <ul>
 *   <li>{@code fourCcList}: strict array of FourCC strings (e.g. {@code "avc1"}, {@code "hvc1"},
 *       {@code "Opus"}), or {@code "*"} for any codec. The original E-RTMP property.
 *   <li>{@code videoFourCcInfoMap}, {@code audioFourCcInfoMap}: object (or, when read, ECMA array)
 *       from FourCC to a number of {@code FourCcInfoMask} bits: {@link #CAN_DECODE} 0x01, {@link
 *       #CAN_ENCODE} 0x02, {@link #CAN_FORWARD} 0x04. The key {@code "*"} applies to every codec and
 *       overrides the flags of specific codecs.
 *   <li>{@code capsEx}: number of {@code CapsExMask} bits: {@link #CAPS_RECONNECT} 0x01, {@link
 *       #CAPS_MULTITRACK} 0x02, {@link #CAPS_MOD_EX} 0x04, {@link #CAPS_TIMESTAMP_NANO_OFFSET} 0x08.
 * </ul>
 *
 * @param fourCcList announced FourCCs in wire order; empty when absent
 * @param videoFourCcInfoMap video FourCC → FourCcInfoMask bits in wire order; empty when absent
 * @param audioFourCcInfoMap audio FourCC → FourCcInfoMask bits in wire order; empty when absent
 * @param capsEx CapsExMask bits; 0 when absent
 */
public record EnhancedCapabilities(
        List<String> fourCcList,
        Map<String, Integer> videoFourCcInfoMap,
        Map<String, Integer> audioFourCcInfoMap,
        int capsEx) {

    /** FourCcInfoMask.CanDecode: the peer can decode the codec. */
    public static final int CAN_DECODE = 0x01;
    /** FourCcInfoMask.CanEncode: the peer can encode the codec. */
    public static final int CAN_ENCODE = 0x02;
    /** FourCcInfoMask.CanForward: the peer can forward the codec without decoding it. */
    public static final int CAN_FORWARD = 0x04;
    /** CapsExMask.Reconnect: supports {@code NetConnection.Connect.ReconnectRequest}. */
    public static final int CAPS_RECONNECT = 0x01;
    /** CapsExMask.Multitrack: supports multitrack audio and video. */
    public static final int CAPS_MULTITRACK = 0x02;
    /** CapsExMask.ModEx: can parse the ModEx signal. */
    public static final int CAPS_MOD_EX = 0x04;
    /** CapsExMask.TimestampNanoOffset: supports the nanosecond timestamp offset. */
    public static final int CAPS_TIMESTAMP_NANO_OFFSET = 0x08;
    /** The FourCC wildcard: any codec. */
    public static final String WILDCARD = "*";

    /** Nothing announced: what a legacy (non-enhanced) peer has. */
    public static final EnhancedCapabilities NONE = new EnhancedCapabilities(List.of(), Map.of(), Map.of(), 0);

    /**
     * Copies the collections into unmodifiable ones, keeping their order.
     *
     * @param fourCcList announced FourCCs
     * @param videoFourCcInfoMap video FourCC → FourCcInfoMask bits
     * @param audioFourCcInfoMap audio FourCC → FourCcInfoMask bits
     * @param capsEx CapsExMask bits
     */
    public EnhancedCapabilities {
        fourCcList = List.copyOf(fourCcList);
        videoFourCcInfoMap = Collections.unmodifiableMap(new LinkedHashMap<>(videoFourCcInfoMap));
        audioFourCcInfoMap = Collections.unmodifiableMap(new LinkedHashMap<>(audioFourCcInfoMap));
    }

    /**
     * Reads the four properties from a connect command object or connect {@code _result} properties
     * object. Missing properties take their empty value. Maps may be AMF0 objects, ECMA arrays or
     * (after an AVM+ switch) AMF3 objects or associative arrays; the list may be a strict array or
     * an AMF3 dense array; numbers may be {@code Double} or AMF3 {@code Integer} and are truncated to
     * {@code int}. Other properties are ignored.
     *
     * @param commandObject the command object; {@code null} gives {@link #NONE}
     * @return the capabilities
     * @throws RtmpProtocolException (offset -1) if {@code fourCcList} is present but not an array of
     *     strings, an info map is present but not an object or has a non-number value, or {@code
     *     capsEx} is present but not a number
     */
    public static EnhancedCapabilities from(Map<?, ?> commandObject) {
        if (commandObject == null) {
            return NONE;
        }
        return new EnhancedCapabilities(
                stringList(commandObject.get("fourCcList")),
                infoMap("videoFourCcInfoMap", commandObject.get("videoFourCcInfoMap")),
                infoMap("audioFourCcInfoMap", commandObject.get("audioFourCcInfoMap")),
                capsEx(commandObject.get("capsEx")));
    }

    /** @return whether nothing at all was announced (a legacy peer) */
    public boolean isEmpty() {
        return fourCcList.isEmpty() && videoFourCcInfoMap.isEmpty() && audioFourCcInfoMap.isEmpty() && capsEx == 0;
    }

    /**
     * Whether the peer accepts video in {@code fourCc}: it is in {@link #fourCcList()} (or the list
     * holds {@code "*"}), or its {@link #videoFourCcInfoMap()} flags (the {@code "*"} entry's when
     * present, which overrides) include {@link #CAN_DECODE} or {@link #CAN_FORWARD}.
     *
     * @param fourCc a video FourCC such as {@code "hvc1"}
     * @return whether the peer can take that codec
     */
    public boolean supportsVideo(String fourCc) {
        return inList(fourCc) || accepts(videoFourCcInfoMap, fourCc);
    }

    /**
     * Like {@link #supportsVideo(String)} for audio: {@link #fourCcList()} or {@link
     * #audioFourCcInfoMap()}.
     *
     * @param fourCc an audio FourCC such as {@code "Opus"}
     * @return whether the peer can take that codec
     */
    public boolean supportsAudio(String fourCc) {
        return inList(fourCc) || accepts(audioFourCcInfoMap, fourCc);
    }

    /**
     * @param mask one or more CapsExMask bits, e.g. {@link #CAPS_MULTITRACK}
     * @return whether every bit of {@code mask} is set in {@link #capsEx()}
     */
    public boolean hasCapsEx(int mask) {
        return (capsEx & mask) == mask;
    }

    /**
     * Writes these capabilities into a connect command object (client) or connect {@code _result}
     * properties object (server): {@code fourCcList} as a strict array and the two info maps as
     * AMF objects with {@code Double} values, each only when non-empty; {@code capsEx} as a {@code
     * Double}, always. Existing entries of the same names are replaced.
     *
     * @param commandObject the mutable object to add to
     */
    public void writeTo(Map<String, Object> commandObject) {
        if (!fourCcList.isEmpty()) {
            commandObject.put("fourCcList", new ArrayList<Object>(fourCcList));
        }
        if (!videoFourCcInfoMap.isEmpty()) {
            commandObject.put("videoFourCcInfoMap", doubles(videoFourCcInfoMap));
        }
        if (!audioFourCcInfoMap.isEmpty()) {
            commandObject.put("audioFourCcInfoMap", doubles(audioFourCcInfoMap));
        }
        commandObject.put("capsEx", (double) capsEx);
    }

    private boolean inList(String fourCc) {
        return fourCcList.contains(fourCc) || fourCcList.contains(WILDCARD);
    }

    private static boolean accepts(Map<String, Integer> map, String fourCc) {
        return takes(map.get(WILDCARD)) || takes(map.get(fourCc));
    }

    private static boolean takes(Integer flags) {
        return flags != null && (flags & (CAN_DECODE | CAN_FORWARD)) != 0;
    }

    private static Map<String, Object> doubles(Map<String, Integer> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, (double) v));
        return out;
    }

    private static List<String> stringList(Object v) {
        if (v == null) {
            return List.of();
        }
        List<?> list = CommandArgs.asList(v);
        if (list == null) {
            throw malformed("fourCcList is " + CommandArgs.describe(v) + ", expected a strict array");
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof String s)) {
                throw malformed("fourCcList element is " + CommandArgs.describe(o) + ", expected a string");
            }
            out.add(s);
        }
        return out;
    }

    private static Map<String, Integer> infoMap(String name, Object v) {
        if (v == null) {
            return Map.of();
        }
        Map<String, Object> map = CommandArgs.asMap(v);
        if (map == null) {
            throw malformed(name + " is " + CommandArgs.describe(v) + ", expected an object");
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : map.entrySet()) {
            if (!(e.getValue() instanceof Number n)) {
                throw malformed(name + "['" + e.getKey() + "'] is " + CommandArgs.describe(e.getValue())
                        + ", expected a number");
            }
            out.put(e.getKey(), n.intValue());
        }
        return out;
    }

    private static int capsEx(Object v) {
        if (v == null) {
            return 0;
        }
        if (!(v instanceof Number n)) {
            throw malformed("capsEx is " + CommandArgs.describe(v) + ", expected a number");
        }
        return n.intValue();
    }

    private static RtmpProtocolException malformed(String reason) {
        return new RtmpProtocolException(-1, "connect command object: " + reason);
    }
}
