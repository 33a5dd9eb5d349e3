package org.rtmp4j.live;

import java.util.List;
import java.util.Map;
import org.rtmp4j.core.message.DataMessage;
import org.rtmp4j.flv.media.ScriptData;

/**
 * Recognises the {@code onMetaData} data messages the relay caches: RTMP sends
 * {@code @setDataFrame, onMetaData, {...}} while FLV stores {@code onMetaData, {...}} (FLV 10.1
 * §E.5, "onMetaData"); {@code @clearDataFrame} forgets it.
 */
final class Metadata {
    static final String CLEAR_DATA_FRAME = "@clearDataFrame";

    private Metadata() {}

    /**
     * @param message a data message from a publisher
     * @return its properties map as decoded (e.g. an ECMA array, kept as is so players get the
     *     same AMF type; empty when onMetaData had no map), or {@code null} if not onMetaData
     */
    static Map<String, Object> extract(DataMessage message) {
        List<Object> values = message.values();
        int i = !values.isEmpty() && ScriptData.SET_DATA_FRAME.equals(values.get(0)) ? 1 : 0;
        if (values.size() <= i || !ScriptData.ON_META_DATA.equals(values.get(i))) {
            return null;
        }
        return ScriptData.metadata(values);
    }

    /** @return whether {@code message} is {@code @clearDataFrame} */
    static boolean isClear(DataMessage message) {
        return CLEAR_DATA_FRAME.equals(message.name());
    }
}
