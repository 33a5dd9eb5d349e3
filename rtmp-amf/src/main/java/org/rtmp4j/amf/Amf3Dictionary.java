package org.rtmp4j.amf;

import java.util.List;
import java.util.Objects;

/**
 * An AMF3 Dictionary (marker 0x11, AMF3 §3.16): key/value pairs whose keys may be any AMF3 value,
 * kept as an ordered list because keys compare by identity in ActionScript and may repeat by
 * value. The decoder fills the (mutable) list after entering the dictionary into the object
 * reference table.
 *
 * @param weakKeys whether the Dictionary uses weakly referenced keys (the {@code weak-keys} U8 is
 *     0x01)
 * @param entries the entries in wire order
 */
public record Amf3Dictionary(boolean weakKeys, List<Entry> entries) {
    /**
     * Validates the components.
     *
     * @param weakKeys whether keys are weakly referenced
     * @param entries the entries in wire order
     * @throws NullPointerException if {@code entries} is null
     */
    public Amf3Dictionary {
        Objects.requireNonNull(entries, "entries");
    }

    /**
     * One Dictionary entry.
     *
     * @param key the entry key, any AMF3 value
     * @param value the entry value, any AMF3 value
     */
    public record Entry(Object key, Object value) {}
}
