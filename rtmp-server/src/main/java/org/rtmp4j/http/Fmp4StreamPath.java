package org.rtmp4j.http;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live fragmented-MP4 URL shape {@code /APP/KEY.mp4} (issue 13, "fMP4 live stream"): play with
 * GET, or a WebSocket on the same path. The segments follow the rules of {@link FlvStreamPath} (one
 * or more of {@code A-Z a-z 0-9 . _ ~ -}, RFC 3986 §2.3, not starting with {@code .}); the key ends
 * before the last {@code .mp4}. HLS objects ({@code /APP/KEY/init-V.mp4}) have three segments and do
 * not match.
 *
 * @param app the application name (the RTMP {@code connect} app)
 * @param key the stream key (the RTMP {@code play}/{@code publish} name)
 */
public record Fmp4StreamPath(String app, String key) {
    private static final Pattern SHAPE = Pattern.compile("/([A-Za-z0-9_~-][A-Za-z0-9._~-]*)/([A-Za-z0-9_~-][A-Za-z0-9._~-]*)\\.mp4");

    /**
     * @param app not null
     * @param key not null
     */
    public Fmp4StreamPath {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(key, "key");
    }

    /**
     * @param path a request path without query ({@link HttpRequestHead#path()})
     * @return the app and key, or empty if the path does not have the shape
     */
    public static Optional<Fmp4StreamPath> parse(String path) {
        Matcher m = SHAPE.matcher(path);
        return m.matches() ? Optional.of(new Fmp4StreamPath(m.group(1), m.group(2))) : Optional.empty();
    }

    /**
     * @param path a request path without query
     * @return whether {@link #parse} would accept it (a route predicate)
     */
    public static boolean matches(String path) {
        return SHAPE.matcher(path).matches();
    }
}
