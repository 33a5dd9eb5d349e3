package org.rtmp4j.examples.api;

import java.util.Optional;
import org.rtmp4j.live.StreamKey;

/**
 * The API's paths and the checks on the names in them. A stream id is {@code APP/KEY}: the last
 * segment is the key, the ones before it the app (an app may have several segments, e.g.
 * {@code live/_definst_}, as RTMP URLs split). Every segment must be 1 to 200 of {@code A-Z a-z 0-9 .
 * _ ~ -} (RFC 3986 §2.3 unreserved characters) and not {@code .} or {@code ..}: no percent-encoding
 * is decoded, so {@code %2e%2e} and {@code %2F} are refused, not interpreted. Stateless.
 */
final class Paths {
    /** The prefix of every API path. */
    static final String API = "/api/v1/";
    static final String STREAMS = API + "streams";
    static final String CLIENTS = API + "clients";
    static final String SERVER = API + "server";
    private static final int MAX_SEGMENT = 200;
    /** The most digits of a client id (a long has 19). */
    private static final int MAX_ID_DIGITS = 18;

    private Paths() {}

    /**
     * @param rest the path after {@code /api/v1/streams/}
     * @return the stream key
     * @throws ApiRequestException 400 when a segment is empty, {@code .}, {@code ..}, too long, or
     *     has a character outside the set (percent signs included)
     */
    static StreamKey streamKey(String rest) {
        String[] segments = rest.split("/", -1);
        if (segments.length < 2) {
            throw new ApiRequestException(400, "a stream id is APP/KEY: '" + printable(rest) + "'");
        }
        for (String s : segments) {
            if (s.isEmpty() || s.equals(".") || s.equals("..") || s.length() > MAX_SEGMENT
                    || !s.chars().allMatch(Paths::unreserved)) {
                throw new ApiRequestException(400, "invalid stream id segment '" + printable(s)
                        + "' (1.." + MAX_SEGMENT + " of A-Z a-z 0-9 . _ ~ -, not . or ..)");
            }
        }
        int last = rest.lastIndexOf('/');
        return new StreamKey(rest.substring(0, last), rest.substring(last + 1));
    }

    /**
     * @param rest the path after {@code /api/v1/clients/}
     * @return the client id
     * @throws ApiRequestException 400 when it is not a decimal number of at most 18 digits
     */
    static long clientId(String rest) {
        if (rest.isEmpty() || rest.length() > MAX_ID_DIGITS || !rest.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ApiRequestException(400, "a client id is a decimal number of at most " + MAX_ID_DIGITS
                    + " digits: '" + printable(rest) + "'");
        }
        return Long.parseLong(rest);
    }

    /**
     * @param path a request path
     * @param prefix a collection path such as {@link #STREAMS}
     * @return the part after {@code prefix/}, or empty if {@code path} is not below it
     */
    static Optional<String> below(String path, String prefix) {
        return path.startsWith(prefix + "/") ? Optional.of(path.substring(prefix.length() + 1)) : Optional.empty();
    }

    private static boolean unreserved(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '~'
                || c == '-';
    }

    /** @return {@code s} cut to 64 characters with control characters replaced, for an error message */
    static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        StringBuilder b = new StringBuilder(cut.length());
        cut.chars().forEach(c -> b.append(c < 0x20 || c == 0x7F ? '?' : (char) c));
        return b.toString();
    }
}
