package org.rtmp4j.amf;

/**
 * Bounds applied while decoding AMF, so that hostile input yields an {@link AmfException} rather
 * than unbounded recursion or allocation.
 *
 * <p>Used by {@link Amf0Reader} and {@link Amf3Reader} (an AVM+ switch shares its AMF0 reader's
 * budget); the writers use only {@code maxDepth}.
 *
 * @param maxDepth maximum nesting depth of objects and arrays (AMF3: also object Vectors and
 *     Dictionaries) (default 64)
 * @param maxElements maximum number of values decoded from one buffer, counting every nested value
 *     and every element of an AMF3 int/uint/double Vector (default 65,536); an AMF0 reference to a
 *     complete value counts that value's values again (AMF0 §2.9, see {@link Amf0Reader})
 * @param maxStringBytes maximum UTF-8 byte length of one string (default 16 MiB, the largest RTMP
 *     message); in AMF3 also of one XML, XMLDocument or ByteArray; in AMF0 also the expanded size of
 *     the input once every reference to a complete value is counted as a copy of it
 */
public record AmfLimits(int maxDepth, int maxElements, int maxStringBytes) {
    /** Defaults: depth 64, 65,536 elements, 16 MiB strings. */
    public static final AmfLimits DEFAULT = new AmfLimits(64, 65_536, 16 * 1024 * 1024);

    /**
     * Validates that every bound is positive.
     *
     * @param maxDepth maximum nesting depth; an outermost object or array has depth 1
     * @param maxElements maximum number of values decoded by one reader, nested values included
     * @param maxStringBytes maximum declared UTF-8 byte length of one string, property name, class
     *     name, long string or XML document
     * @throws IllegalArgumentException if a bound is zero or negative
     */
    public AmfLimits {
        if (maxDepth <= 0 || maxElements <= 0 || maxStringBytes <= 0) {
            throw new IllegalArgumentException("AMF limits must be positive");
        }
    }
}
