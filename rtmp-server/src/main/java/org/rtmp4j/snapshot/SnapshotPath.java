package org.rtmp4j.snapshot;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rtmp4j.live.StreamKey;

/**
 * The snapshot URL shapes: {@code /APP/KEY.jpg} (beside {@code /APP/KEY.flv}) and {@code
 * /api/v1/streams/APP/KEY/snapshot.jpg} (under the HTTP API's stream resource). Both segments follow
 * {@link org.rtmp4j.http.FlvStreamPath}'s rule: one or more RFC 3986 §2.3 unreserved characters, not
 * starting with {@code .}, so nothing is percent-decoded and {@code .} or {@code ..} never name a
 * stream.
 *
 * @param app the application name
 * @param key the stream key
 */
public record SnapshotPath(String app, String key) {
    private static final String SEGMENT = "([A-Za-z0-9_~-][A-Za-z0-9._~-]*)";
    private static final Pattern SHORT = Pattern.compile("/" + SEGMENT + "/" + SEGMENT + "\\.jpg");
    private static final Pattern API = Pattern.compile("/api/v1/streams/" + SEGMENT + "/" + SEGMENT + "/snapshot\\.jpg");

    /**
     * @param app not null
     * @param key not null
     */
    public SnapshotPath {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(key, "key");
    }

    /**
     * @param path a request path without query ({@link org.rtmp4j.http.HttpRequestHead#path()})
     * @return the app and key, or empty if the path has neither shape
     */
    public static Optional<SnapshotPath> parse(String path) {
        Matcher m = API.matcher(path);
        if (!m.matches()) {
            m = SHORT.matcher(path);
            if (!m.matches()) {
                return Optional.empty();
            }
        }
        return Optional.of(new SnapshotPath(m.group(1), m.group(2)));
    }

    /**
     * @param path a request path without query
     * @return whether {@link #parse} accepts it: an exact route predicate, so routes mounted after it
     *     (e.g. the HTTP API's {@code /api/v1/streams/...}) still get every other path
     */
    public static boolean matches(String path) {
        return API.matcher(path).matches() || SHORT.matcher(path).matches();
    }

    /** @return the stream this path names */
    public StreamKey streamKey() {
        return new StreamKey(app, key);
    }
}
