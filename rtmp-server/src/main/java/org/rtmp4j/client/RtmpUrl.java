package org.rtmp4j.client;

import java.net.URI;

/**
 * The parts of an {@code rtmp://host[:port]/app[/instance]/stream[?query]} URL, split as ffmpeg's
 * {@code rtmpproto} and librtmp split it: with one or two path segments the first is the
 * application and the second the stream name; with three or more the first two are the
 * application ({@code live/_definst_}, {@code live/inst}) and the rest the stream name, unless the
 * second segment holds a {@code :} (a play path such as {@code mp4:dir/file}), which keeps the
 * application to one segment. Any query stays with the stream name. {@code tcUrl} is {@code
 * rtmp://host:port/app} (RTMP 1.0 §7.2.1.1). {@code rtmps://} is the same over TLS, port 443 by
 * default ({@code tls} true; its {@code tcUrl} keeps the {@code rtmps} scheme, as ffmpeg sends it).
 */
record RtmpUrl(String host, int port, String app, String streamName, String tcUrl, boolean tls) {
    /** The default RTMPS port, 443 (as Facebook's and YouTube's RTMPS ingest URLs use). */
    static final int DEFAULT_RTMPS_PORT = 443;

    static RtmpUrl parse(URI url) {
        return parse(url, false);
    }

    private static RtmpUrl parse(URI url, boolean allApp) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("rtmp") && !scheme.equals("rtmps")) {
            throw new IllegalArgumentException("not an rtmp:// or rtmps:// URL: " + url);
        }
        boolean tls = scheme.equals("rtmps");
        if (url.getHost() == null) {
            throw new IllegalArgumentException("no host in " + url);
        }
        int port = url.getPort() >= 0 ? url.getPort() : tls ? DEFAULT_RTMPS_PORT : RtmpClient.DEFAULT_PORT;
        String path = url.getPath() == null ? "" : url.getPath();
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        int slash = allApp ? -1 : appEnd(path);
        String app = slash < 0 ? path : path.substring(0, slash);
        String stream = slash < 0 ? "" : path.substring(slash + 1);
        if (app.isEmpty()) {
            throw new IllegalArgumentException("no application in " + url);
        }
        if (url.getRawQuery() != null) {
            stream = stream + "?" + url.getRawQuery();
        }
        String host = url.getHost();
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return new RtmpUrl(host, port, app, stream, scheme + "://" + hostPart + ":" + port + "/" + app, tls);
    }

    /**
     * Parses a {@code tcUrl} (RTMP 1.0 §7.2.1.1), e.g. the target of a Reconnect Request: the whole
     * path is the application, the stream name is empty.
     *
     * @param tcUrl {@code rtmp://host[:port]/app}
     * @return the parts
     * @throws IllegalArgumentException if it is not {@code rtmp://} or {@code rtmps://} or has no host or application
     */
    static RtmpUrl parseTcUrl(URI tcUrl) {
        return parse(tcUrl, true);
    }

    /**
     * @param path the URL path without leading slashes
     * @return the index of the slash that ends the application, or -1 if the whole path is the application
     */
    private static int appEnd(String path) {
        int first = path.indexOf('/');
        if (first < 0) {
            return -1;
        }
        int second = path.indexOf('/', first + 1);
        int colon = path.indexOf(':', first + 1);
        if (second < 0 || (colon >= 0 && colon < second)) {
            return first;
        }
        return second;
    }
}
