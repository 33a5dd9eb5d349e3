package org.rtmp4j.live;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;
import org.rtmp4j.core.session.OutboundLimits;
import org.rtmp4j.http.Fmp4StreamPath;
import org.rtmp4j.http.HttpExchange;
import org.rtmp4j.http.HttpHandler;
import org.rtmp4j.http.HttpHeaders;

/**
 * Live fragmented-MP4 players of the hub on the server's own HTTP listener (issue 13, "fMP4 live
 * stream"): {@code GET /APP/KEY.mp4} answers {@code 200}, {@code Content-Type: video/mp4}, {@code
 * Cache-Control: no-cache}, chunked on HTTP/1.1 (close-delimited on HTTP/1.0), the CORS header from
 * the listener's {@code HttpOptions}; with {@code Upgrade: websocket} the same bytes go as binary
 * messages (RFC 6455 §5.6), one per init segment or fragment. The body is the init segment ({@code
 * ftyp}+{@code moov}, ISO/IEC 14496-12 §4.3, §8.2), then one {@code moof}+{@code mdat} per video
 * sample (§8.8) from the cached GOP's keyframe on, then live: what a browser appends to a Media
 * Source Extensions {@code SourceBuffer} with no demuxing library.
 *
 * <p>Before anything is answered the play decision runs ({@link
 * LiveBroadcastController#authorizePlay} with {@link PlayerKind#HTTP_FMP4} or {@link
 * PlayerKind#WS_FMP4} and the request's query string): a refusal is {@code 403} with its
 * description. A name that is not live is {@code 404} unless {@code waitIfNotLive}.
 *
 * <p>The player runs on its connection's event loop with the hub's slow-output policy of the given
 * {@link OutboundLimits} (video dropped to the next keyframe above the high watermark, the
 * connection closed past the hard cap), as {@link HttpFlvPlayer}. The body ends when the publisher
 * leaves, and when the stream's codec configuration changes mid-stream (a new init segment would be
 * needed): the player reconnects and starts from the new init segment. The stream is muxed once per
 * publisher, however many players it has: every player writes the same shared fragment bytes (from
 * the first fragment that starts with a sync sample), as HTTP-FLV players share one FLV tag per
 * message. Mount it with {@code RtmpServer.Builder.httpRoute(
 * HttpMethod.GET, Fmp4StreamPath::matches, new Fmp4Player(relay))}.
 *
 * <p>Thread-safety: one instance serves every connection.
 */
public final class Fmp4Player implements HttpHandler {
    private final LiveBroadcastController relay;
    private final OutboundLimits limits;
    private final boolean waitIfNotLive;

    /** @param relay the hub whose streams to play; {@link OutboundLimits#DEFAULT}, 404 when not live */
    public Fmp4Player(LiveBroadcastController relay) {
        this(relay, OutboundLimits.DEFAULT, false);
    }

    /**
     * @param relay the hub whose streams to play
     * @param limits the slow-player bounds, compared with the connection's queued bytes
     * @param waitIfNotLive whether a name that is not live is answered {@code 200} and waits for its
     *     publisher instead of {@code 404}
     * @throws NullPointerException if {@code relay} or {@code limits} is null
     */
    public Fmp4Player(LiveBroadcastController relay, OutboundLimits limits, boolean waitIfNotLive) {
        this.relay = Objects.requireNonNull(relay, "relay");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.waitIfNotLive = waitIfNotLive;
    }

    @Override
    public void handle(HttpExchange exchange) {
        Optional<Fmp4StreamPath> path = Fmp4StreamPath.parse(exchange.request().path());
        if (path.isEmpty()) {
            exchange.respond(404, HttpHeaders.EMPTY, ByteBuffer.allocate(0));
            return;
        }
        StreamKey key = new StreamKey(path.get().app(), path.get().key());
        HttpPlayStart.start(exchange, relay, key, PlayerKind.HTTP_FMP4, PlayerKind.WS_FMP4, "video/mp4", waitIfNotLive)
                .ifPresent(started -> HttpPlayStart.subscribe(exchange, relay, key, started,
                        new Fmp4Sink(started.stream(), limits, started.kind())));
    }
}
