package org.rtmp4j.core.session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.message.AmfEncoding;
import org.rtmp4j.core.message.CommandMessage;
import org.rtmp4j.core.message.DataMessage;

/**
 * Small builders for the command and data messages the engines send (RTMP 1.0 §7.2). Replies
 * always echo the request's transaction id and message stream id.
 */
final class Replies {
    private Replies() {}

    /** {@code _result} to {@code request}: command object, then the other values. */
    static CommandMessage result(CommandMessage request, Object commandObject, Object... args) {
        return new CommandMessage(0, request.streamId(), request.encoding(), "_result", request.transactionId(),
                commandObject, list(args));
    }

    /** {@code _error} to {@code request} with {@code status} as the information object. */
    static CommandMessage error(CommandMessage request, Status status) {
        return new CommandMessage(0, request.streamId(), request.encoding(), "_error", request.transactionId(),
                null, list(status.toMap()));
    }

    /** {@code onStatus} (transaction id 0, null command object) on message stream {@code streamId}. */
    static CommandMessage onStatus(int streamId, Status status) {
        return command(streamId, "onStatus", 0, null, status.toMap());
    }

    /** A command with the given values (AMF0, timestamp 0). */
    static CommandMessage command(int streamId, String name, double transactionId, Object commandObject, Object... args) {
        return new CommandMessage(0, streamId, AmfEncoding.AMF0, name, transactionId, commandObject, list(args));
    }

    /** A data message (AMF0) with the given values. */
    static DataMessage data(int timestamp, int streamId, Object... values) {
        return new DataMessage(timestamp, streamId, AmfEncoding.AMF0, list(values));
    }

    /** @return whether {@code o} is a map (AMF object or ECMA array) */
    static Map<?, ?> asMap(Object o) {
        return o instanceof Map<?, ?> m ? m : Map.of();
    }

    private static List<Object> list(Object... values) {
        return new ArrayList<>(Arrays.asList(values));
    }
}
