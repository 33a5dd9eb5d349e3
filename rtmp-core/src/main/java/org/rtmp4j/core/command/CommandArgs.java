package org.rtmp4j.core.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rtmp4j.amf.Amf3Array;
import org.rtmp4j.amf.Amf3Object;
import org.rtmp4j.core.RtmpProtocolException;
import org.rtmp4j.core.message.CommandMessage;

/**
 * Shared argument access for the typed command views. Values may come from AMF0 or, in AMF3
 * command messages (type 17), from AVM+-switched AMF3 values (AMF0 §3.1): an AMF3 object ({@link
 * Amf3Object}) counts as an object, an AMF3 array ({@link Amf3Array}) with only a dense part as a
 * strict array and one with an associative part as an object, and AMF3 integers as numbers.
 * Stateless.
 */
final class CommandArgs {
    private CommandArgs() {}

    /** @return argument {@code index} as a string; @throws RtmpProtocolException if absent or not a string */
    static String requireString(CommandMessage m, int index, String what) {
        Object v = m.argument(index);
        if (!(v instanceof String s)) {
            throw malformed(m, what + " (argument " + index + ") is " + describe(v) + ", expected a string");
        }
        return s;
    }

    /** @return argument {@code index} as a number; @throws RtmpProtocolException if absent or not a number */
    static double requireNumber(CommandMessage m, int index, String what) {
        Object v = m.argument(index);
        if (!(v instanceof Number n)) {
            throw malformed(m, what + " (argument " + index + ") is " + describe(v) + ", expected a number");
        }
        return n.doubleValue();
    }

    /** @return argument {@code index} as a number, or {@code def} when absent or not a number */
    static double optionalNumber(CommandMessage m, int index, double def) {
        return m.argument(index) instanceof Number n ? n.doubleValue() : def;
    }

    /** @return argument {@code index} as a boolean; @throws RtmpProtocolException if absent or not a boolean */
    static boolean requireBoolean(CommandMessage m, int index, String what) {
        Object v = m.argument(index);
        if (!(v instanceof Boolean b)) {
            throw malformed(m, what + " (argument " + index + ") is " + describe(v) + ", expected a boolean");
        }
        return b;
    }

    /** @return argument {@code index} as an object (see {@link #asMap}); @throws RtmpProtocolException if not one */
    static Map<String, Object> requireObject(CommandMessage m, int index, String what) {
        Object v = m.argument(index);
        Map<String, Object> map = asMap(v);
        if (map == null) {
            throw malformed(m, what + " (argument " + index + ") is " + describe(v) + ", expected an object");
        }
        return map;
    }

    /**
     * @return {@code v} as a string-keyed map in wire order: an AMF0 object or ECMA array as is
     *     (keys converted with {@code String.valueOf}), an {@link Amf3Object}'s sealed then dynamic
     *     members, an {@link Amf3Array}'s associative part when it has one and no dense part;
     *     otherwise {@code null}
     */
    static Map<String, Object> asMap(Object v) {
        Map<?, ?> source;
        if (v instanceof Map<?, ?> m) {
            source = m;
        } else if (v instanceof Amf3Object o) {
            Map<String, Object> out = new LinkedHashMap<>(o.sealedMembers());
            out.putAll(o.dynamicMembers());
            return out;
        } else if (v instanceof Amf3Array a && a.dense().isEmpty()) {
            source = a.associative();
        } else {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : source.entrySet()) {
            out.put(String.valueOf(e.getKey()), e.getValue());
        }
        return out;
    }

    /** @return {@code v} as a list: an AMF0 strict array, or an {@link Amf3Array}'s dense part when it has no associative part; otherwise {@code null} */
    static List<?> asList(Object v) {
        if (v instanceof List<?> l) {
            return l;
        }
        if (v instanceof Amf3Array a && a.associative().isEmpty()) {
            return a.dense();
        }
        return null;
    }

    /** @return {@code [name, query]}: the parts before and after the first {@code ?}; query {@code ""} if none */
    static String[] splitQuery(String nameAndQuery) {
        int q = nameAndQuery.indexOf('?');
        return q < 0
                ? new String[] {nameAndQuery, ""}
                : new String[] {nameAndQuery.substring(0, q), nameAndQuery.substring(q + 1)};
    }

    static RtmpProtocolException malformed(CommandMessage m, String reason) {
        return new RtmpProtocolException(-1, "command message: '" + m.name() + "' " + reason);
    }

    static String describe(Object v) {
        return v == null ? "missing or null" : v.getClass().getSimpleName();
    }
}
