package org.rtmp4j.examples.api;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rtmp4j.live.PlayerKind;
import org.rtmp4j.live.StreamDetails;
import org.rtmp4j.live.StreamInfo;
import org.rtmp4j.server.ClientInfo;
import org.rtmp4j.server.ServerMetrics;

/**
 * The JSON shapes of the API (README "HTTP API and metrics"): plain ordered maps, written by
 * {@link org.rtmp4j.examples.Json}. Field names are snake_case as the issue names them; the list
 * envelopes use mediamtx's {@code itemCount}/{@code pageCount}. Stateless.
 */
final class ApiViews {
    private ApiViews() {}

    /**
     * @param d a stream's snapshot
     * @return {@code stream_id}, {@code app}, {@code key}, {@code live}, {@code start_time} (ISO-8601 UTC or
     *     null), {@code uptime_seconds}, {@code video} ({@code codec}, {@code width}, {@code height},
     *     {@code frame_rate} or null; null when no video is known), {@code audio} ({@code codec},
     *     {@code sample_rate}, {@code channels}; or null), {@code bitrate} (bit/s), {@code players} (every
     *     {@link PlayerKind} label to its count, plus {@code total}), {@code bytes_in}, {@code bytes_out},
     *     {@code messages_in}, {@code dropped_messages}, {@code publisher} ({@code id}, {@code protocol},
     *     {@code address}; null when not live)
     */
    static Map<String, Object> stream(StreamDetails d) {
        StreamInfo i = d.info();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stream_id", i.key().toString());
        m.put("app", i.key().app());
        m.put("key", i.key().name());
        m.put("live", i.live());
        m.put("start_time", i.publishingSince() == null ? null : i.publishingSince().toString());
        m.put("uptime_seconds", i.uptime().toSeconds());
        Map<String, Object> video = null;
        if (i.videoCodec() != null) {
            video = new LinkedHashMap<>();
            video.put("codec", i.videoCodec());
            video.put("width", i.width());
            video.put("height", i.height());
            video.put("frame_rate", Double.isNaN(i.frameRate()) ? null : i.frameRate());
        }
        m.put("video", video);
        Map<String, Object> audio = null;
        if (i.audioCodec() != null) {
            audio = new LinkedHashMap<>();
            audio.put("codec", i.audioCodec());
            audio.put("sample_rate", i.sampleRate());
            audio.put("channels", i.channels());
        }
        m.put("audio", audio);
        m.put("bitrate", i.bitrate());
        Map<String, Object> players = new LinkedHashMap<>();
        for (PlayerKind k : PlayerKind.values()) {
            players.put(k.label(), d.players(k).players());
        }
        players.put("total", d.playerCount());
        m.put("players", players);
        m.put("bytes_in", i.bytesIn());
        m.put("bytes_out", d.bytesOut());
        m.put("messages_in", i.messagesIn());
        m.put("dropped_messages", i.droppedMessages());
        Map<String, Object> publisher = null;
        if (d.publisherProtocol() != null) {
            publisher = new LinkedHashMap<>();
            publisher.put("id", d.publisherId());
            publisher.put("protocol", d.publisherProtocol());
            publisher.put("address", address(d.publisherAddress()));
        }
        m.put("publisher", publisher);
        return m;
    }

    /**
     * The server's totals for the web console (the same calls {@code /metrics} and the status line read).
     *
     * @param m the server's counters
     * @param streams every stream's snapshot (live or with waiting players)
     * @param startedAt when the server started, or {@code null} if unknown
     * @param now the current time
     * @param write whether the caller may DELETE (the console shows its kick buttons then)
     * @return {@code started_at} (ISO-8601 UTC or null), {@code uptime_seconds}, {@code connections_active},
     *     {@code connections_total}, {@code connections_rejected}, {@code bytes_in}, {@code bytes_out} (every
     *     connection, bytes on the wire since start), {@code streams} (live), {@code players} (every stream and
     *     kind: as {@code players.total} summed), {@code dropped_messages} (of the connections open now), {@code
     *     access} ({@code read}, {@code write})
     */
    static Map<String, Object> server(ServerMetrics m, List<StreamDetails> streams, Instant startedAt, Instant now,
            boolean write) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("started_at", startedAt == null ? null : startedAt.toString());
        out.put("uptime_seconds", startedAt == null ? 0 : Math.max(0, Duration.between(startedAt, now).toSeconds()));
        out.put("connections_active", m.activeConnections());
        out.put("connections_total", m.totalConnections());
        out.put("connections_rejected", m.rejectedConnections());
        out.put("bytes_in", m.bytesIn());
        out.put("bytes_out", m.bytesOut());
        out.put("streams", streams.stream().filter(d -> d.info().live()).count());
        out.put("players", streams.stream().mapToInt(StreamDetails::playerCount).sum());
        out.put("dropped_messages", m.droppedMediaMessages());
        Map<String, Object> access = new LinkedHashMap<>();
        access.put("read", true);
        access.put("write", write);
        out.put("access", access);
        return out;
    }

    /**
     * @param c a connection's snapshot
     * @return {@code id}, {@code kind}, {@code protocol} ({@code rtmp}, {@code rtmps}, {@code rtmpt}, {@code
     *     rtmpts}, {@code http}, {@code https}), {@code address}, {@code stream}, {@code bytes_in}, {@code
     *     bytes_out}, {@code connected_since} (ISO-8601 UTC), {@code rtt_ms} (or null), {@code dropped_messages}
     */
    static Map<String, Object> client(ClientInfo c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("kind", c.kind());
        m.put("protocol", c.protocol());
        m.put("address", address(c.remoteAddress()));
        m.put("stream", c.stream());
        m.put("bytes_in", c.bytesIn());
        m.put("bytes_out", c.bytesOut());
        m.put("connected_since", c.connectedSince().toString());
        m.put("rtt_ms", c.rttMillis());
        m.put("dropped_messages", c.droppedMessages());
        return m;
    }

    /** @return {@code HOST:PORT} ({@code [V6]:PORT}), or null */
    static String address(SocketAddress a) {
        if (a instanceof InetSocketAddress i) {
            String host = i.getAddress() != null ? i.getAddress().getHostAddress() : i.getHostString();
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + i.getPort();
        }
        return a == null ? null : a.toString();
    }

    /**
     * @param reason what is wrong
     * @return {@code {"error": reason}}
     */
    static Map<String, Object> error(String reason) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", reason);
        return m;
    }
}
