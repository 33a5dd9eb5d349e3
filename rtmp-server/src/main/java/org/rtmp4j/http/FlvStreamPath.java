package org.rtmp4j.http;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP-FLV and WebSocket-FLV URL shape {@code /APP/KEY.flv} (as SRS and Node-Media-Server
 * mount streams): play with GET, publish with POST or PUT, WebSocket on the same path. Both segments
 * are one or more of {@code A-Z a-z 0-9 . _ ~ -} (RFC 3986 §2.3 unreserved characters) not starting
 * with {@code .}, so nothing needs percent-decoding and no segment is {@code .} or {@code ..} (a
 * recorder writing {@code DIR/APP/KEY.flv} cannot be led out of {@code DIR}); the key ends before the
 * last {@code .flv}.
 *
 * @param app the application name (the RTMP {@code connect} app)
 * @param key the stream key (the RTMP {@code play}/{@code publish} name)
 */
public record FlvStreamPath(String app, String key) {
    private static final Pattern SHAPE = Pattern.compile("/([A-Za-z0-9_~-][A-Za-z0-9._~-]*)/([A-Za-z0-9_~-][A-Za-z0-9._~-]*)\\.flv");

    /**
     * @param app not null
     * @param key not null
     */
    public FlvStreamPath {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(key, "key");
    }

    /**
     * @param path a request path without query ({@link HttpRequestHead#path()})
     * @return the app and key, or empty if the path does not have the shape
     */
    public static Optional<FlvStreamPath> parse(String path) {
        Matcher m = SHAPE.matcher(path);
        return m.matches() ? Optional.of(new FlvStreamPath(m.group(1), m.group(2))) : Optional.empty();
    }

    /**
     * @param path a request path without query
     * @return whether {@link #parse} would accept it (a route predicate)
     */
    public static boolean matches(String path) {
        return SHAPE.matcher(path).matches();
    }
}
