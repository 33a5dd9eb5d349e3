package org.rtmp4j.live;

import java.net.SocketAddress;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of one stream for monitoring (an HTTP API, metrics): the {@link StreamInfo} (start time,
 * codecs and picture size from the bitstream, bitrate, bytes in), who publishes, and the players by
 * {@link PlayerKind} with what they were sent. Taken by {@link StreamControl#streams()}.
 * Immutable.
 *
 * @param info the stream's counters and media description
 * @param publisherId the publisher's {@link IngestSource#id()}, or {@code null} when not live
 * @param publisherProtocol the publisher's {@link IngestSource#protocol()} (e.g. {@code rtmp},
 *     {@code http-flv}), or {@code null} when not live
 * @param publisherAddress the publisher's peer address, or {@code null} when not live or in-process
 * @param players the players by kind, only kinds with players or counters; unmodifiable, in
 *     {@link PlayerKind} order
 */
public record StreamDetails(StreamInfo info, String publisherId, String publisherProtocol,
        SocketAddress publisherAddress, Map<PlayerKind, PlayerGroup> players) {

    /**
     * @throws NullPointerException if {@code info} or {@code players} is null
     */
    public StreamDetails {
        Objects.requireNonNull(info, "info");
        players = Collections.unmodifiableMap(players.isEmpty() ? new EnumMap<>(PlayerKind.class) : new EnumMap<>(players));
    }

    /** @return the stream's name */
    public StreamKey key() {
        return info.key();
    }

    /** @return players of every kind */
    public int playerCount() {
        int n = 0;
        for (PlayerGroup g : players.values()) {
            n += g.players();
        }
        return n;
    }

    /** @return audio and video payload bytes sent to the players of every kind */
    public long bytesOut() {
        long n = 0;
        for (PlayerGroup g : players.values()) {
            n += g.bytesSent();
        }
        return n;
    }

    /**
     * @param kind a player kind
     * @return the players of that kind, {@link PlayerGroup#EMPTY} when none
     */
    public PlayerGroup players(PlayerKind kind) {
        return players.getOrDefault(kind, PlayerGroup.EMPTY);
    }

    /**
     * Sums the outputs of one stream by kind, then adds the groups of the host's sources.
     *
     * @param info the stream's snapshot
     * @param source the publisher, or {@code null}
     * @param outputs each player output's kind and counters
     * @param sources the host's {@link PlayerGroupSource}s
     */
    static StreamDetails of(StreamInfo info, IngestSource source, List<Map.Entry<PlayerKind, OutputStats>> outputs,
            List<PlayerGroupSource> sources) {
        Map<PlayerKind, PlayerGroup> byKind = new EnumMap<>(PlayerKind.class);
        for (Map.Entry<PlayerKind, OutputStats> o : outputs) {
            OutputStats s = o.getValue();
            byKind.merge(o.getKey(), new PlayerGroup(1, s.bytesSent(), s.droppedMessages()), PlayerGroup::plus);
        }
        for (PlayerGroupSource ps : sources) {
            ps.playerGroups(info.key()).forEach((k, g) -> byKind.merge(k, g, PlayerGroup::plus));
        }
        return new StreamDetails(info, source == null ? null : source.id(), source == null ? null : source.protocol(),
                source == null ? null : source.remoteAddress(), byKind);
    }
}
