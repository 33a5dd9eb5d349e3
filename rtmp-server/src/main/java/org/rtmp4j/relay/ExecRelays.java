package org.rtmp4j.relay;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.rtmp4j.live.InlineSink;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.LiveListener;
import org.rtmp4j.live.LiveMedia;
import org.rtmp4j.live.LiveSubscription;
import org.rtmp4j.live.RelayEvent;
import org.rtmp4j.live.StreamKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs exec relays for a live hub (issue 15 §3): for every published stream, one {@link ExecRelay} per
 * configured {@link ExecCommand} ({@code server --exec}) that {@linkplain ExecCommand#selects selects} it, started on {@link LiveListener#onPublished}
 * and ended by the publish's end ({@link RelayEvent.Unpublished}, heard by a sink subscribed to the
 * stream that also counts its bytes; it has no player kind, so the players by kind of {@code
 * StreamDetails} do not count it, while {@code StreamInfo.players} counts it as any output). Relays
 * started this way are listed in the {@link Relays} registry while they run and removed when they end.
 * As the registry's {@link RelayFactory} for {@link RelayKind#EXEC} ({@link #acceptRequests()}), it
 * starts one for {@code POST /api/v1/relays} with source {@code APP/KEY} (a live stream; 400 otherwise)
 * and the command line as destination; such a relay stays listed, stopped, after its stream ends until
 * it is deleted.
 *
 * <p>{@code {url}} is {@code rtmp://HOST:PORT/APP/KEY} of this server ({@link #serverAddress}): HOST is
 * the bound address, or the loopback address when the server listens on every address; the relay plays
 * like any player, so the host's play decision applies ({@link ExecOptions#playQuery()} adds a token).
 * At most {@link ExecOptions#maxProcesses()} exec relays run at once; a publish beyond it starts none
 * (logged at WARN) and a request beyond it is refused ({@link IllegalStateException}).
 *
 * <p>Thread-safety: thread-safe. {@link #onPublished} runs on the publisher's thread and does not block.
 */
public final class ExecRelays implements LiveListener, RelayFactory {
    private static final Logger log = LoggerFactory.getLogger(ExecRelays.class);

    private final Relays relays;
    private final LiveBroadcastController live;
    private final List<ExecCommand> commands;
    private final ExecOptions options;
    private final AtomicInteger running = new AtomicInteger();
    private volatile InetSocketAddress server;

    private ExecRelays(Relays relays, LiveBroadcastController live, List<ExecCommand> commands, ExecOptions options) {
        this.relays = Objects.requireNonNull(relays, "relays");
        this.live = Objects.requireNonNull(live, "live");
        this.commands = List.copyOf(commands);
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Runs {@code commands} for every later publish of {@code live} (none: only requests, once
     * {@link #acceptRequests()} is called).
     *
     * @param relays the registry the relays are listed in and whose threads they use
     * @param live the hub
     * @param commands the commands run per published stream
     * @param options bounds and schedule
     * @return the registered listener; set {@link #serverAddress} once the server is bound
     */
    public static ExecRelays attach(Relays relays, LiveBroadcastController live, List<ExecCommand> commands,
            ExecOptions options) {
        ExecRelays exec = new ExecRelays(relays, live, commands, options);
        if (!exec.commands.isEmpty()) {
            live.addListener(exec);
        }
        return exec;
    }

    /**
     * Makes this the registry's factory for {@link RelayKind#EXEC}: {@code POST /api/v1/relays} may then
     * run any command as this server's user, so hosts enable it on purpose.
     *
     * @return this
     */
    public ExecRelays acceptRequests() {
        relays.register(RelayKind.EXEC, this);
        return this;
    }

    /**
     * Sets the server {@code {url}} points to; relays need it before the first publish.
     *
     * @param bound the RTMP server's bound address ({@code RtmpServer.localAddress()})
     * @return this
     */
    public ExecRelays serverAddress(InetSocketAddress bound) {
        this.server = Objects.requireNonNull(bound, "bound");
        return this;
    }

    /** @return how many exec relays run now (at most {@link ExecOptions#maxProcesses()}) */
    public int running() {
        return running.get();
    }

    /**
     * @param key a stream
     * @return its {@code {url}}: {@code rtmp://HOST:PORT/APP/KEY[?playQuery]}
     * @throws IllegalStateException before {@link #serverAddress} was set
     */
    public String url(StreamKey key) {
        InetSocketAddress bound = server;
        if (bound == null) {
            throw new IllegalStateException("the server address is not set yet");
        }
        InetAddress address = bound.getAddress();
        String host = address == null ? bound.getHostString()
                : address.isAnyLocalAddress() ? InetAddress.getLoopbackAddress().getHostAddress() : address.getHostAddress();
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        String query = options.playQuery().isEmpty() ? "" : "?" + options.playQuery();
        String path = key.app().isEmpty() ? key.name() : key.app() + "/" + key.name();
        return "rtmp://" + host + ":" + bound.getPort() + "/" + path + query;
    }

    /** Starts this server's commands for the new publish of {@code key}. Publisher's thread; never blocks. */
    @Override
    public void onPublished(StreamKey key) {
        StreamWatch watch = new StreamWatch(key);
        for (ExecCommand command : commands) {
            if (!command.selects(key)) {
                continue;
            }
            ExecRelay relay;
            try {
                relay = newRelay(key, command);
            } catch (IllegalStateException e) {
                log.warn("{}: exec relay not started: {}", key, e.getMessage());
                continue;
            }
            try {
                relays.add(relay);
            } catch (IllegalStateException e) { // the registry is full or closing
                log.warn("{}: exec relay not started: {}", key, e.getMessage());
                relay.stop();
                continue;
            }
            relay.whenDone().thenRun(() -> relays.forget(relay));
            watch.relays.add(relay);
            relay.start();
        }
        if (!watch.relays.isEmpty()) {
            watch.subscribe();
        }
    }

    /**
     * Starts an exec relay for a request ({@link Relays#create}).
     *
     * @throws IllegalArgumentException when the source is not {@code APP/KEY} of a live stream, the
     *     command line is malformed ({@link CommandLineException}, with the offset) or its selector does not
     *     select the source
     * @throws IllegalStateException when {@link ExecOptions#maxProcesses()} relays already run
     */
    @Override
    public Relay start(Relays registry, RelayRequest request) {
        StreamKey key = streamKey(request.source());
        ExecCommand command = ExecCommand.parse(request.destination());
        if (!command.selects(key)) {
            throw new IllegalArgumentException("the exec command's selector " + command.appGlob() + "/"
                    + command.keyGlob() + " does not select " + key);
        }
        if (!live.isLive(key)) {
            throw new IllegalArgumentException("stream " + key + " is not live: an exec relay runs while its stream is");
        }
        ExecRelay relay = newRelay(key, command);
        StreamWatch watch = new StreamWatch(key);
        watch.relays.add(relay);
        relay.start();
        watch.subscribe();
        return relay;
    }

    /**
     * @param source {@code APP/KEY}; the app may hold slashes, the key is after the last one
     * @return the stream
     * @throws IllegalArgumentException when there is no slash or a part is empty
     */
    static StreamKey streamKey(String source) {
        int slash = source.lastIndexOf('/');
        if (slash <= 0 || slash == source.length() - 1) {
            throw new IllegalArgumentException("exec relay source must be APP/KEY: '" + source + "'");
        }
        return new StreamKey(source.substring(0, slash), source.substring(slash + 1));
    }

    private ExecRelay newRelay(StreamKey key, ExecCommand command) {
        if (running.incrementAndGet() > options.maxProcesses()) {
            running.decrementAndGet();
            throw new IllegalStateException("too many exec relays (at most " + options.maxProcesses() + ")");
        }
        try {
            ExecRelay relay = new ExecRelay(relays.nextId(RelayKind.EXEC), key.toString(), command,
                    command.expand(url(key), key.app(), key.name()), options, relays);
            relay.whenDone().thenRun(running::decrementAndGet);
            return relay;
        } catch (RuntimeException e) {
            running.decrementAndGet();
            throw e;
        }
    }

    /** Stops listening for publishes; running relays are stopped by the registry ({@link Relays#stopAll()}). */
    public void close() {
        live.removeListener(this);
    }

    /** Hears the end of one publish for its exec relays and counts its media bytes for them. */
    private final class StreamWatch implements InlineSink {
        private final StreamKey key;
        final List<ExecRelay> relays = new CopyOnWriteArrayList<>();
        private LiveSubscription subscription;
        private boolean ended;

        StreamWatch(StreamKey key) {
            this.key = key;
        }

        void subscribe() {
            live.subscribe(key, this).ifPresentOrElse(this::subscribed, this::end);
        }

        private synchronized void subscribed(LiveSubscription s) {
            subscription = s;
            if (ended) {
                s.cancel();
            }
        }

        @Override
        public synchronized void onEvent(RelayEvent event) {
            if (ended) {
                return;
            }
            if (event instanceof LiveMedia m) {
                long size = m.message().payload().remaining();
                for (ExecRelay relay : relays) {
                    relay.countMedia(size);
                }
            } else if (event instanceof RelayEvent.Unpublished || event instanceof RelayEvent.Refused) {
                end();
            }
        }

        @Override
        public synchronized void onOverflow(long queuedBytes, long maxQueued) {
            end(); // not reached: nothing is ever queued
        }

        private synchronized void end() {
            ended = true;
            if (subscription != null) {
                subscription.cancel();
            }
            for (ExecRelay relay : relays) {
                relay.streamEnded();
            }
        }

        @Override
        public String toString() {
            return "exec:" + key;
        }
    }
}
