package org.rtmp4j.core.command;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import org.rtmp4j.core.RtmpProtocolException;

/**
 * The E-RTMP v2 Reconnect Request (E-RTMP v2, "Reconnect Request"): a NetConnection {@code
 * onStatus} (message stream id 0, transaction id 0, null command object) whose info object has
 * {@code level} {@code "status"}, {@code code} {@code NetConnection.Connect.ReconnectRequest}, an
 * optional {@code tcUrl} (absolute or relative URI reference of the server to reconnect to) and an
 * optional {@code description}. A server may only send it to a client that announced {@link
 * EnhancedCapabilities#CAPS_RECONNECT} in {@code capsEx} of its {@code connect}. Immutable and
 * thread-safe.
 *
 * @param tcUrl where to reconnect, as sent (possibly relative); {@code null} means "the current
 *     tcUrl"
 * @param description human-readable reason; may be empty, not null
 */
public record ReconnectRequest(String tcUrl, String description) {
    /** Description used when none is given. */
    public static final String DEFAULT_DESCRIPTION = "The server asks the client to reconnect.";

    /**
     * @param tcUrl where to reconnect, or {@code null} for the current tcUrl
     * @param description human-readable reason; {@code null} becomes {@link #DEFAULT_DESCRIPTION}
     */
    public ReconnectRequest {
        description = description == null ? DEFAULT_DESCRIPTION : description;
    }

    /**
     * Reads a Reconnect Request from an {@code onStatus} info object.
     *
     * @param status a NetConnection status
     * @return the request when {@code code} is {@code NetConnection.Connect.ReconnectRequest} and
     *     {@code level} is {@code status} (the spec's MUSTs); empty for any other status
     * @throws RtmpProtocolException (offset -1) if it is a Reconnect Request whose {@code tcUrl} is
     *     present but not a string
     */
    public static Optional<ReconnectRequest> from(Status status) {
        if (!StatusCodes.CONNECT_RECONNECT_REQUEST.equals(status.code()) || !"status".equals(status.level())) {
            return Optional.empty();
        }
        Object url = status.extra().get("tcUrl");
        if (url != null && !(url instanceof String)) {
            throw new RtmpProtocolException(-1, "ReconnectRequest info object: tcUrl is "
                    + CommandArgs.describe(url) + ", expected a string");
        }
        String tcUrl = url == null || ((String) url).isEmpty() ? null : (String) url;
        return Optional.of(new ReconnectRequest(tcUrl, status.description()));
    }

    /**
     * @return the info object to send: level {@code status}, code {@code
     *     NetConnection.Connect.ReconnectRequest}, the description and, when set, {@code tcUrl}
     */
    public Status toStatus() {
        Status s = Status.status(StatusCodes.CONNECT_RECONNECT_REQUEST, description);
        return tcUrl == null ? s : s.with("tcUrl", tcUrl);
    }

    /**
     * Resolves {@link #tcUrl()} against the current connection's tcUrl (RFC 3986 §5.2), as the spec
     * asks for relative references: {@code //192.0.2.0/app} keeps the scheme, {@code /app} keeps
     * scheme, host and port.
     *
     * @param currentTcUrl the tcUrl of the connection the request came on, e.g. {@code
     *     rtmp://127.0.0.1:1935/live}
     * @return the absolute tcUrl to connect to; {@code currentTcUrl} when {@link #tcUrl()} is null
     * @throws RtmpProtocolException (offset -1) if either is not a valid URI, or the result is not
     *     absolute
     */
    public String resolve(String currentTcUrl) {
        if (tcUrl == null) {
            return currentTcUrl;
        }
        try {
            URI resolved = new URI(currentTcUrl).resolve(new URI(tcUrl));
            if (!resolved.isAbsolute() || resolved.getHost() == null) {
                throw new RtmpProtocolException(-1, "ReconnectRequest tcUrl '" + tcUrl
                        + "' does not resolve to an absolute URL against " + currentTcUrl);
            }
            return resolved.toString();
        } catch (URISyntaxException e) {
            throw new RtmpProtocolException(-1, "ReconnectRequest tcUrl '" + tcUrl + "' is not a URI: "
                    + e.getMessage());
        }
    }
}
