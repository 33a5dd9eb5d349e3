package org.rtmp4j.hls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Exact playlist text (RFC 8216bis §4.4) for a plain live playlist, an LL-HLS one, a delta update and
 * a discontinuity that changes the init section and then slides out.
 */
class MediaPlaylistGoldenTest {
    private static final Instant T0 = Instant.parse("2026-12-06T23:00:00Z");

    /** Segment {@code i} starts at T0 + 2 i seconds. */
    private static Instant at(int i) {
        return T0.plusSeconds(2L * i);
    }

    @Test
    void plainMpegTsPlaylist() {
        HlsOptions o = HlsOptions.builder().lowLatency(false).container(HlsContainer.MPEGTS).segmentsKept(3).build();
        MediaPlaylist p = new MediaPlaylist(o, "cam/");
        double[] durations = {2.0, 2.002, 1.998, 2.4, 2.0};
        for (int i = 0; i < durations.length; i++) {
            p.closeSegment("seg-" + i + ".ts", durations[i], at(i));
        }
        assertThat(p.render(false, "?hls_ctx=abc")).isEqualTo("""
                #EXTM3U
                #EXT-X-VERSION:3
                #EXT-X-TARGETDURATION:2
                #EXT-X-MEDIA-SEQUENCE:2
                #EXT-X-DISCONTINUITY-SEQUENCE:0
                #EXT-X-INDEPENDENT-SEGMENTS
                #EXT-X-PROGRAM-DATE-TIME:2026-12-06T23:00:04.000Z
                #EXTINF:1.99800,
                cam/seg-2.ts?hls_ctx=abc
                #EXT-X-PROGRAM-DATE-TIME:2026-12-06T23:00:06.000Z
                #EXTINF:2.40000,
                cam/seg-3.ts?hls_ctx=abc
                #EXT-X-PROGRAM-DATE-TIME:2026-12-06T23:00:08.000Z
                #EXTINF:2.00000,
                cam/seg-4.ts?hls_ctx=abc
                """);
        // Skip directives are ignored without LL-HLS (no CAN-SKIP-UNTIL, RFC 8216bis §6.2.5.1).
        assertThat(p.render(true, "")).doesNotContain("EXT-X-SKIP").contains("\ncam/seg-2.ts\n");
    }

    /** LL-HLS: 1 s segments of five 200 ms parts, 4 kept; the third segment is in progress. */
    private static MediaPlaylist lowLatency(int segmentsKept, int finished) {
        HlsOptions o = HlsOptions.builder().segmentDuration(Duration.ofSeconds(1)).segmentsKept(segmentsKept).build();
        MediaPlaylist p = new MediaPlaylist(o, "");
        p.map("init-0.mp4");
        for (int s = 0; s < finished; s++) {
            for (int part = 0; part < 5; part++) {
                p.addPart("part-" + s + "-" + part + ".m4s", 0.2, part == 0);
            }
            p.closeSegment("seg-" + s + ".m4s", 1.0, T0.plusSeconds(s));
        }
        p.addPart("part-" + finished + "-0.m4s", 0.2, true);
        p.addPart("part-" + finished + "-1.m4s", 0.2, false);
        p.preloadHint("part-" + finished + "-2.m4s");
        return p;
    }

    @Test
    void lowLatencyPlaylist() {
        MediaPlaylist p = lowLatency(4, 6);
        // Parts only for the segments starting within 3 target durations (3 s) of the playlist's end
        // (the last part, at 6.4 s): seg-4 (starts at 4 s) and seg-5; seg-3 starts 3.4 s before the end.
        assertThat(p.render(false, "?hls_ctx=k")).isEqualTo("""
                #EXTM3U
                #EXT-X-VERSION:9
                #EXT-X-TARGETDURATION:1
                #EXT-X-MEDIA-SEQUENCE:2
                #EXT-X-DISCONTINUITY-SEQUENCE:0
                #EXT-X-INDEPENDENT-SEGMENTS
                #EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=0.50000,CAN-SKIP-UNTIL=6.00000
                #EXT-X-PART-INF:PART-TARGET=0.20000
                #EXT-X-MAP:URI="init-0.mp4?hls_ctx=k"
                #EXT-X-PROGRAM-DATE-TIME:2026-12-06T23:00:02.000Z
                #EXTINF:1.00000,
                seg-2.m4s?hls_ctx=k
                #EXT-X-PROGRAM-DATE-TIME:2026-12-06T23:00:03.000Z
                #EXTINF:1.00000,
                seg-3.m4s?hls_ctx=k
                #EXT-X-PROGRAM-DATE-TIME:2026-12-06T23:00:04.000Z
                #EXT-X-PART:DURATION=0.20000,URI="part-4-0.m4s?hls_ctx=k",INDEPENDENT=YES
                #EXT-X-PART:DURATION=0.20000,URI="part-4-1.m4s?hls_ctx=k"
                #EXT-X-PART:DURATION=0.20000,URI="part-4-2.m4s?hls_ctx=k"
                #EXT-X-PART:DURATION=0.20000,URI="part-4-3.m4s?hls_ctx=k"
                #EXT-X-PART:DURATION=0.20000,URI="part-4-4.m4s?hls_ctx=k"
                #EXTINF:1.00000,
                seg-4.m4s?hls_ctx=k
                #EXT-X-PROGRAM-DATE-TIME:2026-12-06T23:00:05.000Z
                #EXT-X-PART:DURATION=0.20000,URI="part-5-0.m4s?hls_ctx=k",INDEPENDENT=YES
                #EXT-X-PART:DURATION=0.20000,URI="part-5-1.m4s?hls_ctx=k"
                #EXT-X-PART:DURATION=0.20000,URI="part-5-2.m4s?hls_ctx=k"
                #EXT-X-PART:DURATION=0.20000,URI="part-5-3.m4s?hls_ctx=k"
                #EXT-X-PART:DURATION=0.20000,URI="part-5-4.m4s?hls_ctx=k"
                #EXTINF:1.00000,
                seg-5.m4s?hls_ctx=k
                #EXT-X-PART:DURATION=0.20000,URI="part-6-0.m4s?hls_ctx=k",INDEPENDENT=YES
                #EXT-X-PART:DURATION=0.20000,URI="part-6-1.m4s?hls_ctx=k"
                #EXT-X-PRELOAD-HINT:TYPE=PART,URI="part-6-2.m4s?hls_ctx=k"
                """);
    }

    @Test
    void deltaUpdateSkipsTheSegmentsBeyondTheSkipBoundary() {
        MediaPlaylist p = lowLatency(10, 10);
        // CAN-SKIP-UNTIL = 6 s. Segments 0..9 end 10, 9, ..., 1 s before the end of seg-9: seg-0..seg-3
        // end at least 6 s before it and are skipped; seg-4 ends 5 s before it and stays.
        assertThat(p.render(true, null)).isEqualTo("""
                #EXTM3U
                #EXT-X-VERSION:9
                #EXT-X-TARGETDURATION:1
                #EXT-X-MEDIA-SEQUENCE:0
                #EXT-X-DISCONTINUITY-SEQUENCE:0
                #EXT-X-INDEPENDENT-SEGMENTS
                #EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=0.50000,CAN-SKIP-UNTIL=6.00000
                #EXT-X-PART-INF:PART-TARGET=0.20000
                #EXT-X-SKIP:SKIPPED-SEGMENTS=4
                #EXT-X-MAP:URI="init-0.mp4"
                #EXT-X-PROGRAM-DATE-TIME:2026-12-06T23:00:04.000Z
                #EXTINF:1.00000,
                seg-4.m4s
                #EXT-X-PROGRAM-DATE-TIME:2026-12-06T23:00:05.000Z
                #EXTINF:1.00000,
                seg-5.m4s
                #EXT-X-PROGRAM-DATE-TIME:2026-12-06T23:00:06.000Z
                #EXTINF:1.00000,
                seg-6.m4s
                #EXT-X-PROGRAM-DATE-TIME:2026-12-06T23:00:07.000Z
                #EXTINF:1.00000,
                seg-7.m4s
                #EXT-X-PROGRAM-DATE-TIME:2026-12-06T23:00:08.000Z
                #EXT-X-PART:DURATION=0.20000,URI="part-8-0.m4s",INDEPENDENT=YES
                #EXT-X-PART:DURATION=0.20000,URI="part-8-1.m4s"
                #EXT-X-PART:DURATION=0.20000,URI="part-8-2.m4s"
                #EXT-X-PART:DURATION=0.20000,URI="part-8-3.m4s"
                #EXT-X-PART:DURATION=0.20000,URI="part-8-4.m4s"
                #EXTINF:1.00000,
                seg-8.m4s
                #EXT-X-PROGRAM-DATE-TIME:2026-12-06T23:00:09.000Z
                #EXT-X-PART:DURATION=0.20000,URI="part-9-0.m4s",INDEPENDENT=YES
                #EXT-X-PART:DURATION=0.20000,URI="part-9-1.m4s"
                #EXT-X-PART:DURATION=0.20000,URI="part-9-2.m4s"
                #EXT-X-PART:DURATION=0.20000,URI="part-9-3.m4s"
                #EXT-X-PART:DURATION=0.20000,URI="part-9-4.m4s"
                #EXTINF:1.00000,
                seg-9.m4s
                #EXT-X-PART:DURATION=0.20000,URI="part-10-0.m4s",INDEPENDENT=YES
                #EXT-X-PART:DURATION=0.20000,URI="part-10-1.m4s"
                #EXT-X-PRELOAD-HINT:TYPE=PART,URI="part-10-2.m4s"
                """);
        String full = p.render(false, null);
        assertThat(full).doesNotContain("EXT-X-SKIP").contains("\nseg-0.m4s\n");
        // The delta update is the full playlist with the skipped segments' lines replaced by one tag.
        String delta = p.render(true, null);
        assertThat(full.replaceAll("#EXT-X-MAP:URI=\"init-0.mp4\"\n(#EXT-X-PROGRAM-DATE-TIME:[^\n]*\n#EXTINF:1.00000,\n"
                + "seg-[0-3].m4s\n){4}", "#EXT-X-SKIP:SKIPPED-SEGMENTS=4\n#EXT-X-MAP:URI=\"init-0.mp4\"\n"))
                .isEqualTo(delta);
    }

    @Test
    void discontinuityWithANewInitSectionThenSlidingOut() {
        HlsOptions o = HlsOptions.builder().lowLatency(false).segmentsKept(3).build();
        MediaPlaylist p = new MediaPlaylist(o, "live/k/");
        p.map("init-1.mp4");
        p.closeSegment("seg-0.m4s", 2.0, at(0));
        p.closeSegment("seg-1.m4s", 1.5, at(1));
        // The publisher reconnects with a different sequence header: new timeline, new init section.
        p.discontinuity();
        p.map("init-2.mp4");
        p.closeSegment("seg-2.m4s", 2.0, at(5));
        p.closeSegment("seg-3.m4s", 2.0, at(6));
        // Four segments although three are kept: without seg-0 the playlist would last 5.5 s, less
        // than three target durations (RFC 8216bis §6.2.2 forbids that).
        assertThat(p.render(false, null)).isEqualTo("""
                #EXTM3U
                #EXT-X-VERSION:6
                #EXT-X-TARGETDURATION:2
                #EXT-X-MEDIA-SEQUENCE:0
                #EXT-X-DISCONTINUITY-SEQUENCE:0
                #EXT-X-INDEPENDENT-SEGMENTS
                #EXT-X-MAP:URI="live/k/init-1.mp4"
                #EXT-X-PROGRAM-DATE-TIME:2026-12-06T23:00:00.000Z
                #EXTINF:2.00000,
                live/k/seg-0.m4s
                #EXT-X-PROGRAM-DATE-TIME:2026-12-06T23:00:02.000Z
                #EXTINF:1.50000,
                live/k/seg-1.m4s
                #EXT-X-DISCONTINUITY
                #EXT-X-MAP:URI="live/k/init-2.mp4"
                #EXT-X-PROGRAM-DATE-TIME:2026-12-06T23:00:10.000Z
                #EXTINF:2.00000,
                live/k/seg-2.m4s
                #EXT-X-PROGRAM-DATE-TIME:2026-12-06T23:00:12.000Z
                #EXTINF:2.00000,
                live/k/seg-3.m4s
                """);
        p.closeSegment("seg-4.m4s", 2.0, at(7));
        p.closeSegment("seg-5.m4s", 2.0, at(8));
        // seg-2 and its EXT-X-DISCONTINUITY slid out: the discontinuity sequence counts it (§6.2.2).
        assertThat(p.render(false, null)).isEqualTo("""
                #EXTM3U
                #EXT-X-VERSION:6
                #EXT-X-TARGETDURATION:2
                #EXT-X-MEDIA-SEQUENCE:3
                #EXT-X-DISCONTINUITY-SEQUENCE:1
                #EXT-X-INDEPENDENT-SEGMENTS
                #EXT-X-MAP:URI="live/k/init-2.mp4"
                #EXT-X-PROGRAM-DATE-TIME:2026-12-06T23:00:12.000Z
                #EXTINF:2.00000,
                live/k/seg-3.m4s
                #EXT-X-PROGRAM-DATE-TIME:2026-12-06T23:00:14.000Z
                #EXTINF:2.00000,
                live/k/seg-4.m4s
                #EXT-X-PROGRAM-DATE-TIME:2026-12-06T23:00:16.000Z
                #EXTINF:2.00000,
                live/k/seg-5.m4s
                """);
    }
}
