package org.rtmp4j.hls;

/**
 * The viewing-session parameter {@code hls_ctx} of an HLS request's query (the blocking reload
 * parameters are {@link BlockingRequest}'s). Parameters are {@code name=value} pairs separated by
 * {@code &} (RFC 3986 §3.4, application/x-www-form-urlencoded shape); others are ignored.
 */
final class HlsQuery {
    /** The session token parameter (as SRS names it). */
    static final String TOKEN = "hls_ctx";

    private HlsQuery() {}

    /**
     * @param query the raw query without {@code ?}, possibly empty
     * @return the token, or null when the query has none
     * @throws IllegalArgumentException if {@code hls_ctx} is repeated or not a token's shape
     *     (22 base64url characters), with the reason
     */
    static String token(String query) {
        String found = null;
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (!name.equals(TOKEN)) {
                continue;
            }
            if (found != null) {
                throw new IllegalArgumentException(TOKEN + " repeated");
            }
            found = eq < 0 ? "" : pair.substring(eq + 1);
            if (!HlsSessions.wellFormed(found)) {
                throw new IllegalArgumentException(TOKEN + " is not a session token (22 base64url characters)");
            }
        }
        return found;
    }
}
