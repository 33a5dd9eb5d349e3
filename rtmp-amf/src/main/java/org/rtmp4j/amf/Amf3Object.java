package org.rtmp4j.amf;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An AMF3 object (marker 0x0A, AMF3 §3.12) that is not externalizable: anonymous (empty class
 * name) or typed, with its sealed members in trait order and, if the traits are dynamic, its dynamic
 * members in wire order. Decoding never instantiates a JVM class chosen by the data; the class name
 * is kept as text.
 *
 * <p>The decoder fills the (mutable, insertion-ordered) maps after it has entered the object into
 * the object reference table, so a cyclic graph decodes to a cyclic graph. The record's {@code
 * equals}, {@code hashCode} and {@code toString} are structural and do not terminate on cyclic
 * graphs. The {@link Amf3Writer} writes the traits (class name, dynamic flag, sealed member names
 * in the order of {@code sealedMembers}) and sends them by trait reference when an equal set was
 * written before.
 *
 * @param className the class alias as sent; {@code ""} for an anonymous object
 * @param dynamic whether the traits are dynamic (dynamic members follow the sealed members)
 * @param sealedMembers sealed member names and values, in trait order
 * @param dynamicMembers dynamic member names and values in wire order; must be empty unless
 *     {@code dynamic}
 */
public record Amf3Object(String className, boolean dynamic, Map<String, Object> sealedMembers, Map<String, Object> dynamicMembers) {
    /**
     * Validates the components.
     *
     * @param className the class alias, {@code ""} if anonymous
     * @param dynamic whether the traits are dynamic
     * @param sealedMembers the sealed members
     * @param dynamicMembers the dynamic members
     * @throws NullPointerException if the class name or a map is null
     */
    public Amf3Object {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(sealedMembers, "sealedMembers");
        Objects.requireNonNull(dynamicMembers, "dynamicMembers");
    }

    /**
     * Creates an anonymous dynamic object (class name {@code ""}, no sealed members), the shape
     * ActionScript gives a plain {@code Object}.
     *
     * @param members the dynamic members; copied into a new insertion-ordered map
     * @return the object
     */
    public static Amf3Object anonymous(Map<String, ?> members) {
        return new Amf3Object("", true, new LinkedHashMap<>(), new LinkedHashMap<>(members));
    }

    /**
     * Looks a member up, sealed members first, then dynamic members.
     *
     * @param name the member name
     * @return the value, or {@code null} if absent or null
     */
    public Object get(String name) {
        return sealedMembers.containsKey(name) ? sealedMembers.get(name) : dynamicMembers.get(name);
    }
}
