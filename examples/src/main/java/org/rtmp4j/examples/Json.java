package org.rtmp4j.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * JSON (RFC 8259) through Jackson for the command line's {@code --json} output and the HTTP API. Values are turned
 * into a Jackson tree by one rule, never by bean introspection: maps become objects (keys via
 * {@code String.valueOf}, in iteration order), {@code Iterable}s arrays, {@code Number}s numbers (NaN and
 * infinities, which JSON lacks, become {@code null}), {@code Boolean}s and {@code null} themselves, anything else
 * the JSON string of its {@code toString()}. Thread-safe (the mapper is shared and only writes trees).
 */
public final class Json {
    /** The shared mapper; configured once, read-only afterwards. */
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 64;

    private Json() {}

    /**
     * Encodes a value on one line.
     *
     * @param value a map, iterable, number, boolean, string, other object or {@code null}
     * @return the JSON text
     * @throws IllegalArgumentException if the value nests deeper than 64 levels (a cycle, most likely)
     */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(tree(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree of plain nodes always writes
        }
    }

    /**
     * @param value as for {@link #write}
     * @return its Jackson tree
     * @throws IllegalArgumentException if the value nests deeper than 64 levels
     */
    public static JsonNode tree(Object value) {
        return node(value, 0);
    }

    private static JsonNode node(Object v, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("JSON value nests deeper than 64 levels");
        }
        if (v == null) {
            return NODES.nullNode();
        } else if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return NODES.nullNode();
            }
            return v instanceof Float f ? NODES.numberNode(f) : NODES.numberNode(d);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return NODES.numberNode(((Number) v).longValue());
        } else if (v instanceof BigInteger i) {
            return NODES.numberNode(i);
        } else if (v instanceof BigDecimal d) {
            return NODES.numberNode(d);
        } else if (v instanceof Number n) {
            return NODES.numberNode(new BigDecimal(n.toString()));
        } else if (v instanceof Map<?, ?> m) {
            ObjectNode o = NODES.objectNode();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                o.set(String.valueOf(e.getKey()), node(e.getValue(), depth + 1));
            }
            return o;
        } else if (v instanceof Iterable<?> it) {
            ArrayNode a = NODES.arrayNode();
            for (Object o : it) {
                a.add(node(o, depth + 1));
            }
            return a;
        } else if (v instanceof JsonNode n) {
            return n;
        }
        return NODES.textNode(v.toString());
    }
}
