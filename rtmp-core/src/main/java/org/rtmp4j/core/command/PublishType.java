package org.rtmp4j.core.command;

/** The publishing type argument of {@code publish} (RTMP 1.0 §7.2.2.6). */
public enum PublishType {
    /** Live data, not recorded. */
    LIVE,
    /** Recorded to a new file. */
    RECORD,
    /** Appended to an existing recording. */
    APPEND;

    /** @return the type for the wire string (case-insensitive); {@code null} or unknown → {@link #LIVE} */
    public static PublishType of(String value) {
        if (value == null) {
            return LIVE;
        }
        switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "record":
                return RECORD;
            case "append":
                return APPEND;
            default:
                return LIVE;
        }
    }

    /** @return the wire string: {@code live}, {@code record} or {@code append} */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
