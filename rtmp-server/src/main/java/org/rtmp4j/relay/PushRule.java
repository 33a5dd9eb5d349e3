package org.rtmp4j.relay;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;
import org.rtmp4j.live.StreamKey;

/**
 * A static push rule ({@code server --push}, issue 15 §1): which published streams to push, and where.
 * Grammar, one rule per option:
 *
 * <pre>
 *   rule     = [ selector "=" ] template
 *   selector = app-glob "/" key-glob      ; split at the last "/": the app may hold "/"
 *   template = ("rtmp://" | "rtmps://") host [ ":" port ] "/" app [ "/" name ] [ "?" query ]
 * </pre>
 *
 * <ul>
 *   <li>A glob matches literally, except that {@code *} matches any run of characters (also none); no other
 *       character is special. Without a selector the rule takes every stream of every app ({@code * / *}).</li>
 *   <li>The template may hold {@code {app}} and {@code {key}}, replaced by the published stream's app and key.
 *       A template without {@code {key}} is the destination application and gets {@code /{key}} appended, as
 *       nginx-rtmp's {@code push rtmp://host/app;} publishes every stream of the application to
 *       {@code rtmp://host/app/KEY}.</li>
 * </ul>
 *
 * Examples: {@code rtmp://yt.example/live2} pushes {@code live/cam} to {@code rtmp://yt.example/live2/cam};
 * {@code live/*=rtmp://b.example/in/{key}_hd} pushes only the app {@code live}; {@code live/cam*=rtmp://c/app/x-{key}}
 * pushes {@code cam1}, {@code cam2} ... A stream key is used as published (no percent-encoding is added).
 *
 * @param appGlob the glob the stream's app must match
 * @param keyGlob the glob the stream's key must match
 * @param template the destination URL template, with {@code {key}} (and possibly {@code {app}})
 */
public record PushRule(String appGlob, String keyGlob, String template) {
    /** The longest rule accepted, in characters. */
    public static final int MAX_LENGTH = 2048;

    /** @throws IllegalArgumentException when a part is empty or the template is not an {@code rtmp://} URL */
    public PushRule {
        Objects.requireNonNull(appGlob, "appGlob");
        Objects.requireNonNull(keyGlob, "keyGlob");
        Objects.requireNonNull(template, "template");
        if (appGlob.isEmpty() || keyGlob.isEmpty()) {
            throw new IllegalArgumentException("empty app or key pattern in push rule '" + appGlob + "/" + keyGlob + "'");
        }
        String example = template.replace("{app}", "app").replace("{key}", "key");
        try {
            checkUrl(example, "push destination");
        } catch (IllegalArgumentException e) { // name the template as given, not the example
            throw new IllegalArgumentException(e.getMessage().replace(cut(example), cut(template)), e);
        }
    }

    /**
     * Parses a rule as the grammar above says.
     *
     * @param rule e.g. {@code rtmp://host/app} or {@code live/*=rtmp://host/app/{key}}
     * @return the rule
     * @throws IllegalArgumentException naming the offset and the reason when malformed
     */
    public static PushRule parse(String rule) {
        Objects.requireNonNull(rule, "rule");
        String r = rule.strip();
        if (r.isEmpty() || r.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a push rule is 1.." + MAX_LENGTH + " characters: '" + cut(rule) + "'");
        }
        int scheme = r.indexOf("://");
        int eq = r.indexOf('=');
        String app = "*";
        String key = "*";
        String template = r;
        if (eq >= 0 && (scheme < 0 || eq < scheme)) { // an '=' after "://" belongs to the URL's query
            String selector = r.substring(0, eq);
            int slash = selector.lastIndexOf('/');
            if (slash <= 0 || slash == selector.length() - 1) {
                throw new IllegalArgumentException("push rule '" + cut(rule) + "': the selector before '=' (offset "
                        + eq + ") must be APP/KEY with globs, e.g. live/*");
            }
            app = selector.substring(0, slash);
            key = selector.substring(slash + 1);
            template = r.substring(eq + 1);
        }
        if (!template.contains("{key}")) {
            template = template.endsWith("/") ? template + "{key}" : template + "/{key}";
        }
        try {
            return new PushRule(app, key, template);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("push rule '" + cut(rule) + "': " + e.getMessage(), e);
        }
    }

    /**
     * @param key a published stream
     * @return the destination to push it to, or empty when this rule does not select it
     */
    public Optional<URI> destinationFor(StreamKey key) {
        if (!glob(appGlob, key.app()) || !glob(keyGlob, key.name())) {
            return Optional.empty();
        }
        String url = template.replace("{app}", key.app()).replace("{key}", key.name());
        try {
            return Optional.of(checkUrl(url, "push destination"));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a key with characters a URL cannot hold: not pushed (logged by the caller)
        }
    }

    /**
     * Checks a push destination: {@code rtmp://host[:port]/app/name}, or {@code rtmps://} (RTMP over TLS, port 443
     * by default: Facebook's and YouTube's RTMPS ingest).
     *
     * @param url the URL
     * @param what what it is, for the message
     * @return the URL as a URI
     * @throws IllegalArgumentException with the reason and, for syntax errors, the offset
     */
    public static URI checkUrl(String url, String what) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(what + " '" + cut(url) + "' is not a URL at offset " + e.getIndex() + ": "
                    + e.getReason());
        }
        if (uri.getScheme() == null || !PullUrls.isRtmpScheme(uri)) {
            throw new IllegalArgumentException(what + " '" + cut(url) + "' is not an rtmp:// or rtmps:// URL");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(what + " '" + cut(url) + "' has no host");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        int slash = path.indexOf('/');
        if (slash <= 0 || slash == path.length() - 1) {
            throw new IllegalArgumentException(what + " '" + cut(url) + "' needs an application and a stream name"
                    + " (rtmp://host/app/name)");
        }
        return uri;
    }

    static boolean glob(String glob, String s) {
        int g = 0;
        int i = 0;
        int star = -1;
        int mark = 0;
        while (i < s.length()) {
            if (g < glob.length() && glob.charAt(g) == '*') {
                star = g++;
                mark = i;
            } else if (g < glob.length() && glob.charAt(g) == s.charAt(i)) {
                g++;
                i++;
            } else if (star >= 0) {
                g = star + 1;
                i = ++mark;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }

    private static String cut(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }

    /** @return the rule in the grammar above, e.g. {@code live/*=rtmp://host/app/{key}} */
    @Override
    public String toString() {
        return appGlob + "/" + keyGlob + "=" + template;
    }
}
