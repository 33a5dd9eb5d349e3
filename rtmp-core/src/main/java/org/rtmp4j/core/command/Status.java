package org.rtmp4j.core.command;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The information object of an {@code onStatus} or {@code _error} reply (RTMP 1.0 §7.2.2): level,
 * code, description, plus any extra properties.
 *
 * @param level {@code "status"}, {@code "error"} or {@code "warning"}
 * @param code e.g. {@code NetStream.Publish.Start}; see {@link StatusCodes}
 * @param description human-readable text
 * @param extra further properties (e.g. {@code details}, {@code clientid}); may be empty
 */
public record Status(String level, String code, String description, Map<String, Object> extra) {
    /** Copies {@code extra}. */
    public Status {
        extra = Map.copyOf(extra);
    }

    /** @return a {@code level=status} object */
    public static Status status(String code, String description) {
        return new Status("status", code, description, Map.of());
    }

    /** @return a {@code level=error} object */
    public static Status error(String code, String description) {
        return new Status("error", code, description, Map.of());
    }

    /** @return a {@code level=warning} object */
    public static Status warning(String code, String description) {
        return new Status("warning", code, description, Map.of());
    }

    /** @return this status with {@code key=value} added to {@link #extra()} */
    public Status with(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(extra);
        m.put(key, value);
        return new Status(level, code, description, m);
    }

    /**
     * @return level, code, description and the names (not the values) of the extra properties: a peer's
     *     extra values may be cyclic or reference-heavy graphs that do not print in bounded time
     */
    @Override
    public String toString() {
        return "Status[level=" + level + ", code=" + code + ", description=" + description + ", extra=" + extra.keySet() + "]";
    }

    /** @return whether {@link #level()} is {@code error} */
    public boolean isError() {
        return "error".equals(level);
    }

    /** @return the AMF object: level, code, description, then the extra properties */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("level", level);
        m.put("code", code);
        m.put("description", description);
        m.putAll(extra);
        return m;
    }

    /**
     * @return a status read from an AMF info object; missing fields become empty strings, and so
     *     do level, code or description values that are not a string, number or boolean (a peer's
     *     object there may be a cyclic or reference-heavy graph whose {@code toString} would
     *     never end)
     */
    public static Status fromMap(Map<?, ?> info) {
        Map<String, Object> extra = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : info.entrySet()) {
            String k = String.valueOf(e.getKey());
            if (!k.equals("level") && !k.equals("code") && !k.equals("description") && e.getValue() != null) {
                extra.put(k, e.getValue());
            }
        }
        return new Status(str(info.get("level")), str(info.get("code")), str(info.get("description")), extra);
    }

    private static String str(Object o) {
        return o instanceof String || o instanceof Number || o instanceof Boolean ? o.toString() : "";
    }
}
