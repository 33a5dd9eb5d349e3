package org.rtmp4j.core.session;

import org.rtmp4j.core.command.Commands;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rtmp4j.core.command.Call;
import org.rtmp4j.core.command.Connect;
import org.rtmp4j.core.command.CreateStream;
import org.rtmp4j.core.command.Play;
import org.rtmp4j.core.command.Publish;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.message.CommandMessage;

/**
 * The server engine's request objects. The first of accept/reject wins (an {@link AtomicBoolean});
 * the decision runs on the connection's thread, marshalled through {@link Transport#execute} when
 * taken elsewhere.
 */
final class PendingRequests {
    private PendingRequests() {}

    /** Shared once-only completion. */
    abstract static class Base {
        final ServerConnection connection;
        final CommandMessage message;
        private final AtomicBoolean done = new AtomicBoolean();

        Base(ServerConnection connection, CommandMessage message) {
            this.connection = connection;
            this.message = message;
        }

        public CommandMessage message() {
            return message;
        }

        public boolean isDone() {
            return done.get();
        }

        public void accept() {
            if (claim()) {
                connection.runOnConnection(this::onAccept);
            }
        }

        /** @return true for the first decision only */
        final boolean claim() {
            return done.compareAndSet(false, true);
        }

        public void reject(Status status) {
            if (claim()) {
                Status s = status.isError() ? status : new Status("error", status.code(), status.description(), status.extra());
                connection.runOnConnection(() -> onReject(s));
            }
        }

        public void reject(String description) {
            reject(Status.error(defaultRejectCode(), description));
        }

        abstract String defaultRejectCode();

        abstract void onAccept();

        abstract void onReject(Status status);
    }

    static final class ConnectReq extends Base implements ConnectRequest {
        private final Connect command;

        ConnectReq(ServerConnection connection, CommandMessage message, Connect command) {
            super(connection, message);
            this.command = command;
        }

        @Override
        public Connect command() {
            return command;
        }

        @Override
        String defaultRejectCode() {
            return StatusCodes.CONNECT_REJECTED;
        }

        @Override
        void onAccept() {
            connection.commands().acceptConnect(this);
        }

        @Override
        void onReject(Status status) {
            connection.commands().rejectConnect(this, status);
        }
    }

    static final class CreateStreamReq extends Base implements CreateStreamRequest {
        CreateStreamReq(ServerConnection connection, CommandMessage message) {
            super(connection, message);
        }

        @Override
        public CreateStream command() {
            return CreateStream.from(message);
        }

        @Override
        String defaultRejectCode() {
            return StatusCodes.CALL_FAILED;
        }

        @Override
        void onAccept() {
            connection.commands().acceptCreateStream(this);
        }

        @Override
        void onReject(Status status) {
            connection.sendReply(Commands.error(message, status));
        }
    }

    /** An unknown command; answered only when its transaction id is not 0. */
    static final class CallReq extends Base implements CallRequest {
        private final Call command;

        CallReq(ServerConnection connection, CommandMessage message) {
            super(connection, message);
            this.command = Call.from(message);
        }

        @Override
        public Call command() {
            return command;
        }

        @Override
        public void accept(Object... values) {
            if (claim()) {
                Object[] copy = values == null ? new Object[] {null} : values.clone();
                connection.runOnConnection(() -> answer(Commands.result(message, null, copy)));
            }
        }

        @Override
        String defaultRejectCode() {
            return StatusCodes.CALL_FAILED;
        }

        @Override
        void onAccept() {
            answer(Commands.result(message, null));
        }

        @Override
        void onReject(Status status) {
            answer(Commands.error(message, status));
        }

        private void answer(CommandMessage reply) {
            if (command.expectsReply()) {
                connection.sendReply(reply);
            }
        }
    }

    /** A decision on a NetStream command: the stream it arrived on; a rejection is an onStatus on it. */
    abstract static class StreamReq<C> extends Base {
        private final C command;
        private final ServerStream stream;

        StreamReq(ServerConnection connection, CommandMessage message, C command, ServerStream stream) {
            super(connection, message);
            this.command = command;
            this.stream = stream;
        }

        public C command() {
            return command;
        }

        public ServerStream stream() {
            return stream;
        }

        @Override
        void onReject(Status status) {
            connection.sendReply(Commands.onStatus(stream.id(), status));
        }
    }

    static final class PublishReq extends StreamReq<Publish> implements PublishRequest {
        PublishReq(ServerConnection connection, CommandMessage message, Publish command, ServerStream stream) {
            super(connection, message, command, stream);
        }

        @Override
        String defaultRejectCode() {
            return StatusCodes.PUBLISH_REJECTED;
        }

        @Override
        void onAccept() {
            connection.commands().acceptPublish(this);
        }
    }

    static final class PlayReq extends StreamReq<Play> implements PlayRequest {
        PlayReq(ServerConnection connection, CommandMessage message, Play command, ServerStream stream) {
            super(connection, message, command, stream);
        }

        @Override
        String defaultRejectCode() {
            return StatusCodes.PLAY_STREAM_NOT_FOUND;
        }

        @Override
        void onAccept() {
            connection.commands().acceptPlay(this);
        }
    }
}
