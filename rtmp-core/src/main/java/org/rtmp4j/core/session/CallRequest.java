package org.rtmp4j.core.session;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.rtmp4j.core.command.Call;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.message.CommandMessage;

/**
 * A pending answer to a command the library does not handle: a NetConnection remote procedure call
 * ({@code nc.call(name, responder, args...)}, RTMP 1.0 §7.2.1.2) or an unknown NetStream command.
 * Accepting sends {@code "_result", txId, null, values...}; rejecting sends {@code "_error", txId,
 * null, info} (default code NetConnection.Call.Failed). Both echo the request's transaction id and
 * message stream id and use the connection's encoding (type 17 when the client connected with
 * {@code objectEncoding} 3, else 20). When the transaction id is 0 the caller expects no reply
 * ({@link Call#expectsReply()}) and neither sends anything.
 *
 * <p>Thread-safe and idempotent: the first of {@code accept}/{@code reject} wins; it may be called
 * later, from any thread.
 */
public interface CallRequest {
    /** @return the typed call: name, transaction id, command object, arguments */
    Call command();

    /** @return the command message as received */
    CommandMessage message();

    /** Answers {@code "_result", txId, null} (no return value). */
    void accept();

    /**
     * Answers {@code "_result", txId, null, values...}; a Flash responder receives {@code values[0]}.
     *
     * @param values the return values (AMF-encodable: {@code Double}, {@code String}, {@code
     *     Boolean}, {@code Map}, {@code List}, {@code null}); copied
     */
    void accept(Object... values);

    /**
     * Answers {@code _error} with {@code status} (level error).
     *
     * @param status the error information; its level is sent as {@code error}
     */
    void reject(Status status);

    /**
     * Answers {@code _error} with NetConnection.Call.Failed and {@code description}.
     *
     * @param description human-readable reason
     */
    void reject(String description);

    /** @return whether accepted or rejected already */
    boolean isDone();

    /**
     * The decision, observable by any number of parties (an access log, a limiter) without wrapping the
     * request: completes once, when {@code accept} or a {@code reject} first wins, on the deciding
     * thread, with an empty {@code Optional} for an acceptance or the status sent for a rejection (level
     * {@code error}). Never completes for a request left undecided when its connection closes.
     *
     * @return the decision; callbacks added after it completed run at once on the adding thread
     */
    CompletionStage<Optional<Status>> decision();

}
