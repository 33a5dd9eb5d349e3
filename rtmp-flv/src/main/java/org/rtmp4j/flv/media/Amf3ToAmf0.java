package org.rtmp4j.flv.media;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rtmp4j.amf.Amf3Array;
import org.rtmp4j.amf.Amf3Dictionary;
import org.rtmp4j.amf.Amf3Object;
import org.rtmp4j.amf.Amf3Vector;
import org.rtmp4j.amf.Amf3Xml;
import org.rtmp4j.amf.AmfEcmaArray;
import org.rtmp4j.amf.AmfException;
import org.rtmp4j.amf.AmfLimits;
import org.rtmp4j.amf.AmfXmlDocument;

/**
 * One conversion of {@link Amf3ScriptData#toAmf0(Object, AmfLimits)}: AMF3 object references
 * (AMF3 §2.2) let a few bytes name the same object many times, but AMF0 has no reference to a
 * value inside another AVM+ switch and {@code Amf0Writer} writes shared values out in full, so the
 * conversion copies every occurrence. Every occurrence therefore counts against the budget: values
 * against {@code maxElements}, UTF-8 bytes of strings, property names, XML and ByteArrays against
 * {@code maxStringBytes}. The work done is bounded by those two limits whatever the graph. Values
 * the AMF0 writer emits behind an AVM+ switch (Vectors, Dictionaries) are returned as they are but
 * walked for the count. Not thread-safe; one instance per conversion.
 */
final class Amf3ToAmf0 {
    private final AmfLimits limits;
    /** The containers on the path from the root to the value being converted (cycle detection). */
    private final IdentityHashMap<Object, Boolean> path = new IdentityHashMap<>();
    private long values;
    private long bytes;

    Amf3ToAmf0(AmfLimits limits) {
        this.limits = limits;
    }

    Object convert(Object v) {
        count(v);
        if (v instanceof Integer) {
            return ((Integer) v).doubleValue();
        }
        if (v instanceof Amf3Vector || v instanceof Amf3Dictionary) {
            walkAmf3Only(v);
            return v;
        }
        if (!(v instanceof Amf3Object || v instanceof Amf3Array || v instanceof Map
                || v instanceof List)) {
            return v;
        }
        if (path.put(v, Boolean.TRUE) != null) {
            throw new AmfException(-1, "cyclic AMF3 value cannot be written as AMF0");
        }
        try {
            if (v instanceof Amf3Object o) {
                AmfEcmaArray m = new AmfEcmaArray();
                putAll(m, o.sealedMembers());
                putAll(m, o.dynamicMembers());
                return m;
            }
            if (v instanceof Amf3Array a) {
                if (a.associative().isEmpty()) {
                    return convertList(a.dense());
                }
                AmfEcmaArray m = new AmfEcmaArray();
                putAll(m, a.associative());
                for (int i = 0; i < a.dense().size(); i++) {
                    m.put(Integer.toString(i), convert(a.dense().get(i)));
                }
                return m;
            }
            if (v instanceof List<?> list) {
                return convertList(list);
            }
            Map<String, Object> m = v instanceof AmfEcmaArray ? new AmfEcmaArray() : new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                String key = String.valueOf(e.getKey());
                addBytes(key);
                m.put(key, convert(e.getValue()));
            }
            return m;
        } finally {
            path.remove(v);
        }
    }

    private List<Object> convertList(List<?> list) {
        List<Object> out = new ArrayList<>(Math.min(list.size(), limits.maxElements()));
        for (Object o : list) {
            out.add(convert(o));
        }
        return out;
    }

    private void putAll(Map<String, Object> to, Map<String, Object> from) {
        for (Map.Entry<String, Object> e : from.entrySet()) {
            addBytes(e.getKey());
            to.put(e.getKey(), convert(e.getValue()));
        }
    }

    /**
     * Counts the contents of a value the AMF0 writer emits behind an AVM+ switch. Inside one switch
     * AMF3 references apply again, so a cycle here is legal and is simply not followed.
     */
    private void walkAmf3Only(Object v) {
        if (!(v instanceof Amf3Vector || v instanceof Amf3Dictionary || v instanceof Amf3Object
                || v instanceof Amf3Array || v instanceof List || v instanceof Map)) {
            return;
        }
        if (path.put(v, Boolean.TRUE) != null) {
            return;
        }
        try {
            if (v instanceof Amf3Vector vec) {
                for (Object o : vec.values()) {
                    walkCounted(o);
                }
            } else if (v instanceof Amf3Dictionary d) {
                for (Amf3Dictionary.Entry e : d.entries()) {
                    walkCounted(e.key());
                    walkCounted(e.value());
                }
            } else if (v instanceof Amf3Object o) {
                walkMembers(o.sealedMembers());
                walkMembers(o.dynamicMembers());
            } else if (v instanceof Amf3Array a) {
                walkMembers(a.associative());
                for (Object o : a.dense()) {
                    walkCounted(o);
                }
            } else if (v instanceof List<?> list) {
                for (Object o : list) {
                    walkCounted(o);
                }
            } else if (v instanceof Map<?, ?> m) {
                walkMembers(m);
            }
        } finally {
            path.remove(v);
        }
    }

    private void walkMembers(Map<?, ?> members) {
        for (Map.Entry<?, ?> e : members.entrySet()) {
            addBytes(String.valueOf(e.getKey()));
            walkCounted(e.getValue());
        }
    }

    private void walkCounted(Object v) {
        count(v);
        walkAmf3Only(v);
    }

    /** Counts one occurrence of a value and, for text and ByteArrays, its bytes. */
    private void count(Object v) {
        if (++values > limits.maxElements()) {
            throw new AmfException(-1, "AMF3 value expands to more than " + limits.maxElements()
                    + " values as AMF0 (maxElements); its object references are copied");
        }
        if (v instanceof String s) {
            addBytes(s);
        } else if (v instanceof byte[] b) {
            addBytes(b.length);
        } else if (v instanceof Amf3Xml x) {
            addBytes(x.xml());
        } else if (v instanceof AmfXmlDocument x && x.xml() != null) {
            addBytes(x.xml());
        }
    }

    private void addBytes(String s) {
        addBytes(utf8Length(s));
    }

    private void addBytes(long n) {
        bytes += n;
        if (bytes > limits.maxStringBytes()) {
            throw new AmfException(-1, "AMF3 value expands to more than " + limits.maxStringBytes()
                    + " bytes of text as AMF0 (maxStringBytes); its string and object references are copied");
        }
    }

    private static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
