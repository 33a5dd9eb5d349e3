package org.rtmp4j.core.command;

import java.util.List;
import org.rtmp4j.core.message.CommandMessage;

/**
 * Typed view of any other command: a NetConnection remote procedure call ({@code nc.call(name,
 * responder, args...)}, RTMP 1.0 §7.2.1.2) or a NetStream command this library does not know.
 * When {@link #expectsReply()} the caller waits for {@code _result} or {@code _error} (for an
 * unknown method: {@link Commands#callFailed(CommandMessage)}). Immutable.
 *
 * @param name the procedure or command name
 * @param transactionId the transaction id; 0 means no reply is expected
 * @param commandObject the command object, usually {@code null}
 * @param arguments the arguments after the command object (unmodifiable)
 */
public record Call(String name, double transactionId, Object commandObject, List<Object> arguments) {
    /**
     * Copies {@code arguments} into an unmodifiable list (nulls allowed).
     *
     * @param name the procedure or command name
     * @param transactionId the transaction id
     * @param commandObject the command object, or {@code null}
     * @param arguments the arguments after the command object
     */
    public Call {
        arguments = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(arguments));
    }

    /**
     * @param message the decoded command
     * @return the view; never throws
     */
    public static Call from(CommandMessage message) {
        return new Call(message.name(), message.transactionId(), message.commandObject(), message.arguments());
    }

    /** @return whether the caller awaits a {@code _result} or {@code _error} (transaction id ≠ 0) */
    public boolean expectsReply() {
        return transactionId != 0;
    }
}
