package org.rtmp4j.live;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;
import org.rtmp4j.core.session.OutboundLimits;
import org.rtmp4j.http.FlvStreamPath;
import org.rtmp4j.http.HttpExchange;
import org.rtmp4j.http.HttpHandler;
import org.rtmp4j.http.HttpHeaders;
import org.rtmp4j.http.HttpResponseStream;

/**
 * HTTP-FLV and WebSocket-FLV players of the live hub on the server's own HTTP listener (issue 12
 * §3): {@code GET /APP/KEY.flv} answers {@code 200}, {@code Content-Type: video/x-flv}, {@code
 * Cache-Control: no-cache}, chunked on HTTP/1.1 (close-delimited on HTTP/1.0), the CORS header from
 * the listener's {@code HttpOptions}; with {@code Upgrade: websocket} the same bytes go as one binary
 * message per FLV tag (RFC 6455 §5.6). The body is the FLV header with the stream's real track
 * flags, {@code onMetaData}, the sequence headers, the cached GOP from a keyframe, then the live tags
 * (FLV 10.1 §E.2–§E.4), each a read-only slice of the one tag every FLV player shares. A name that
 * is not live is {@code 404} unless {@code waitIfNotLive}. First of all the relay's one play decision,
 * {@link LiveBroadcastController#authorizePlay} ({@link PlayerKind#HTTP_FLV} or {@link
 * PlayerKind#WS_FLV}, with the request target's query), may refuse: {@code 403} with the refusal's
 * description as text, logged once at INFO with the peer.
 *
 * <p>The player runs on its connection's event loop; the hub's slow-output policy ({@link
 * #HttpFlvPlayer(LiveBroadcastController, OutboundLimits, boolean)}) compares the connection's queued
 * bytes: video is dropped to the next keyframe above the high watermark, and the connection is
 * closed past the hard cap. A player that leaves is unsubscribed. When the publisher leaves
 * ({@code NetStream.Play.UnpublishNotify} for RTMP players) the body ends: the last chunk, or the
 * WebSocket close; a player reconnects for the next publisher. Mount it with {@code
 * RtmpServer.Builder.httpRoute(HttpMethod.GET, FlvStreamPath::matches, new HttpFlvPlayer(relay))}.
 *
 * <p>Thread-safety: one instance serves every connection.
 */
public final class HttpFlvPlayer implements HttpHandler {

    private final LiveBroadcastController relay;
    private final OutboundLimits limits;
    private final boolean waitIfNotLive;

    /** @param relay the hub whose streams to play; {@link OutboundLimits#DEFAULT}, 404 when not live */
    public HttpFlvPlayer(LiveBroadcastController relay) {
        this(relay, OutboundLimits.DEFAULT, false);
    }

    /**
     * @param relay the hub whose streams to play
     * @param limits the slow-player bounds, compared with the connection's queued bytes
     * @param waitIfNotLive whether a name that is not live is answered {@code 200} and waits for its
     *     publisher (as RTMP players do) instead of {@code 404}
     */
    public HttpFlvPlayer(LiveBroadcastController relay, OutboundLimits limits, boolean waitIfNotLive) {
        this.relay = Objects.requireNonNull(relay, "relay");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.waitIfNotLive = waitIfNotLive;
    }

    @Override
    public void handle(HttpExchange exchange) {
        Optional<FlvStreamPath> path = FlvStreamPath.parse(exchange.request().path());
        if (path.isEmpty()) {
            exchange.respond(404, HttpHeaders.EMPTY, ByteBuffer.allocate(0));
            return;
        }
        StreamKey key = new StreamKey(path.get().app(), path.get().key());
        HttpPlayStart.start(exchange, relay, key, PlayerKind.HTTP_FLV, PlayerKind.WS_FLV, "video/x-flv", waitIfNotLive)
                .ifPresent(started -> {
                    HttpResponseStream stream = started.stream();
                    FlvSink sink = new FlvSink(new StreamWriter(stream), stream.executorKey(), stream::inStreamThread,
                            stream::execute, limits, started.kind());
                    HttpPlayStart.subscribe(exchange, relay, key, started, sink);
                });
    }

    /** The FLV bytes onto the connection, without copying. */
    private static final class StreamWriter implements FlvSubscriber {
        private final HttpResponseStream stream;

        StreamWriter(HttpResponseStream stream) {
            this.stream = stream;
        }

        @Override
        public void onFlv(ByteBuffer bytes) {
            stream.write(bytes);
        }

        @Override
        public void onFlv(ByteBuffer bytes, long holdNanos) {
            stream.write(bytes, holdNanos);
        }

        @Override
        public long queuedBytes() {
            return stream.queuedBytes();
        }

        /**
         * The publisher left: the body ends (last chunk, or the WebSocket closes), as ffmpeg's RTMP
         * player ends on {@code UnpublishNotify}; one FLV body carries one publisher's stream.
         */
        @Override
        public void onLive(boolean live) {
            if (!live) {
                stream.end();
            }
        }

        @Override
        public void onEnd(Throwable cause) {
            stream.abort();
        }

        @Override
        public String toString() {
            return String.valueOf(stream);
        }
    }
}
