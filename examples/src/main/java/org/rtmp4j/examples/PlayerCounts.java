package org.rtmp4j.examples;

import java.util.ArrayList;
import java.util.List;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.LiveStats;
import org.rtmp4j.live.StreamDetails;
import org.rtmp4j.live.StreamInfo;

/**
 * The status line's numbers as the HTTP API and {@code /metrics} count them: players by kind
 * ({@link StreamDetails#playerCount()}), which besides the hub's outputs with a {@code PlayerKind} (the hub's own
 * count since the snapshot tap and the recorder stopped counting) include the players that are not one hub output
 * each (HLS sessions, added by a {@code PlayerGroupSource}). Stateless; each call takes fresh snapshots.
 */
final class PlayerCounts {
    private PlayerCounts() {}

    /** @return the relay's totals with {@code totalViewers} counted as the API counts players */
    static LiveStats stats(LiveBroadcastController relay) {
        LiveStats s = relay.stats();
        int players = 0;
        for (StreamDetails d : relay.control().streams()) {
            players += d.playerCount();
        }
        return new LiveStats(s.totalStreams(), s.activeStreams(), players);
    }

    /** @return every stream's info with {@code players} counted as the API counts them */
    static List<StreamInfo> streams(LiveBroadcastController relay) {
        List<StreamInfo> out = new ArrayList<>();
        for (StreamDetails d : relay.control().streams()) {
            StreamInfo i = d.info();
            out.add(new StreamInfo(i.key(), i.live(), i.publishingSince(), d.playerCount(), i.messagesIn(), i.bytesIn(),
                    i.videoFourCc(), i.droppedMessages(), i.media(), i.bitrate(), i.uptime()));
        }
        return out;
    }
}
