package org.rtmp4j.hls;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Writes a media playlist's text (RFC 8216bis §4.4) from a {@link MediaPlaylist}'s state. One per
 * rendering; not thread-safe.
 */
final class PlaylistWriter {
    /** RFC 8216bis §4.4.4.6: ISO 8601 with milliseconds and a time zone. */
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);
    /**
     * PART-HOLD-BACK in half part targets: 5, so 2.5 part targets, as issue 13 asks and as mediamtx does. RFC 8216bis §4.4.3.8: it
     * MUST be at least twice the Part Target Duration (kept) and SHOULD be at least three times; 2.5 trades
     * that margin for 0.1 s less latency at 200 ms parts, which the blocking reload and the preload hint
     * make safe on a server that publishes each part as soon as it is cut (DESIGN-NOTES.md "HLS and LL-HLS").
     */
    static final int PART_HOLD_BACK_HALF_PARTS = 5;
    /** CAN-SKIP-UNTIL in target durations; RFC 8216bis §4.4.3.8: the Skip Boundary MUST be at least six. */
    static final int SKIP_BOUNDARY_TARGETS = 6;

    /** What is rendered. */
    record State(Collection<HlsSegment> segments, int skipped, List<HlsPart> parts, long firstMsn,
            long discontinuitySequence, long targetDuration, long partTarget, String map,
            boolean discontinuity, String preloadHint, boolean ended) {
    }

    private final HlsOptions options;
    private final String prefix;
    private final String suffix;
    private final StringBuilder out = new StringBuilder(1024);
    private String lastMap;

    PlaylistWriter(HlsOptions options, String prefix, String suffix) {
        this.options = options;
        this.prefix = prefix;
        this.suffix = suffix;
    }

    String write(State s) {
        boolean ll = options.lowLatency();
        out.append("#EXTM3U\n");
        out.append("#EXT-X-VERSION:").append(version()).append('\n');
        out.append("#EXT-X-TARGETDURATION:").append(s.targetDuration()).append('\n');
        out.append("#EXT-X-MEDIA-SEQUENCE:").append(s.firstMsn()).append('\n');
        out.append("#EXT-X-DISCONTINUITY-SEQUENCE:").append(s.discontinuitySequence()).append('\n');
        // Every segment starts with a sync sample (HlsSegmenter cuts video at keyframes): §4.4.2.1.
        out.append("#EXT-X-INDEPENDENT-SEGMENTS\n");
        if (ll) {
            out.append("#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=");
            decimal(s.partTarget() * PART_HOLD_BACK_HALF_PARTS / 2);
            out.append(",CAN-SKIP-UNTIL=");
            decimal(SKIP_BOUNDARY_TARGETS * s.targetDuration() * MediaPlaylist.UNIT);
            out.append('\n');
            out.append("#EXT-X-PART-INF:PART-TARGET=");
            decimal(s.partTarget());
            out.append('\n');
        }
        if (s.skipped() > 0) {
            out.append("#EXT-X-SKIP:SKIPPED-SEGMENTS=").append(s.skipped()).append('\n');
        }
        long end = 0;
        for (HlsSegment seg : s.segments()) {
            end += seg.duration();
        }
        for (HlsPart p : s.parts()) {
            end += p.duration();
        }
        long partWindow = 3 * s.targetDuration() * MediaPlaylist.UNIT;
        long start = 0;
        int index = 0;
        for (HlsSegment seg : s.segments()) {
            if (index++ >= s.skipped()) {
                segmentTags(seg.discontinuity(), seg.map());
                if (seg.programDateTime() != null) {
                    out.append("#EXT-X-PROGRAM-DATE-TIME:").append(dateTime(seg.programDateTime())).append('\n');
                }
                // §6.2.2: EXT-X-PART tags SHOULD go once more than three target durations from the end.
                if (ll && end - start <= partWindow) {
                    parts(seg.parts());
                }
                out.append("#EXTINF:");
                decimal(seg.duration());
                out.append(",\n");
                uri(seg.uri()).append('\n');
            }
            start += seg.duration();
        }
        if (ll && !s.parts().isEmpty()) {
            segmentTags(s.discontinuity(), s.map());
            parts(s.parts());
        }
        if (ll && s.preloadHint() != null) {
            if (s.parts().isEmpty()) {
                segmentTags(s.discontinuity(), s.map());
            }
            out.append("#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"");
            uri(s.preloadHint()).append("\"\n");
        }
        if (s.ended()) {
            out.append("#EXT-X-ENDLIST\n");
        }
        return out.toString();
    }

    /**
     * RFC 8216bis §8 (protocol version compatibility): 9 for EXT-X-SKIP (delta updates, advertised
     * with LL-HLS), else 6 for EXT-X-MAP in a playlist without EXT-X-I-FRAMES-ONLY, else 3 for
     * decimal EXTINF durations.
     */
    private int version() {
        if (options.lowLatency()) {
            return 9;
        }
        return options.container() == HlsContainer.FMP4 ? 6 : 3;
    }

    private void segmentTags(boolean discontinuity, String map) {
        if (discontinuity) {
            out.append("#EXT-X-DISCONTINUITY\n");
        }
        if (map != null && !Objects.equals(map, lastMap)) {
            out.append("#EXT-X-MAP:URI=\"");
            uri(map).append("\"\n");
            lastMap = map;
        }
    }

    private void parts(List<HlsPart> parts) {
        for (HlsPart p : parts) {
            out.append("#EXT-X-PART:DURATION=");
            decimal(p.duration());
            out.append(",URI=\"");
            uri(p.uri()).append('"');
            if (p.independent()) {
                out.append(",INDEPENDENT=YES");
            }
            out.append('\n');
        }
    }

    private StringBuilder uri(String uri) {
        return out.append(prefix).append(uri).append(suffix);
    }

    /** 10 µs units as a decimal-floating-point with 5 decimals. */
    private void decimal(long units) {
        out.append(units / MediaPlaylist.UNIT).append('.');
        String frac = Long.toString(units % MediaPlaylist.UNIT);
        out.append("00000", frac.length(), 5).append(frac);
    }

    private static String dateTime(Instant t) {
        return DATE_TIME.format(t);
    }
}
