package org.rtmp4j.amf;

import java.util.Collection;
import java.util.Map;

/** Helpers for the AMF fuzz tests: bounds the size of a decoded value graph before re-encoding it. */
final class AmfGraphs {
    private AmfGraphs() {}

    /**
     * Counts the nodes of {@code value} expanded as a tree (a shared or cyclic instance counts each
     * time it is reached), stopping once {@code budget} is used up. The AMF0 writer never emits
     * references, so this is how many values it would write; a few shared instances can expand
     * exponentially, so a fuzz target re-encodes only values whose tree fits a small budget.
     *
     * @return the budget left, negative once it is exhausted
     */
    static int remainingAfter(Object value, int budget) {
        budget--;
        if (budget < 0) {
            return budget;
        }
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                budget = remainingAfter(e.getValue(), budget);
                if (budget < 0) {
                    return budget;
                }
            }
        } else if (value instanceof Collection<?> c) {
            for (Object o : c) {
                budget = remainingAfter(o, budget);
                if (budget < 0) {
                    return budget;
                }
            }
        } else if (value instanceof Object[] a) {
            for (Object o : a) {
                budget = remainingAfter(o, budget);
                if (budget < 0) {
                    return budget;
                }
            }
        } else if (value instanceof AmfTypedObject t) {
            budget = remainingAfter(t.properties(), budget);
        } else if (value instanceof Amf3Object o) {
            budget = remainingAfter(o.sealedMembers(), budget);
            if (budget >= 0) {
                budget = remainingAfter(o.dynamicMembers(), budget);
            }
        } else if (value instanceof Amf3Array a) {
            budget = remainingAfter(a.dense(), budget);
            if (budget >= 0) {
                budget = remainingAfter(a.associative(), budget);
            }
        } else if (value instanceof Amf3Vector v) {
            budget = remainingAfter(v.values(), budget);
        } else if (value instanceof Amf3Dictionary d) {
            for (Amf3Dictionary.Entry e : d.entries()) {
                budget = remainingAfter(e.key(), budget);
                if (budget >= 0) {
                    budget = remainingAfter(e.value(), budget);
                }
                if (budget < 0) {
                    return budget;
                }
            }
        }
        return budget;
    }
}
