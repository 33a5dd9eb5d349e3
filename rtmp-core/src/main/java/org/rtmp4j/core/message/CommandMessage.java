package org.rtmp4j.core.message;

import java.util.List;

/**
 * A command message (type 20 AMF0 / 17 AMF3, RTMP 1.0 §7.1.1, §7.2): name, transaction id, command
 * object, then optional arguments.
 *
 * @param timestamp timestamp in ms (usually 0)
 * @param streamId message stream id: 0 for NetConnection commands, the stream's id for NetStream
 * @param encoding AMF encoding of the body
 * @param name command name, e.g. {@code connect}, {@code publish}, {@code _result}
 * @param transactionId transaction id; replies echo the request's
 * @param commandObject the command object (a {@code Map}), or {@code null}
 * @param arguments the remaining values, in order
 */
public record CommandMessage(
        int timestamp,
        int streamId,
        AmfEncoding encoding,
        String name,
        double transactionId,
        Object commandObject,
        List<Object> arguments)
        implements RtmpMessage {
    /** Copies {@code arguments} into an unmodifiable list (nulls allowed). */
    public CommandMessage {
        arguments = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(arguments));
    }

    /** Convenience: timestamp 0, AMF0. */
    public CommandMessage(int streamId, String name, double transactionId, Object commandObject, List<Object> arguments) {
        this(0, streamId, AmfEncoding.AMF0, name, transactionId, commandObject, arguments);
    }

    /** @return argument {@code index}, or {@code null} when absent */
    public Object argument(int index) {
        return index < arguments.size() ? arguments.get(index) : null;
    }

    @Override
    public MessageType type() {
        return encoding == AmfEncoding.AMF3 ? MessageType.COMMAND_AMF3 : MessageType.COMMAND_AMF0;
    }
}
