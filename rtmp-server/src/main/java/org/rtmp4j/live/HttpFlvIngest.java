package org.rtmp4j.live;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.flv.FlvDemuxer;
import org.rtmp4j.http.FlvStreamPath;
import org.rtmp4j.http.HttpExchange;
import org.rtmp4j.http.HttpHandler;
import org.rtmp4j.http.HttpHeaders;

/**
 * HTTP-FLV ingest of the live hub on the server's own HTTP listener (issue 12 §3): a {@code POST}
 * or {@code PUT} of an FLV byte stream (FLV 10.1 §E.2–§E.4) to {@code /APP/KEY.flv}, as {@code
 * ffmpeg -f flv http://HOST:PORT/APP/KEY.flv} sends it (a chunked body, RFC 9112 §7.1, or one with
 * {@code Content-Length}), publishes stream {@code KEY} of app {@code APP} through {@link
 * LiveBroadcastController#publish}: the same {@link LiveBroadcastController#authorizePublish}
 * decision, {@link PublisherPolicy} and {@link LiveOptions#maxStreams()} as an RTMP publish.
 *
 * <p>The body is demuxed as it arrives by a sans-I/O {@link FlvDemuxer}: memory per publisher is
 * bounded by one tag ({@code maxTagSize}, default {@link FlvDemuxer#DEFAULT_MAX_TAG_SIZE}, 16 MiB),
 * never the whole body. Answers:
 * <ul>
 *   <li>{@code 200} with an empty body once the body ended; the stream is unpublished then (players
 *       hear {@code NetStream.Play.UnpublishNotify}), and also when the connection closes early.</li>
 *   <li>{@code 403} with the reason as text when the publish is refused, {@code 409} when the name
 *       is already being published and the policy keeps the first publisher; the connection is
 *       closed.</li>
 *   <li>{@code 400} when the body is not FLV (bad signature, a tag over {@code maxTagSize}, an
 *       unknown tag type, malformed {@code onMetaData} AMF, a body ending inside a tag), or just a
 *       close if the answer already started; logged once at INFO with the peer, the byte offset and
 *       the reason; other streams are not affected.</li>
 *   <li>{@code 409} and a close when another publisher takes the name over ({@link
 *       PublisherPolicy#TAKEOVER}), at the next body bytes.</li>
 * </ul>
 * Mount it for both methods: {@code builder.httpRoute(HttpMethod.POST, FlvStreamPath::matches,
 * ingest).httpRoute(HttpMethod.PUT, FlvStreamPath::matches, ingest)}.
 *
 * <p>Thread-safety: one instance serves every connection; each publish runs on its connection's
 * event loop and never blocks.
 */
public final class HttpFlvIngest implements HttpHandler {
    private final LiveBroadcastController relay;
    private final int maxTagSize;
    private final AtomicLong ids = new AtomicLong();

    /** @param relay the hub to publish into; {@code maxTagSize} 16 MiB */
    public HttpFlvIngest(LiveBroadcastController relay) {
        this(relay, FlvDemuxer.DEFAULT_MAX_TAG_SIZE);
    }

    /**
     * @param relay the hub to publish into
     * @param maxTagSize the largest accepted FLV tag DataSize in bytes (the memory a publisher may
     *     hold at once); a larger tag is answered with 400
     * @throws IllegalArgumentException if {@code maxTagSize} is not positive
     * @throws NullPointerException if {@code relay} is null
     */
    public HttpFlvIngest(LiveBroadcastController relay, int maxTagSize) {
        if (relay == null) {
            throw new NullPointerException("relay");
        }
        if (maxTagSize <= 0) {
            throw new IllegalArgumentException("maxTagSize must be positive: " + maxTagSize);
        }
        this.relay = relay;
        this.maxTagSize = maxTagSize;
    }

    @Override
    public void handle(HttpExchange exchange) {
        Optional<FlvStreamPath> path = FlvStreamPath.parse(exchange.request().path());
        if (path.isEmpty()) {
            refuse(exchange, 404, "not an /APP/KEY.flv path");
            return;
        }
        StreamKey key = new StreamKey(path.get().app(), path.get().key());
        FlvIngestBody body = new FlvIngestBody(exchange, key, maxTagSize, "http-flv-ingest-" + ids.incrementAndGet());
        Ingest ingest;
        try {
            ingest = relay.publish(key, body);
        } catch (LivePublishException e) {
            Status s = e.status();
            boolean inUse = StatusCodes.PUBLISH_BAD_NAME.equals(s.code()) && relay.isLive(key);
            refuse(exchange, inUse ? 409 : 403, s.code() + ": " + s.description());
            return;
        }
        body.start(ingest);
        exchange.describeClient("http-ingest", key.toString(), () -> 0);
        exchange.onBody(body);
    }

    /**
     * Refuses an upload before it publishes: answers {@code status} with {@code reason} as
     * {@code text/plain} and {@code Connection: close}, and closes the connection at the next body
     * bytes (logged once at INFO) instead of reading an endless body. For a host's own checks in
     * front of this handler (e.g. a publish token in the query). Call it on the connection's thread,
     * from {@link HttpHandler#handle}.
     *
     * @param exchange the unanswered ingest request
     * @param status the status, e.g. 403
     * @param reason the reason, sent as the body
     * @throws IllegalStateException if the exchange was already answered
     */
    public static void refuse(HttpExchange exchange, int status, String reason) {
        answer(exchange, status, reason);
        exchange.onBody(new FlvIngestBody.Refused(status, reason));
    }

    /** A complete text answer that closes the connection (the rest of the body is not wanted). */
    static void answer(HttpExchange exchange, int status, String reason) {
        exchange.respond(status, HttpHeaders.of("Content-Type", "text/plain", "Connection", "close"),
                ByteBuffer.wrap((reason + "\n").getBytes(StandardCharsets.UTF_8)));
    }
}
