package org.rtmp4j.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * Names the RTMP URL in a failed TCP connect: the JDK says only "Connection refused". Stateless.
 */
final class ConnectFailure {
    private ConnectFailure() {}

    /**
     * The same kind of exception as {@code e} (connect refused, timed out, no route, unknown host), its message
     * followed by the URL and the host and port tried, e.g.
     * {@code "Connection refused: rtmp://127.0.0.1:1935/live/cam (127.0.0.1:1935)"}; {@code e} is the cause.
     *
     * @param e what the socket connect threw
     * @param target the URL being connected to
     * @return the exception to throw
     */
    static IOException naming(IOException e, RtmpUrl target) {
        String url = target.tcUrl() + (target.streamName().isEmpty() ? "" : "/" + target.streamName());
        String message = (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                + ": " + url + " (" + target.host() + ":" + target.port() + ")";
        IOException named;
        if (e instanceof ConnectException) {
            named = new ConnectException(message);
        } else if (e instanceof SocketTimeoutException) {
            named = new SocketTimeoutException(message);
        } else if (e instanceof NoRouteToHostException) {
            named = new NoRouteToHostException(message);
        } else if (e instanceof UnknownHostException) {
            named = new UnknownHostException(message);
        } else {
            return new IOException("cannot connect to " + url + ": " + e, e);
        }
        named.initCause(e);
        return named;
    }
}
