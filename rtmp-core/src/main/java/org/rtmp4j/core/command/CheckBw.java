package org.rtmp4j.core.command;

import org.rtmp4j.core.message.CommandMessage;

/**
 * Typed view of {@code _checkbw} (not in RTMP 1.0; FMS convention): {@code "_checkbw", txId, null}.
 * Sent by some clients (librtmp, Flash) to ask for a bandwidth check; servers that do not measure
 * answer {@code _result} (see {@link Commands#checkBwResult(CommandMessage)}) and {@code onBWDone}.
 * Immutable.
 *
 * @param transactionId the request's transaction id
 */
public record CheckBw(double transactionId) {
    /**
     * @param message the decoded command
     * @return the view; never throws (any arguments are ignored)
     */
    public static CheckBw from(CommandMessage message) {
        return new CheckBw(message.transactionId());
    }
}
