package org.rtmp4j.core.command;

import org.rtmp4j.core.message.CommandMessage;

/**
 * Typed view of {@code createStream} (RTMP 1.0 §7.2.1.3).
 *
 * @param transactionId the request's transaction id
 */
public record CreateStream(double transactionId) {
    /**
     * @param message the decoded command
     * @return the view of {@code message}
     */
    public static CreateStream from(CommandMessage message) {
        return new CreateStream(message.transactionId());
    }
}
