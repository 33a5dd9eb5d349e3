package org.rtmp4j.snapshot;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.rtmp4j.http.HttpExchange;
import org.rtmp4j.http.HttpHandler;
import org.rtmp4j.http.HttpHeaders;

/**
 * Serves {@link Snapshots} over the server's HTTP listener (issue 14 §3): {@code GET /APP/KEY.jpg}
 * and {@code GET /api/v1/streams/APP/KEY/snapshot.jpg} ({@link SnapshotPath}) answer {@code 200},
 * {@code Content-Type: image/jpeg}, {@code Cache-Control: no-cache}, the latest keyframe as a JPEG;
 * otherwise the {@link SnapshotResult.Reason}'s status with a {@code text/plain} reason: {@code 404}
 * when the stream is not live or has had no keyframe, {@code 503} (with {@code Retry-After}) when no
 * decoder can decode the codec, the decode timed out or the decoders are busy, {@code 500} when the
 * decoder failed. HEAD gets the same head without the body.
 *
 * <p>The handler never decodes on the event loop: a cached image is answered at once, otherwise the
 * answer is sent on the exchange's thread ({@link HttpExchange#execute}) when the decode ends. Mount
 * it with {@code RtmpServer.Builder.httpRoute(HttpMethod.GET, SnapshotPath::matches, handler)}
 * (and {@code HttpMethod.HEAD}), before any broader route of the same paths.
 *
 * <p>Thread-safety: one instance serves every connection.
 */
public final class SnapshotHandler implements HttpHandler {
    private final Snapshots snapshots;

    /** @param snapshots where images come from */
    public SnapshotHandler(Snapshots snapshots) {
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
    }

    @Override
    public void handle(HttpExchange exchange) {
        Optional<SnapshotPath> path = SnapshotPath.parse(exchange.request().path());
        if (path.isEmpty()) {
            text(exchange, 404, "not a snapshot path\n");
            return;
        }
        CompletableFuture<SnapshotResult> result = snapshots.snapshot(path.get().streamKey());
        if (result.isDone()) {
            answer(exchange, result.join());
        } else {
            result.whenComplete((r, t) -> exchange.execute(() -> answer(exchange, r != null ? r
                    : new SnapshotResult.Unavailable(SnapshotResult.Reason.DECODE_FAILED, String.valueOf(t)))));
        }
    }

    private void answer(HttpExchange exchange, SnapshotResult result) {
        if (result instanceof SnapshotResult.Image image) {
            exchange.respond(200, HttpHeaders.of("Content-Type", "image/jpeg", "Cache-Control", "no-cache"), image.body());
            return;
        }
        SnapshotResult.Unavailable u = (SnapshotResult.Unavailable) result;
        int status = u.reason().httpStatus();
        String body = u.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + u.detail() + "\n";
        if (status == 503) {
            long retry = Math.max(1, snapshots.options().interval().toSeconds());
            exchange.respond(status, HttpHeaders.of("Content-Type", "text/plain; charset=utf-8", "Cache-Control", "no-cache",
                    "Retry-After", Long.toString(retry)), utf8(body));
        } else {
            text(exchange, status, body);
        }
    }

    private static void text(HttpExchange exchange, int status, String body) {
        exchange.respond(status, HttpHeaders.of("Content-Type", "text/plain; charset=utf-8", "Cache-Control", "no-cache"),
                utf8(body));
    }

    private static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }
}
