package org.rtmp4j.examples;

import java.util.Map;

/**
 * A minimal JSON writer (RFC 8259) for the command line's {@code --json} output, so the examples need no JSON
 * library. Maps become objects (keys via {@code String.valueOf}, in iteration order), {@code Iterable}s become
 * arrays, {@code Number}s numbers (NaN and infinities, which JSON lacks, become {@code null}), {@code Boolean}s
 * and {@code null} themselves; anything else is written as the JSON string of its {@code toString()}. Stateless.
 */
final class Json {
    private Json() {}

    /**
     * Encodes a value on one line.
     *
     * @param value a map, iterable, number, boolean, string, other object or {@code null}
     * @return the JSON text
     * @throws IllegalArgumentException if the value nests deeper than 64 levels (a cycle, most likely)
     */
    static String write(Object value) {
        StringBuilder b = new StringBuilder(256);
        write(b, value, 0);
        return b.toString();
    }

    private static void write(StringBuilder b, Object v, int depth) {
        if (depth > 64) {
            throw new IllegalArgumentException("JSON value nests deeper than 64 levels");
        }
        if (v == null) {
            b.append("null");
        } else if (v instanceof Boolean) {
            b.append(v);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            b.append(Double.isNaN(d) || Double.isInfinite(d) ? "null" : v.toString());
        } else if (v instanceof Number) {
            b.append(v);
        } else if (v instanceof Map) {
            b.append('{');
            String sep = "";
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                b.append(sep);
                string(b, String.valueOf(e.getKey()));
                b.append(':');
                write(b, e.getValue(), depth + 1);
                sep = ",";
            }
            b.append('}');
        } else if (v instanceof Iterable) {
            b.append('[');
            String sep = "";
            for (Object o : (Iterable<?>) v) {
                b.append(sep);
                write(b, o, depth + 1);
                sep = ",";
            }
            b.append(']');
        } else {
            string(b, v.toString());
        }
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    b.append("\\\"");
                    break;
                case '\\':
                    b.append("\\\\");
                    break;
                case '\n':
                    b.append("\\n");
                    break;
                case '\r':
                    b.append("\\r");
                    break;
                case '\t':
                    b.append("\\t");
                    break;
                default:
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        b.append('"');
    }
}
