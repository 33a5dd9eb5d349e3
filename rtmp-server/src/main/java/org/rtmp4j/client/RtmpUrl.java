package org.rtmp4j.client;

import java.net.URI;

/**
 * The parts of an {@code rtmp://host[:port]/app[/stream][?query]} URL: the first path segment is
 * the application, the rest (with any query) the stream name; {@code tcUrl} is {@code
 * rtmp://host:port/app} (RTMP 1.0 §7.2.1.1).
 */
record RtmpUrl(String host, int port, String app, String streamName, String tcUrl) {
    static RtmpUrl parse(URI url) {
        if (url.getScheme() == null || !url.getScheme().equalsIgnoreCase("rtmp")) {
            throw new IllegalArgumentException("not an rtmp:// URL: " + url);
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("no host in " + url);
        }
        int port = url.getPort() < 0 ? RtmpClient.DEFAULT_PORT : url.getPort();
        String path = url.getPath() == null ? "" : url.getPath();
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        int slash = path.indexOf('/');
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
        return new RtmpUrl(host, port, app, stream, "rtmp://" + hostPart + ":" + port + "/" + app);
    }
}
