package org.rtmp4j.core.command;

import org.rtmp4j.core.message.CommandMessage;

/**
 * Typed view of {@code deleteStream} (RTMP 1.0 §7.2.2.3): {@code "deleteStream", txId, null,
 * streamId}, sent on message stream id 0. Immutable.
 *
 * @param streamIdToDelete the message stream id to delete (argument 0)
 */
public record DeleteStream(int streamIdToDelete) {
    /**
     * Reads argument 0, the message stream id to delete.
     *
     * @param message the decoded command
     * @return the view
     * @throws org.rtmp4j.core.RtmpProtocolException if it is missing, not a number, or not an
     *     integer in 0..2^31-1
     */
    public static DeleteStream from(CommandMessage message) {
        double id = CommandArgs.requireNumber(message, 0, "stream id");
        if (id < 0 || id > Integer.MAX_VALUE || id != Math.rint(id)) {
            throw CommandArgs.malformed(message, "stream id " + id + " is not an integer in 0..2147483647");
        }
        return new DeleteStream((int) id);
    }
}
