package org.rtmp4j.hls;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.http.HttpExchange;
import org.rtmp4j.http.HttpHandler;
import org.rtmp4j.http.HttpHeaders;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.PlayAttempt;
import org.rtmp4j.live.PlayDecision;
import org.rtmp4j.live.PlayerGroup;
import org.rtmp4j.live.PlayerGroupSource;
import org.rtmp4j.live.PlayerKind;
import org.rtmp4j.live.StreamKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HLS and Low-Latency HLS (RFC 8216bis) served from memory by the server's own HTTP listener, for
 * the paths of {@link HlsPath}. Mount it with {@code RtmpServer.Builder.httpRoute(HttpMethod.GET,
 * HlsPath::matches, handler)} (and {@code HEAD}); {@code close()} it after the server stops.
 *
 * <ul>
 *   <li>{@code GET /APP/KEY.m3u8}: {@code 200 application/vnd.apple.mpegurl}, {@code Cache-Control:
 *       no-cache}; {@code 404} when the name is not live (asked after the play decision, so a refused
 *       client cannot probe names) and no on-demand pull is on its way ({@code
 *       LiveBroadcastController.resolveStream}: an edge pulls for HLS viewers too, and the request is held
 *       while the pull starts). The first request of a name starts its
 *       {@link HlsStream} (subscribed to the hub; the cached GOP makes the first segment) and is held
 *       until a segment exists. Blocking reload ({@code _HLS_msn}, {@code _HLS_part}, RFC 8216bis
 *       §6.2.5.2) is held on no thread: the exchange is parked and answered from the loop when the
 *       part appears; past {@link HlsOptions#blockingTimeout()} {@code 503}; a request too far ahead
 *       {@code 400}; more than {@link HlsOptions#maxBlockedRequests()} parked per stream {@code 503}.
 *       Delta updates with {@code _HLS_skip=YES} (§6.2.5.1).</li>
 *   <li>Init segments, segments and parts: {@code 200 video/mp4} (fMP4; {@code video/mp2t} for
 *       MPEG-TS), {@code Cache-Control: public, max-age=31536000, immutable}: a URI carries the stream
 *       instance and never names other bytes. An expired or unknown one is {@code 404}. A request
 *       for the part being written (the preload hint, §4.4.5.3) or the one after it is held until
 *       it exists, with the same deadline and bound.</li>
 *   <li>Viewing sessions: a playlist request without a known {@code hls_ctx} runs the play decision
 *       ({@link LiveBroadcastController#authorizePlay} with {@link PlayerKind#HLS}; a refusal is
 *       {@code 403} with its description) and, accepted, opens a session whose 128-bit token every
 *       URI of the playlist carries as {@code ?hls_ctx=TOKEN}. Requests with a known token skip the
 *       decision. A segment request without a token runs the decision each time (a CDN fetching
 *       segments has none) but opens nothing; with an unknown well-formed token (a restarted
 *       server, an expired session) the decision runs again and, accepted, the session is reopened
 *       under that token. Sessions end {@link HlsOptions#idleTimeout()} after their last request;
 *       {@link #sessionCount(StreamKey)} counts them.</li>
 * </ul>
 *
 * <p>CORS: the listener adds {@code Access-Control-Allow-Origin} ({@code HttpOptions.allowOrigin},
 * default {@code *}) and answers preflight {@code OPTIONS}. One timer thread ({@code rtmp4j-hls-timer},
 * daemon, every 50 ms) answers parked requests at their deadline and stops idle streams; every answer
 * is written on its connection's own loop ({@link HttpExchange#execute}).
 *
 * <p>Thread-safety: one instance serves every connection.
 */
public final class HlsHandler implements HttpHandler, AutoCloseable {
    /** {@code Content-Type} of playlists (RFC 8216bis §4). */
    public static final String PLAYLIST_TYPE = "application/vnd.apple.mpegurl";
    /** {@code Content-Type} of fMP4 init segments, segments and parts (RFC 8216bis §3.1.2). */
    public static final String FMP4_TYPE = "video/mp4";
    /** {@code Content-Type} of MPEG-TS segments and parts (RFC 8216bis §3.1.1). */
    public static final String TS_TYPE = "video/mp2t";
    /** {@code Cache-Control} of init segments, segments and parts. */
    public static final String IMMUTABLE = "public, max-age=31536000, immutable";
    private static final Logger log = LoggerFactory.getLogger(HlsHandler.class);
    private static final long TICK_MS = 50;

    private final LiveBroadcastController relay;
    private final HlsOptions options;
    private final LongSupplier nanos;
    private final HlsSessions sessions;
    private final HlsStreams streams;
    private final HlsDiskWriter diskWriter;
    private final ScheduledExecutorService timer;
    /** HLS viewers in the hub's player counts by kind (API, metrics): one per open viewing session. */
    private final PlayerGroupSource viewers;

    /**
     * Memory only.
     *
     * @param relay the hub whose streams to serve
     * @param options segment and part durations, container, limits
     */
    public HlsHandler(LiveBroadcastController relay, HlsOptions options) {
        this(relay, options, null);
    }

    /**
     * @param relay the hub whose streams to serve
     * @param options segment and part durations, container, limits
     * @param dir also write playlists and segments under {@code DIR/APP/} (atomically: a temporary
     *     file, then a rename; expired segments deleted; one writer thread with a bounded queue), or
     *     {@code null} for memory only
     */
    public HlsHandler(LiveBroadcastController relay, HlsOptions options, Path dir) {
        this(relay, options, dir, Clock.systemUTC(), System::nanoTime);
    }

    HlsHandler(LiveBroadcastController relay, HlsOptions options, Path dir, Clock clock, LongSupplier nanos) {
        this.relay = Objects.requireNonNull(relay, "relay");
        this.options = Objects.requireNonNull(options, "options");
        this.nanos = nanos;
        this.sessions = new HlsSessions(options.idleTimeout().toNanos(), HlsSessions.DEFAULT_MAX_SESSIONS);
        this.diskWriter = dir == null ? null : new HlsDiskWriter(dir, HlsDiskWriter.DEFAULT_MAX_QUEUED);
        this.streams = new HlsStreams(relay, options, clock, nanos, diskWriter == null ? HlsDisk.NONE : diskWriter);
        relay.addListener(streams);
        this.viewers = key -> {
            int n = sessions.count(key);
            return n == 0 ? Map.of() : Map.of(PlayerKind.HLS, new PlayerGroup(n, 0, 0));
        };
        relay.control().addPlayerGroupSource(viewers);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rtmp4j-hls-timer");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    /** @return the options */
    public HlsOptions options() {
        return options;
    }

    /**
     * @param key a stream
     * @return its open HLS viewing sessions (one per {@code hls_ctx} token), for player counts by kind
     */
    public int sessionCount(StreamKey key) {
        return sessions.count(key);
    }

    /** @return the open HLS viewing sessions per stream */
    public Map<StreamKey, Integer> sessionCounts() {
        return sessions.counts();
    }

    /**
     * @param key a stream
     * @return the bytes its HLS output holds in memory (init segments, segments, parts), 0 if none
     */
    public long retainedBytes(StreamKey key) {
        return streams.get(key).map(HlsStream::retainedBytes).orElse(0L);
    }

    /**
     * @param key a stream
     * @return the requests parked on it (blocking reloads, held parts, first playlists)
     */
    public int blockedRequests(StreamKey key) {
        return streams.get(key).map(HlsStream::blockedCount).orElse(0);
    }

    /** @return completes when the disk copy queued so far is written (tests); at once without a directory */
    java.util.concurrent.CompletableFuture<Void> diskFlushed() {
        return diskWriter == null ? java.util.concurrent.CompletableFuture.completedFuture(null) : diskWriter.flushed();
    }

    private void tick() {
        try {
            streams.tick();
            sessions.expire(nanos.getAsLong());
        } catch (RuntimeException e) {
            log.warn("HLS timer failed", e);
        }
    }

    @Override
    public void handle(HttpExchange exchange) {
        Optional<HlsPath> parsed = HlsPath.parse(exchange.request().path());
        if (parsed.isEmpty()) {
            text(exchange, 404, "not an HLS path");
            return;
        }
        HlsPath path = parsed.get();
        StreamKey key = path.streamKey();
        String target = exchange.request().target();
        int q = target.indexOf('?');
        String query = q < 0 ? "" : target.substring(q + 1);
        String token;
        try {
            token = HlsQuery.token(query);
        } catch (IllegalArgumentException e) {
            text(exchange, 400, e.getMessage());
            return;
        }
        BlockingRequest request = BlockingRequest.NONE;
        if (path.type() == HlsPath.Type.PLAYLIST) {
            try {
                request = BlockingRequest.parse(query);
            } catch (HlsRequestException e) {
                text(exchange, e.status(), e.reason());
                return;
            }
        }
        long now = nanos.getAsLong();
        boolean known = token != null && sessions.touch(token, key, now);
        if (!known) {
            Status refusal = PlayDecision.authorize(relay,
                    new PlayAttempt(key, PlayerKind.HLS, exchange.remoteAddress(), query));
            if (refusal != null) {
                log.info("HLS play of {} refused for {}: {}", key, exchange.remoteAddress(), refusal.description());
                text(exchange, 403, refusal.description());
                return;
            }
            if (path.type() == HlsPath.Type.PLAYLIST && streams.get(key).isEmpty()
                    && !PlayDecision.liveOrResolving(relay, key)) { // an edge's pull makes it wait
                text(exchange, 404, key + " is not live"); // before any session: no viewer of nothing
                return;
            }
            if (token == null && path.type() == HlsPath.Type.PLAYLIST) {
                token = sessions.newToken();
            }
            if (token != null && !sessions.open(token, key, now)) {
                text(exchange, 503, "too many HLS sessions");
                return;
            }
        }
        if (path.type() == HlsPath.Type.PLAYLIST) {
            playlist(exchange, key, request, token);
        } else {
            resource(exchange, path);
        }
    }

    private void playlist(HttpExchange exchange, StreamKey key, BlockingRequest request, String token) {
        Optional<HlsStream> found = streams.getOrStart(key);
        if (found.isEmpty()) {
            text(exchange, 404, key + " is not live");
            return;
        }
        HlsStream stream = found.get();
        stream.touch(nanos.getAsLong());
        ParkedPlaylist parked = new ParkedPlaylist(exchange, stream, request, "?" + HlsQuery.TOKEN + "=" + token,
                nanos.getAsLong() + options.blockingTimeout().toNanos());
        try {
            if (stream.hasSegmentsOrPark(parked.deadline, parked)) {
                parked.wake(false);
            }
        } catch (HlsRequestException e) {
            text(exchange, e.status(), e.reason());
        }
    }

    /**
     * A playlist request waiting for the first segment, then for its blocking condition (RFC 8216bis
     * §6.2.5.2); each wake checks again, so a wake that came early parks it again with the same
     * deadline. Answers go to the exchange's own loop.
     */
    private static final class ParkedPlaylist implements HlsStream.Waiter {
        final HttpExchange exchange;
        final HlsStream stream;
        final BlockingRequest request;
        final String suffix;
        final long deadline;

        ParkedPlaylist(HttpExchange exchange, HlsStream stream, BlockingRequest request, String suffix, long deadline) {
            this.exchange = exchange;
            this.stream = stream;
            this.request = request;
            this.suffix = suffix;
            this.deadline = deadline;
        }

        @Override
        public void wake(boolean timedOut) {
            if (timedOut) {
                exchange.execute(() -> text(exchange, 503, "the playlist did not reach the requested part in time"));
                return;
            }
            try {
                if (!request.blocking() || stream.readyOrPark(request, deadline, this)) {
                    exchange.execute(() -> sendPlaylist(exchange, stream, request, suffix));
                }
            } catch (HlsRequestException e) {
                exchange.execute(() -> text(exchange, e.status(), e.reason()));
            }
        }
    }

    private static void sendPlaylist(HttpExchange exchange, HlsStream stream, BlockingRequest request, String suffix) {
        if (stream.stopped()) {
            text(exchange, 404, stream.key() + " is not live");
            return;
        }
        byte[] body = stream.render(request.skip(), suffix).getBytes(StandardCharsets.UTF_8);
        exchange.respond(200, HttpHeaders.of("Content-Type", PLAYLIST_TYPE, "Cache-Control", "no-cache"),
                ByteBuffer.wrap(body));
    }

    private void resource(HttpExchange exchange, HlsPath path) {
        Optional<HlsStream> found = streams.get(path.streamKey()).filter(s -> s.instance().equals(path.instance()));
        if (found.isEmpty()) {
            text(exchange, 404, "no such HLS stream instance");
            return;
        }
        HlsStream stream = found.get();
        stream.touch(nanos.getAsLong());
        String type = path.ts() ? TS_TYPE : FMP4_TYPE;
        ByteBuffer bytes = lookup(stream, path);
        if (bytes != null) {
            send(exchange, type, bytes);
            return;
        }
        if (path.type() == HlsPath.Type.PART && stream.upcoming(path.number(), path.part())) {
            long deadline = nanos.getAsLong() + options.blockingTimeout().toNanos();
            boolean parked = stream.park(path.number(), path.part(), deadline, timedOut -> exchange.execute(() -> {
                ByteBuffer b = timedOut ? null : lookup(stream, path);
                if (b != null) {
                    send(exchange, type, b);
                } else {
                    text(exchange, 404, "part " + path.number() + "." + path.part() + " does not exist");
                }
            }));
            if (!parked) {
                text(exchange, 503, "too many blocked requests");
            }
            return;
        }
        text(exchange, 404, "expired or unknown");
    }

    private static ByteBuffer lookup(HlsStream stream, HlsPath path) {
        return switch (path.type()) {
            case INIT -> path.ts() ? null : stream.init((int) path.number());
            case SEGMENT -> stream.segment(path.number());
            case PART -> stream.part(path.number(), path.part());
            case PLAYLIST -> null;
        };
    }

    private static void send(HttpExchange exchange, String type, ByteBuffer bytes) {
        exchange.respond(200, HttpHeaders.of("Content-Type", type, "Cache-Control", IMMUTABLE), bytes);
    }

    private static void text(HttpExchange exchange, int status, String message) {
        exchange.respond(status, HttpHeaders.of("Content-Type", "text/plain; charset=utf-8", "Cache-Control", "no-cache"),
                ByteBuffer.wrap((message + "\n").getBytes(StandardCharsets.UTF_8)));
    }

    /** Stops the timer, every HLS stream (unsubscribing from the hub) and the disk writer. Idempotent. */
    @Override
    public void close() {
        timer.shutdownNow();
        relay.removeListener(streams);
        relay.control().removePlayerGroupSource(viewers);
        streams.stopAll();
        if (diskWriter != null) {
            diskWriter.close();
        }
    }
}
