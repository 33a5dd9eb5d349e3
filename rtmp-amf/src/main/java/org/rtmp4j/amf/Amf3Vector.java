package org.rtmp4j.amf;

import java.util.List;
import java.util.Objects;

/**
 * An AMF3 Vector (markers 0x0D–0x10, AMF3 §3.15): a dense array whose elements share a base
 * type, with a fixed-length flag.
 *
 * <p>Element types: {@link Type#INT} holds {@code Integer}s (written as U32 two's complement),
 * {@link Type#UINT} holds {@code Long}s in 0..4,294,967,295 (U32), {@link Type#DOUBLE} holds
 * {@code Double}s (DOUBLE), {@link Type#OBJECT} holds any AMF3 value and has an object type name
 * ({@code "*"} for the ANY type). The writer accepts any {@code Number} for the numeric types.
 *
 * @param type the base type, selecting the marker
 * @param fixed whether the Vector is fixed-length (the {@code fixed-vector} U8 is 0x01)
 * @param objectTypeName the base type name of an object Vector, {@code null} for the numeric types
 * @param values the elements in index order
 */
public record Amf3Vector(Type type, boolean fixed, String objectTypeName, List<Object> values) {
    /**
     * Validates the components.
     *
     * @param type the base type
     * @param fixed whether fixed-length
     * @param objectTypeName the object base type name, or {@code null}
     * @param values the elements
     * @throws NullPointerException if {@code type} or {@code values} is null, or {@code
     *     objectTypeName} is null for {@link Type#OBJECT}
     * @throws IllegalArgumentException if {@code objectTypeName} is set for a numeric type
     */
    public Amf3Vector {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(values, "values");
        if (type == Type.OBJECT) {
            Objects.requireNonNull(objectTypeName, "objectTypeName");
        } else if (objectTypeName != null) {
            throw new IllegalArgumentException("objectTypeName is only for object Vectors");
        }
    }

    /** The Vector base type and its AMF3 marker. */
    public enum Type {
        /** vector-int-marker 0x0D, elements are {@code Integer}. */
        INT(Amf3.VECTOR_INT),
        /** vector-uint-marker 0x0E, elements are {@code Long} in the U32 range. */
        UINT(Amf3.VECTOR_UINT),
        /** vector-double-marker 0x0F, elements are {@code Double}. */
        DOUBLE(Amf3.VECTOR_DOUBLE),
        /** vector-object-marker 0x10, elements are any AMF3 value. */
        OBJECT(Amf3.VECTOR_OBJECT);

        private final int marker;

        Type(int marker) {
            this.marker = marker;
        }

        /** @return the AMF3 type marker of this Vector type */
        public int marker() {
            return marker;
        }
    }
}
