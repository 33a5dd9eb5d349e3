package org.rtmp4j.examples;

import java.util.function.Consumer;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.message.CommandMessage;
import org.rtmp4j.core.session.ConnectRequest;
import org.rtmp4j.core.session.NetStream;
import org.rtmp4j.core.session.PlayRequest;
import org.rtmp4j.core.session.PublishRequest;

/**
 * Request wrappers for {@link AccessLog}: each forwards to the real request and, if its call made the
 * decision (the request was not decided before), runs the accepted action or hands the refusal's reason
 * ({@code CODE description}, or the description alone for {@code reject(String)}, whose code is the
 * library's default) to the refused action. Thread-safe as the wrapped requests are; the actions run on
 * the deciding thread.
 */
final class AccessLogRequests {
    private AccessLogRequests() {}

    /** Runs the access-log actions once a decision is made through a wrapper. */
    private record Outcome(Runnable accepted, Consumer<String> refused) {
        void accept(boolean wasDone, Runnable decide) {
            decide.run();
            if (!wasDone) {
                accepted.run();
            }
        }

        void reject(boolean wasDone, Runnable decide, String reason) {
            decide.run();
            if (!wasDone) {
                refused.accept(reason);
            }
        }
    }

    /** A {@link ConnectRequest} (RTMP 1.0 §7.2.1.1) that logs its decision. */
    static final class Connect implements ConnectRequest {
        private final ConnectRequest request;
        private final Outcome outcome;

        Connect(ConnectRequest request, Runnable accepted, Consumer<String> refused) {
            this.request = request;
            this.outcome = new Outcome(accepted, refused);
        }

        @Override
        public org.rtmp4j.core.command.Connect command() {
            return request.command();
        }

        @Override
        public CommandMessage message() {
            return request.message();
        }

        @Override
        public void accept() {
            outcome.accept(request.isDone(), request::accept);
        }

        @Override
        public void reject(Status status) {
            outcome.reject(request.isDone(), () -> request.reject(status), AccessLog.reason(status));
        }

        @Override
        public void reject(String description) {
            outcome.reject(request.isDone(), () -> request.reject(description), description);
        }

        @Override
        public boolean isDone() {
            return request.isDone();
        }
    }

    /** A {@link PublishRequest} (RTMP 1.0 §7.2.2.6) that logs its decision. */
    static final class Publish implements PublishRequest {
        private final PublishRequest request;
        private final Outcome outcome;

        Publish(PublishRequest request, Runnable accepted, Consumer<String> refused) {
            this.request = request;
            this.outcome = new Outcome(accepted, refused);
        }

        @Override
        public org.rtmp4j.core.command.Publish command() {
            return request.command();
        }

        @Override
        public CommandMessage message() {
            return request.message();
        }

        @Override
        public NetStream stream() {
            return request.stream();
        }

        @Override
        public void accept() {
            outcome.accept(request.isDone(), request::accept);
        }

        @Override
        public void reject(Status status) {
            outcome.reject(request.isDone(), () -> request.reject(status), AccessLog.reason(status));
        }

        @Override
        public void reject(String description) {
            outcome.reject(request.isDone(), () -> request.reject(description), description);
        }

        @Override
        public boolean isDone() {
            return request.isDone();
        }
    }

    /** A {@link PlayRequest} (RTMP 1.0 §7.2.2.1) that logs its decision. */
    static final class Play implements PlayRequest {
        private final PlayRequest request;
        private final Outcome outcome;

        Play(PlayRequest request, Runnable accepted, Consumer<String> refused) {
            this.request = request;
            this.outcome = new Outcome(accepted, refused);
        }

        @Override
        public org.rtmp4j.core.command.Play command() {
            return request.command();
        }

        @Override
        public CommandMessage message() {
            return request.message();
        }

        @Override
        public NetStream stream() {
            return request.stream();
        }

        @Override
        public void accept() {
            outcome.accept(request.isDone(), request::accept);
        }

        @Override
        public void reject(Status status) {
            outcome.reject(request.isDone(), () -> request.reject(status), AccessLog.reason(status));
        }

        @Override
        public void reject(String description) {
            outcome.reject(request.isDone(), () -> request.reject(description), description);
        }

        @Override
        public boolean isDone() {
            return request.isDone();
        }
    }
}
