package org.rtmp4j.examples.api;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.function.Supplier;
import org.rtmp4j.http.HttpExchange;
import org.rtmp4j.http.HttpHeaders;
import org.rtmp4j.http.HttpHandler;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.relay.Relays;
import org.rtmp4j.server.RtmpServer;

/**
 * {@code GET /metrics}: the Prometheus text exposition format 0.0.4 ({@code text/plain; version=0.0.4}),
 * written by the official client's {@link PrometheusTextFormatWriter} from a registry holding one
 * {@link ServerCollector}. Access as the API's read right ({@link ApiAccess}) unless built open.
 * Thread-safe; each scrape is formatted on the connection's event loop (a few KB per stream).
 */
public final class MetricsHandler implements HttpHandler {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final AccessGate gate;

    /**
     * @param relay the hub whose streams to expose
     * @param server the running server, or {@code null} before start (then only the relay's numbers)
     * @param access who may scrape, or {@code null} for anyone ({@code --metrics-open})
     */
    public MetricsHandler(LiveBroadcastController relay, Supplier<RtmpServer> server, ApiAccess access) {
        this(relay, server, access, null);
    }

    /**
     * @param relay the hub whose streams to expose
     * @param server the running server, or {@code null} before start (then only the relay's numbers)
     * @param access who may scrape, or {@code null} for anyone ({@code --metrics-open})
     * @param relays the server's relays (counts by kind and state, bytes per relay), or {@code null} for none
     */
    public MetricsHandler(LiveBroadcastController relay, Supplier<RtmpServer> server, ApiAccess access, Relays relays) {
        registry.register(new ServerCollector(relay, server, relays));
        this.gate = access == null ? null : new AccessGate(access);
    }

    @Override
    public void handle(HttpExchange exchange) {
        if (gate != null && !gate.admit(exchange, ApiAccess.Right.READ)) {
            return;
        }
        exchange.respond(200, HttpHeaders.of("Content-Type", writer.getContentType(), "Cache-Control", "no-store"),
                ByteBuffer.wrap(scrape()));
    }

    /** @return one scrape in the text format */
    byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }
}
