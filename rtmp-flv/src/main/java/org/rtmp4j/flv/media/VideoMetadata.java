package org.rtmp4j.flv.media;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rtmp4j.amf.Amf0;
import org.rtmp4j.amf.AmfException;
import org.rtmp4j.amf.AmfLimits;
import org.rtmp4j.flv.FlvFormatException;

/**
 * The payload of an E-RTMP video {@code Metadata} packet (E-RTMP v2, Metadata Frame): AMF0
 * encoded [name, value] pairs; the only defined pair is {@code ["colorInfo", Object]}, described
 * by {@link ColorInfo}. A {@code colorInfo} of Undefined or {} resets the colour state.
 *
 * <p>Immutable; the values are as decoded by the AMF0 reader.
 *
 * @param entries the name/value pairs in payload order (a later duplicate name wins)
 */
public record VideoMetadata(Map<String, Object> entries) {

    /** The name of the HDR colour information entry. */
    public static final String COLOR_INFO = "colorInfo";

    /** Limits used to decode metadata: depth 8, 1,024 values, 64 KiB strings. */
    public static final AmfLimits LIMITS = new AmfLimits(8, 1024, 64 * 1024);

    /**
     * Wraps the entries unmodifiably.
     *
     * @param entries the pairs
     */
    public VideoMetadata {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /**
     * Decodes the metadata payload (the body after the video tag header, see
     * {@link VideoTagHeader#headerSize()}).
     *
     * @param payload AMF0 values; position kept
     * @return the pairs
     * @throws FlvFormatException if the AMF0 is malformed or exceeds {@link #LIMITS} (the offset
     *     is within the payload), or a name is not a string
     */
    public static VideoMetadata parse(ByteBuffer payload) throws FlvFormatException {
        List<Object> values;
        try {
            values = Amf0.decode(payload.duplicate(), LIMITS);
        } catch (AmfException e) {
            throw new FlvFormatException(e.offset(), "video Metadata AMF0: " + e.getMessage());
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < values.size(); i += 2) {
            if (!(values.get(i) instanceof String)) {
                throw new FlvFormatException(-1, "video Metadata: name " + i / 2
                        + " is not a string");
            }
            map.put((String) values.get(i), values.get(i + 1));
        }
        return new VideoMetadata(map);
    }

    /**
     * Returns the {@code colorInfo} entry as a typed value.
     *
     * @return the colour info, {@link ColorInfo#EMPTY} when the entry is Undefined, null or {}
     *     (a reset), or {@code null} when there is no {@code colorInfo} entry
     */
    public ColorInfo colorInfo() {
        if (!entries.containsKey(COLOR_INFO)) {
            return null;
        }
        Object v = entries.get(COLOR_INFO);
        return v instanceof Map ? ColorInfo.of((Map<?, ?>) v) : ColorInfo.EMPTY;
    }
}
