package org.rtmp4j.live;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rtmp4j.core.message.DataMessage;

/**
 * Reads the {@code onMetaData} object of a data message: RTMP sends
 * {@code @setDataFrame, onMetaData, {...}} while FLV stores {@code onMetaData, {...}} (FLV 10.1
 * §E.5, "onMetaData").
 */
final class Metadata {
    static final String SET_DATA_FRAME = "@setDataFrame";
    static final String CLEAR_DATA_FRAME = "@clearDataFrame";
    static final String ON_METADATA = "onMetaData";

    private Metadata() {}

    /** @return an unmodifiable copy of the metadata object (string keys, nulls kept), or {@code null} if not onMetaData */
    static Map<String, Object> extract(DataMessage message) {
        List<Object> values = message.values();
        int i = 0;
        if (i < values.size() && SET_DATA_FRAME.equals(values.get(i))) {
            i++;
        }
        if (i >= values.size() || !ON_METADATA.equals(values.get(i))) {
            return null;
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        if (i + 1 < values.size() && values.get(i + 1) instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                copy.put(String.valueOf(e.getKey()), e.getValue());
            }
        }
        return Collections.unmodifiableMap(copy);
    }

    /** @return whether {@code message} is {@code @clearDataFrame} */
    static boolean isClear(DataMessage message) {
        return CLEAR_DATA_FRAME.equals(message.name());
    }
}
