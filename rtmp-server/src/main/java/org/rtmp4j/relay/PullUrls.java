package org.rtmp4j.relay;

import java.net.URI;
import java.net.URISyntaxException;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.flv.FlvFormatException;
import org.rtmp4j.flv.media.AudioTagHeader;
import org.rtmp4j.flv.media.VideoTagHeader;
import org.rtmp4j.live.StreamKey;

/**
 * The strings of pull relays and edges: origin URLs, local names, and the {@code --pull} form
 * {@code rtmp://origin/app/key[=APP/KEY]}. Stateless.
 */
public final class PullUrls {
    private PullUrls() {}

    /**
     * A static pull as the CLI and {@code POST /api/v1/relays} give it.
     *
     * @param source the URL played, {@code rtmp://host[:port]/app/key}
     * @param destination the local name
     */
    public record PullSpec(URI source, StreamKey destination) {}

    /**
     * Parses {@code rtmp://origin[:port]/app/key[=APP/KEY]}: without {@code =APP/KEY} the local name is the
     * URL's last two path segments (application and key).
     *
     * @param spec the text
     * @return the URL and the local name
     * @throws IllegalArgumentException with the reason when the URL or the name is malformed
     */
    public static PullSpec parsePull(String spec) {
        String s = spec.strip();
        int eq = s.lastIndexOf('=');
        String url = s;
        String local = null;
        if (eq > 0 && s.substring(eq + 1).matches("[^/?&=]+/[^/?&=]+")) { // a query's '=' is not a local name
            url = s.substring(0, eq);
            local = s.substring(eq + 1);
        }
        URI uri = parseUri(url);
        checkPlayUrl(uri);
        String path = uri.getPath();
        if (local == null) {
            int last = path.lastIndexOf('/');
            int before = path.lastIndexOf('/', last - 1);
            local = path.substring(before + 1);
        }
        return new PullSpec(uri, parseKey(local));
    }

    /**
     * @param text {@code APP/KEY}
     * @return the stream name
     * @throws IllegalArgumentException when it is not two non-empty parts
     */
    public static StreamKey parseKey(String text) {
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1 || text.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException("local stream must be APP/KEY: '" + text + "'");
        }
        return new StreamKey(text.substring(0, slash), text.substring(slash + 1));
    }

    /**
     * @param text an origin {@code rtmp://host[:port]/app}
     * @return it as a URI, without a trailing slash
     * @throws IllegalArgumentException when it is not {@code rtmp://} with a host and an application
     */
    public static URI parseOrigin(String text) {
        String t = text.strip();
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        URI uri = parseUri(t);
        if (!isRtmpScheme(uri) || uri.getHost() == null) {
            throw new IllegalArgumentException("origin must be rtmp:// or rtmps://HOST[:PORT]/APP: '" + text + "'");
        }
        if (uri.getPath() == null || uri.getPath().length() < 2) {
            throw new IllegalArgumentException("origin has no application: '" + text + "'");
        }
        return uri;
    }

    /**
     * @param origin an origin {@code rtmp://host[:port]/app}
     * @param key the stream name
     * @return {@code origin/KEY}, the URL an edge plays
     */
    public static URI playUrl(URI origin, StreamKey key) {
        return URI.create(origin + "/" + key.name());
    }

    /**
     * @param url a URL to play
     * @throws IllegalArgumentException when it is not {@code rtmp://host[:port]/app/key}
     */
    static void checkPlayUrl(URI url) {
        if (!isRtmpScheme(url) || url.getHost() == null) {
            throw new IllegalArgumentException("pull source must be rtmp:// or rtmps://HOST[:PORT]/APP/KEY: '" + url + "'");
        }
        String path = url.getPath() == null ? "" : url.getPath();
        int last = path.lastIndexOf('/');
        if (last <= 0 || last == path.length() - 1) {
            throw new IllegalArgumentException("pull source needs an application and a stream key: '" + url + "'");
        }
    }

    /**
     * @param url a URL
     * @return whether its scheme is {@code rtmp} or {@code rtmps} (RTMP over TLS, port 443 by default), any case
     */
    static boolean isRtmpScheme(URI url) {
        return "rtmp".equalsIgnoreCase(url.getScheme()) || "rtmps".equalsIgnoreCase(url.getScheme());
    }

    /** @return whether {@code media} is a sequence header (FLV 10.1 §E.4.2.1, §E.4.3.1; E-RTMP v2) */
    static boolean isSequenceHeader(MediaMessage media) {
        try {
            return media instanceof AudioMessage ? AudioTagHeader.parse(media.payload()).isSequenceHeader()
                    : VideoTagHeader.parse(media.payload()).isSequenceHeader();
        } catch (FlvFormatException e) {
            return false;
        }
    }

    private static URI parseUri(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: '" + text + "' (" + e.getReason() + ")");
        }
    }
}
