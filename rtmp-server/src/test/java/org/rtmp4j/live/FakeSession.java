package org.rtmp4j.live;

import java.util.concurrent.CompletionStage;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.rtmp4j.core.command.Connect;
import org.rtmp4j.core.command.Play;
import org.rtmp4j.core.command.Publish;
import org.rtmp4j.core.command.PublishType;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.internal.EncodedMedia;
import org.rtmp4j.core.internal.FanoutTarget;
import org.rtmp4j.core.message.CommandMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.RtmpMessage;
import org.rtmp4j.core.session.NetStream;
import org.rtmp4j.core.session.PlayRequest;
import org.rtmp4j.core.session.PublishRequest;
import org.rtmp4j.core.session.RtmpSession;

/**
 * A socket-less {@link RtmpSession} that records, in call order, what the relay sent and decided. As a
 * {@link FanoutTarget} on the caller's thread it also receives the relay's shared encodings.
 */
final class FakeSession implements RtmpSession, FanoutTarget {
    private static final AtomicInteger IDS = new AtomicInteger();

    /** Something the session was asked to send or a decision on a request. */
    sealed interface Event permits Media, Metadata, StatusSent, Accepted, Rejected {}

    record Media(NetStream to, MediaMessage media) implements Event {}

    record Metadata(NetStream to, Map<String, Object> metadata) implements Event {}

    record StatusSent(NetStream to, Status status) implements Event {}

    record Accepted(NetStream stream) implements Event {}

    record Rejected(NetStream stream, Status status) implements Event {}

    private final String id = "s" + IDS.incrementAndGet();
    private final Connect connect;
    private final List<Event> events = new ArrayList<>();
    private final List<Stream> streams = new ArrayList<>();
    private volatile boolean closed;
    private volatile boolean reconnectRequested;
    /** Runs at the start of each {@link #sendMedia}, on the sending thread (to widen races in tests). */
    volatile Runnable beforeSendMedia = () -> {};
    private Object attachment;

    FakeSession(String app, List<String> fourCcList) {
        this.connect = new Connect(app, "", "rtmp://localhost/" + app, "", 0, fourCcList, Map.of(), List.of());
    }

    FakeSession() {
        this("live", List.of());
    }

    /** A session of app {@code live} whose {@code connect} command object is {@code commandObject}. */
    FakeSession(Map<String, Object> commandObject) {
        this.connect = new Connect("live", "", "rtmp://localhost/live", "", 0, List.of(), commandObject, List.of());
    }

    Stream newStream() {
        Stream s = new Stream(streams.size() + 1);
        streams.add(s);
        return s;
    }

    synchronized List<Event> events() {
        return new ArrayList<>(events);
    }

    synchronized void record(Event e) {
        events.add(e);
    }

    /** @return the media sent, in order */
    List<MediaMessage> media() {
        List<MediaMessage> out = new ArrayList<>();
        for (Event e : events()) {
            if (e instanceof Media m) {
                out.add(m.media());
            }
        }
        return out;
    }

    /** @return the status codes sent with onStatus, in order */
    List<String> statusCodes() {
        List<String> out = new ArrayList<>();
        for (Event e : events()) {
            if (e instanceof StatusSent s) {
                out.add(s.status().code());
            }
        }
        return out;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean requestReconnect(String tcUrlOrNull, String description) {
        reconnectRequested = true;
        return true;
    }

    @Override
    public boolean reconnectRequested() {
        return reconnectRequested;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public SocketAddress remoteAddress() {
        return null;
    }

    @Override
    public Optional<Connect> connectCommand() {
        return Optional.of(connect);
    }

    @Override
    public Collection<NetStream> streams() {
        return List.copyOf(streams);
    }

    @SuppressWarnings("unchecked")
    @Override
    public <T> T attachment() {
        return (T) attachment;
    }

    @Override
    public <T> void attach(T value) {
        attachment = value;
    }

    @Override
    public void send(RtmpMessage message) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void sendMedia(NetStream to, MediaMessage media) {
        beforeSendMedia.run();
        record(new Media(to, media));
    }

    /** Shared live media as handed over (then recorded as {@link Media} like any other media). */
    final List<EncodedMedia> shared = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public void sendEncodedHere(NetStream to, EncodedMedia media) {
        shared.add(media);
        MediaMessage m = media.media();
        sendMedia(to, m.streamId() == to.id() ? m : m.withStreamId(to.id()));
    }

    /** The hold handed with each shared message, in the order of {@link #shared}. */
    final List<Long> holds = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public void writeEncodedHere(NetStream to, EncodedMedia media, long holdNanos) {
        holds.add(holdNanos);
        writeEncodedHere(to, media);
    }

    /** The loop this session's fan-out hooks belong to, or {@code null}: the caller's thread. */
    private TestLoop loop;
    /** How often the hub asked {@link #chunkSizeHint()} (to prepare an encoding). */
    final AtomicInteger chunkSizeHints = new AtomicInteger();

    /** @return this session, its fan-out hooks on {@code l} (key, thread and task queue) */
    FakeSession onLoop(TestLoop l) {
        this.loop = l;
        return this;
    }

    @Override
    public Object executorKey() {
        return loop != null ? loop : this;
    }

    @Override
    public boolean inConnectionThread() {
        return loop == null || loop.inLoop();
    }

    @Override
    public int chunkSizeHint() {
        chunkSizeHints.incrementAndGet();
        return 4096;
    }

    @Override
    public void post(Runnable task) {
        if (loop != null) {
            loop.execute(task);
        } else {
            task.run();
        }
    }

    @Override
    public void sendMetadata(NetStream to, Map<String, Object> metadata) {
        record(new Metadata(to, metadata));
    }

    @Override
    public void sendStatus(NetStream to, Status status) {
        record(new StatusSent(to, status));
    }

    @Override
    public void replyResult(CommandMessage to, Object... args) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void replyError(CommandMessage to, Status status) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long queuedBytes() {
        return 0;
    }

    @Override
    public boolean isWritable() {
        return true;
    }

    @Override
    public CompletableFuture<Void> close() {
        closed = true;
        return CompletableFuture.completedFuture(null);
    }

    /** A message stream of this session. */
    final class Stream implements NetStream {
        private final int id;
        volatile String name;
        volatile State state = State.IDLE;

        Stream(int id) {
            this.id = id;
        }

        @Override
        public int id() {
            return id;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public State state() {
            return state;
        }

        @Override
        public RtmpSession session() {
            return FakeSession.this;
        }

        PublishRequest publish(String streamName) {
            return new PublishReq(this, new Publish(streamName, "", PublishType.LIVE));
        }

        PlayRequest play(String streamName) {
            return new PlayReq(this, new Play(streamName, "", -2, -1, true));
        }
    }

    /** Common request bookkeeping: the first decision wins and is recorded. */
    abstract class Req {
        final Stream stream;
        private boolean done;
        private final CompletableFuture<Optional<Status>> decision = new CompletableFuture<>();

        Req(Stream stream) {
            this.stream = stream;
        }

        public NetStream stream() {
            return stream;
        }

        public CommandMessage message() {
            throw new UnsupportedOperationException();
        }

        public synchronized void accept() {
            if (!done) {
                done = true;
                record(new Accepted(stream));
                decision.complete(Optional.empty());
                accepted();
            }
        }

        abstract void accepted();

        public synchronized void reject(Status status) {
            if (!done) {
                done = true;
                record(new Rejected(stream, status));
                decision.complete(Optional.of(status));
            }
        }

        public void reject(String description) {
            reject(Status.error("default", description));
        }

        public synchronized boolean isDone() {
            return done;
        }

        public CompletionStage<Optional<Status>> decision() {
            return decision;
        }
    }

    final class PublishReq extends Req implements PublishRequest {
        private final Publish command;

        PublishReq(Stream stream, Publish command) {
            super(stream);
            this.command = command;
        }

        @Override
        public Publish command() {
            return command;
        }

        @Override
        void accepted() {
            stream.name = command.name();
            stream.state = NetStream.State.PUBLISHING;
        }
    }

    final class PlayReq extends Req implements PlayRequest {
        private final Play command;

        PlayReq(Stream stream, Play command) {
            super(stream);
            this.command = command;
        }

        @Override
        public Play command() {
            return command;
        }

        @Override
        void accepted() {
            stream.name = command.name();
            stream.state = NetStream.State.PLAYING;
        }
    }
}
