package org.rtmp4j.amf;

import java.util.Objects;
import java.util.List;
import java.util.Map;

/**
 * An AMF3 array (marker 0x09, AMF3 §3.11): its dense portion (ordinal indices 0..n-1) and its
 * associative portion (string keys, in wire order). On the wire the dense count comes first, then
 * the associative name/value pairs up to an empty name, then the dense values.
 *
 * <p>The decoder fills the (mutable) collections after entering the array into the object
 * reference table, so cycles are preserved; {@code equals}, {@code hashCode} and {@code toString}
 * are structural and do not terminate on cyclic graphs.
 *
 * @param dense the dense values in index order
 * @param associative the associative entries in wire order; names are never empty
 */
public record Amf3Array(List<Object> dense, Map<String, Object> associative) {
    /**
     * Validates the components.
     *
     * @param dense the dense values
     * @param associative the associative entries
     * @throws NullPointerException if a collection is null
     */
    public Amf3Array {
        Objects.requireNonNull(dense, "dense");
        Objects.requireNonNull(associative, "associative");
    }
}
