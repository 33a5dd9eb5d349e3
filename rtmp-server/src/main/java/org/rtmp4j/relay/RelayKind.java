package org.rtmp4j.relay;

import java.util.Locale;

/** What a relay does; its {@link #label()} is the name the HTTP API and the CLI use. */
public enum RelayKind {
    /** Publishes a local stream to another server: an output of the hub. */
    PUSH,
    /** Plays a stream from another server and publishes it locally: an input of the hub. */
    PULL,
    /** Runs a supervised external process per published stream. */
    EXEC;

    /** @return the lower-case name, e.g. {@code push} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param label a {@link #label()}, case-insensitive
     * @return the kind
     * @throws IllegalArgumentException when {@code label} names no kind
     */
    public static RelayKind fromLabel(String label) {
        for (RelayKind kind : values()) {
            if (kind.label().equalsIgnoreCase(label)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown relay kind '" + label + "' (push, pull or exec)");
    }
}
