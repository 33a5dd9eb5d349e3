package org.rtmp4j.core.command;

import java.util.List;
import java.util.Map;
import org.rtmp4j.core.message.CommandMessage;

/**
 * Typed view of {@code connect} (RTMP 1.0 §7.2.1.1; E-RTMP v2 "Enhancing NetConnection connect
 * Command").
 *
 * @param app application name, without any query string (e.g. {@code live})
 * @param query the query string after {@code ?} in the app or tcUrl, or {@code ""}
 * @param tcUrl server URL, e.g. {@code rtmp://host/live}, or {@code ""}
 * @param flashVer client version string, or {@code ""}
 * @param objectEncoding 0 (AMF0) or 3 (AMF3)
 * @param fourCcList E-RTMP FourCCs the client supports; empty when not announced
 * @param commandObject the whole command object as received
 * @param arguments optional user arguments after the command object
 */
public record Connect(
        String app,
        String query,
        String tcUrl,
        String flashVer,
        double objectEncoding,
        List<String> fourCcList,
        Map<String, Object> commandObject,
        List<Object> arguments) {

    /** @throws org.rtmp4j.core.RtmpProtocolException if the command object is missing or not an object */
    public static Connect from(CommandMessage message) {
        throw new UnsupportedOperationException("TODO");
    }
}
