package org.rtmp4j.examples.api;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.LiveStats;
import org.rtmp4j.live.PlayerGroup;
import org.rtmp4j.live.PlayerKind;
import org.rtmp4j.live.StreamDetails;
import org.rtmp4j.relay.RelayInfo;
import org.rtmp4j.relay.RelayKind;
import org.rtmp4j.relay.RelayState;
import org.rtmp4j.relay.Relays;
import org.rtmp4j.server.RtmpServer;
import org.rtmp4j.server.ServerMetrics;

/**
 * A Prometheus collector that reads the library's snapshots at scrape time ({@link RtmpServer#metrics()},
 * {@link RtmpServer#clients()}, {@link LiveBroadcastController#stats()} and {@code control().streams()}), so
 * nothing is counted twice and the numbers are the ones {@code /api/v1/streams} and the status line show.
 * Names (the text format adds {@code _total} to counters):
 *
 * <ul>
 *   <li>{@code rtmp4j_connections_active}, {@code rtmp4j_connections_total}, {@code
 *       rtmp4j_connections_rejected_total{reason}} ({@code max_connections}: refused at accept;
 *       {@code per_ip_eviction}: the oldest pending connection of an address closed for a newer one), {@code rtmp4j_received_bytes_total},
 *       {@code rtmp4j_sent_bytes_total}, {@code rtmp4j_protocol_errors_total{kind}} (kinds as
 *       {@code ClientDirectory.protocolErrors()}), {@code rtmp4j_streams_active}, {@code rtmp4j_publishes_total},
 *       {@code rtmp4j_players} (the sum of the per-kind player counts, as the API's {@code players.total});</li>
 *   <li>per stream ({@code stream="APP/KEY"}): {@code rtmp4j_stream_received_bytes_total} (from the current
 *       publisher; resets with a new one), {@code rtmp4j_stream_bitrate_bits_per_second}; and per stream and
 *       player kind ({@code kind="rtmp"}, {@code "http-flv"}, ...): {@code rtmp4j_stream_players},
 *       {@code rtmp4j_stream_player_sent_bytes} and {@code rtmp4j_stream_player_dropped_messages} (sums over
 *       the players connected now, so gauges: they fall when a player leaves);</li>
 *   <li>with relays (issue 15 §4): {@code rtmp4j_relays{kind,state}} (relays held now, every kind and state) and
 *       {@code rtmp4j_relay_bytes_total{id,kind}} (media bytes each relay moved).</li>
 * </ul>
 *
 * Thread-safe; each scrape takes fresh snapshots.
 */
final class ServerCollector implements MultiCollector {
    private final LiveBroadcastController relay;
    private final Supplier<RtmpServer> server;
    private final Relays relays;

    ServerCollector(LiveBroadcastController relay, Supplier<RtmpServer> server) {
        this(relay, server, null);
    }

    ServerCollector(LiveBroadcastController relay, Supplier<RtmpServer> server, Relays relays) {
        this.relay = relay;
        this.server = server;
        this.relays = relays;
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> out = new ArrayList<>();
        RtmpServer s = server.get();
        if (s != null) {
            ServerMetrics m = s.metrics();
            out.add(gauge("rtmp4j_connections_active", "Connections open now (RTMP and HTTP).", m.activeConnections()));
            out.add(counter("rtmp4j_connections", "Connections accepted since start.", m.totalConnections()));
            out.add(CounterSnapshot.builder().name("rtmp4j_connections_rejected")
                    .help("Connections refused or closed by a connection limit, by reason.")
                    .dataPoint(counterPoint(Labels.of("reason", "max_connections"), m.rejectedConnections()))
                    .dataPoint(counterPoint(Labels.of("reason", "per_ip_eviction"), m.evictedPerIp())).build());
            out.add(counter("rtmp4j_received_bytes", "Bytes read from every connection since start.", m.bytesIn()));
            out.add(counter("rtmp4j_sent_bytes", "Bytes written to every connection since start.", m.bytesOut()));
            CounterSnapshot.Builder errors = CounterSnapshot.builder().name("rtmp4j_protocol_errors")
                    .help("Connections closed for a protocol error, by kind.");
            for (Map.Entry<String, Long> e : s.clients().protocolErrors().entrySet()) {
                errors.dataPoint(counterPoint(Labels.of("kind", e.getKey()), e.getValue()));
            }
            out.add(errors.build());
        }
        LiveStats live = relay.stats();
        List<StreamDetails> streams = relay.control().streams();
        out.add(gauge("rtmp4j_streams_active", "Stream names being published now.", live.activeStreams()));
        out.add(counter("rtmp4j_publishes", "Publishes accepted since start.", live.totalStreams()));
        out.add(gauge("rtmp4j_players", "Players now, every stream and kind (waiting ones included; recorders are not players).",
                streams.stream().mapToInt(StreamDetails::playerCount).sum()));
        out.addAll(perStream(streams));
        if (relays != null) {
            out.addAll(relays(relays.list()));
        }
        return new MetricSnapshots(out);
    }

    /** {@code rtmp4j_relays{kind,state}} (every pair, zeros included) and {@code rtmp4j_relay_bytes_total{id,kind}}. */
    private static List<MetricSnapshot> relays(List<RelayInfo> all) {
        Map<RelayKind, Map<RelayState, Integer>> counts = new EnumMap<>(RelayKind.class);
        CounterSnapshot.Builder bytes = CounterSnapshot.builder().name("rtmp4j_relay_bytes")
                .help("Media bytes a relay moved over all its attempts (sent for push, received for pull, given to the process for exec).");
        for (RelayInfo r : all) {
            counts.computeIfAbsent(r.kind(), k -> new EnumMap<>(RelayState.class)).merge(r.state(), 1, Integer::sum);
            bytes.dataPoint(counterPoint(Labels.of("id", r.id(), "kind", r.kind().label()), r.bytes()));
        }
        GaugeSnapshot.Builder relays = GaugeSnapshot.builder().name("rtmp4j_relays")
                .help("Relays held now, by kind and state.");
        for (RelayKind k : RelayKind.values()) {
            for (RelayState st : RelayState.values()) {
                int n = counts.getOrDefault(k, Map.of()).getOrDefault(st, 0);
                relays.dataPoint(gaugePoint(Labels.of("kind", k.label(), "state", st.label()), n));
            }
        }
        return List.of(relays.build(), bytes.build());
    }

    private static List<MetricSnapshot> perStream(List<StreamDetails> streams) {
        CounterSnapshot.Builder received = CounterSnapshot.builder().name("rtmp4j_stream_received_bytes")
                .help("Audio and video payload bytes from the stream's current publisher.");
        GaugeSnapshot.Builder bitrate = GaugeSnapshot.builder().name("rtmp4j_stream_bitrate_bits_per_second")
                .help("Audio plus video bitrate over the last seconds of media time.");
        GaugeSnapshot.Builder players = GaugeSnapshot.builder().name("rtmp4j_stream_players")
                .help("Players of the stream now, by kind.");
        GaugeSnapshot.Builder sent = GaugeSnapshot.builder().name("rtmp4j_stream_player_sent_bytes")
                .help("Audio and video payload bytes sent to the stream's current players, by kind.");
        GaugeSnapshot.Builder dropped = GaugeSnapshot.builder().name("rtmp4j_stream_player_dropped_messages")
                .help("Media messages dropped for the stream's current slow players, by kind.");
        for (StreamDetails d : streams) {
            String name = d.key().toString();
            Labels stream = Labels.of("stream", name);
            received.dataPoint(counterPoint(stream, d.info().bytesIn()));
            bitrate.dataPoint(gaugePoint(stream, d.info().bitrate()));
            for (PlayerKind k : PlayerKind.values()) {
                PlayerGroup g = d.players(k);
                Labels labels = Labels.of("kind", k.label(), "stream", name);
                players.dataPoint(gaugePoint(labels, g.players()));
                sent.dataPoint(gaugePoint(labels, g.bytesSent()));
                dropped.dataPoint(gaugePoint(labels, g.droppedMessages()));
            }
        }
        return List.of(received.build(), bitrate.build(), players.build(), sent.build(), dropped.build());
    }

    private static GaugeSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help).dataPoint(gaugePoint(Labels.EMPTY, value)).build();
    }

    private static CounterSnapshot counter(String name, String help, double value) {
        return CounterSnapshot.builder().name(name).help(help).dataPoint(counterPoint(Labels.EMPTY, value)).build();
    }

    private static GaugeSnapshot.GaugeDataPointSnapshot gaugePoint(Labels labels, double value) {
        return GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }

    private static CounterSnapshot.CounterDataPointSnapshot counterPoint(Labels labels, double value) {
        return CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels).value(value).build();
    }
}
