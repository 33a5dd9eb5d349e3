package org.rtmp4j.http;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * An immutable, ordered list of field lines (RFC 9110 §5.3) with lookups that ignore the case of
 * field names (RFC 9110 §5.1). Thread-safe.
 */
public final class HttpHeaders implements Iterable<HttpHeader> {
    /** No fields. */
    public static final HttpHeaders EMPTY = new HttpHeaders(List.of());

    private final List<HttpHeader> fields;

    private HttpHeaders(List<HttpHeader> fields) {
        this.fields = fields;
    }

    /**
     * @param fields the field lines in order; copied
     * @return the fields
     * @throws NullPointerException if the list or an element is null
     */
    public static HttpHeaders of(List<HttpHeader> fields) {
        return fields.isEmpty() ? EMPTY : new HttpHeaders(List.copyOf(fields));
    }

    /**
     * @param namesAndValues name, value, name, value, ...
     * @return the fields in the given order
     * @throws IllegalArgumentException if the count is odd
     */
    public static HttpHeaders of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        List<HttpHeader> list = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            list.add(new HttpHeader(namesAndValues[i], namesAndValues[i + 1]));
        }
        return of(list);
    }

    /** @return the field lines in order, unmodifiable */
    public List<HttpHeader> list() {
        return fields;
    }

    /** @return the number of field lines */
    public int size() {
        return fields.size();
    }

    /**
     * @param name a field name, any case
     * @return the value of the first field line with that name
     */
    public Optional<String> first(String name) {
        for (HttpHeader h : fields) {
            if (h.name().equalsIgnoreCase(name)) {
                return Optional.of(h.value());
            }
        }
        return Optional.empty();
    }

    /**
     * @param name a field name, any case
     * @return the values of every field line with that name, in order
     */
    public List<String> all(String name) {
        List<String> out = new ArrayList<>(1);
        for (HttpHeader h : fields) {
            if (h.name().equalsIgnoreCase(name)) {
                out.add(h.value());
            }
        }
        return out;
    }

    /**
     * Whether a list-valued field (RFC 9110 §5.6.1), over all its field lines, has an element equal
     * to {@code token} ignoring case, e.g. {@code Connection: keep-alive, Upgrade} has {@code upgrade}.
     *
     * @param name a field name, any case
     * @param token the element to look for
     * @return true if present
     */
    public boolean hasToken(String name, String token) {
        for (String value : all(name)) {
            for (String element : value.split(",", -1)) {
                if (element.strip().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public Iterator<HttpHeader> iterator() {
        return fields.iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpHeaders other && fields.equals(other.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
