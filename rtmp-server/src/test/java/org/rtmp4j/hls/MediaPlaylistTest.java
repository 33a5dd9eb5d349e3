package org.rtmp4j.hls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The playlist rules of RFC 8216bis §4.4, §6.2.1, §6.2.2 and §6.2.5.2, checked on the rendered text. */
class MediaPlaylistTest {
    private static final Pattern TARGET = Pattern.compile("#EXT-X-TARGETDURATION:(\\d+)\n");
    private static final Pattern SEQUENCE = Pattern.compile("#EXT-X-MEDIA-SEQUENCE:(\\d+)\n");
    private static final Pattern EXTINF = Pattern.compile("#EXTINF:(\\d+\\.\\d{5}),\n");
    private static final Pattern PART = Pattern.compile("#EXT-X-PART:DURATION=(\\d+\\.\\d{5}),");
    private static final Pattern PART_TARGET = Pattern.compile("PART-TARGET=(\\d+\\.\\d{5})\n");
    private static final Pattern HOLD_BACK = Pattern.compile("PART-HOLD-BACK=(\\d+\\.\\d{5}),CAN-SKIP-UNTIL=(\\d+\\.\\d{5})");

    private static BlockingRequest req(long msn, int part) {
        return new BlockingRequest(OptionalLong.of(msn), part < 0 ? OptionalInt.empty() : OptionalInt.of(part), false);
    }

    private static List<Double> all(Pattern p, String text) {
        List<Double> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(Double.parseDouble(m.group(1)));
        }
        return out;
    }

    private static long one(Pattern p, String text) {
        Matcher m = p.matcher(text);
        assertThat(m.find()).as(p.pattern()).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void targetDurationCoversEverySegmentRoundedAndNeverChangesDown() {
        Random random = new Random(13);
        MediaPlaylist p = new MediaPlaylist(HlsOptions.defaults(), "");
        long previousTarget = 0;
        for (int s = 0; s < 300; s++) {
            int parts = 1 + random.nextInt(14);
            double total = 0;
            for (int i = 0; i < parts; i++) {
                double d = 0.15 + random.nextInt(120) / 1000.0;
                total += d;
                p.addPart("p" + s + "." + i, d, i == 0);
            }
            p.closeSegment("s" + s, total, null);
            String text = p.render(false, "");
            long target = one(TARGET, text);
            assertThat(target).isGreaterThanOrEqualTo(Math.max(2, previousTarget));
            for (double extinf : all(EXTINF, text)) {
                assertThat(Math.round(extinf)).isLessThanOrEqualTo(target);
            }
            double partTarget = all(PART_TARGET, text).get(0);
            for (double part : all(PART, text)) {
                assertThat(part).isLessThanOrEqualTo(partTarget);
            }
            Matcher hold = HOLD_BACK.matcher(text);
            assertThat(hold.find()).isTrue();
            assertThat(Double.parseDouble(hold.group(1))).as("at least the MUST of RFC 8216bis §4.4.3.8: twice PART-TARGET")
                    .isGreaterThanOrEqualTo(2 * partTarget - 1e-9);
            assertThat(Double.parseDouble(hold.group(2))).isEqualTo(6.0 * target);
            assertThat(p.targetDurationSeconds()).isEqualTo(target);
            previousTarget = target;
        }
        // A 2.4 s segment rounds to 2, a 2.5 s one to 3 (RFC 8216bis §4.4.3.1 "rounded to the nearest integer").
        MediaPlaylist q = new MediaPlaylist(HlsOptions.defaults(), "");
        q.closeSegment("a", 2.49999, null);
        assertThat(q.targetDurationSeconds()).isEqualTo(2);
        q.closeSegment("b", 2.5, null);
        assertThat(q.targetDurationSeconds()).isEqualTo(3);
        q.closeSegment("c", 0.5, null);
        assertThat(q.targetDurationSeconds()).isEqualTo(3);
    }

    @Test
    void partTargetIsTheLongestPart() {
        MediaPlaylist p = new MediaPlaylist(HlsOptions.defaults(), "");
        p.addPart("a", 0.1, true);
        assertThat(p.render(false, "")).contains("PART-HOLD-BACK=0.50000,").contains("PART-TARGET=0.20000\n");
        p.addPart("b", 0.233, false);
        assertThat(p.render(false, "")).contains("PART-HOLD-BACK=0.58250,").contains("PART-TARGET=0.23300\n");
        assertThat(p.partTargetSeconds()).isEqualTo(0.233);
    }

    @Test
    void mediaSequenceAndPartNumbersAreMonotonicAndSlidOutUrisAreReturned() {
        Random random = new Random(7);
        HlsOptions o = HlsOptions.builder().segmentsKept(4).build();
        MediaPlaylist p = new MediaPlaylist(o, "x/");
        long lastSequence = 0;
        long position = -1;
        List<String> listed = new ArrayList<>();
        for (int s = 0; s < 200; s++) {
            assertThat(p.nextMsn()).isEqualTo(s);
            int parts = 1 + random.nextInt(12);
            for (int i = 0; i < parts; i++) {
                assertThat(p.nextPart()).isEqualTo(i);
                p.addPart("p-" + s + "-" + i, 0.2, i == 0);
                listed.add("p-" + s + "-" + i);
                long now = p.lastMsn() * 1000 + p.lastPart();
                assertThat(now).isGreaterThan(position);
                position = now;
                assertThat(p.lastMsn()).isEqualTo(s);
                assertThat(p.lastPart()).isEqualTo(i);
            }
            List<String> expired = p.closeSegment("s-" + s, 0.2 * parts, Instant.EPOCH);
            listed.add(listed.size() - parts, "s-" + s);
            assertThat(p.lastMsn()).isEqualTo(s);
            assertThat(p.lastPart()).isEqualTo(parts - 1);
            assertThat(p.lastSegmentMsn()).isEqualTo(s);
            String text = p.render(false, "");
            long sequence = one(SEQUENCE, text);
            assertThat(sequence).isGreaterThanOrEqualTo(lastSequence).isEqualTo(p.firstMsn());
            // Exactly the segments that slid out (with their parts) are reported, oldest first.
            List<String> slid = new ArrayList<>(listed.subList(0, expired.size()));
            assertThat(expired).isEqualTo(slid);
            listed.subList(0, expired.size()).clear();
            assertThat(sequence - lastSequence).isEqualTo(expired.stream().filter(u -> u.startsWith("s-")).count());
            assertThat(text).contains("\nx/s-" + sequence + "\n").doesNotContain("\nx/s-" + (sequence - 1) + "\n");
            // §6.2.2: never less than three target durations listed, never more segments than needed.
            int segments = all(EXTINF, text).size();
            double duration = all(EXTINF, text).stream().mapToDouble(Double::doubleValue).sum();
            assertThat(duration).isGreaterThanOrEqualTo(Math.min(3.0 * p.targetDurationSeconds(), 0.2 * totalParts(listed)) - 1e-9);
            if (segments > 4) {
                assertThat(duration - all(EXTINF, text).get(0)).isLessThan(3.0 * p.targetDurationSeconds());
            }
            lastSequence = sequence;
        }
    }

    private static int totalParts(List<String> listed) {
        return (int) listed.stream().filter(u -> u.startsWith("p-")).count();
    }

    @Test
    void blockingReloadIsReadyExactlyWhenThePartExists() throws HlsRequestException {
        MediaPlaylist p = new MediaPlaylist(HlsOptions.defaults(), "");
        int[] partsPerSegment = {3, 5, 1, 4};
        for (int s = 0; s < partsPerSegment.length; s++) {
            for (int i = 0; i < partsPerSegment[s]; i++) {
                assertThat(p.check(req(s, i))).isEqualTo(ReloadDecision.WAIT);
                if (i == 0 && s > 0) {
                    // Past the last part of the previous segment = part 0 of this one (RFC 8216bis §6.2.5.2).
                    assertThat(p.check(req(s - 1, partsPerSegment[s - 1]))).isEqualTo(ReloadDecision.WAIT);
                    assertThat(p.check(req(s - 1, partsPerSegment[s - 1] + 7))).isEqualTo(ReloadDecision.WAIT);
                }
                p.addPart("p", 0.2, i == 0);
                assertThat(p.check(req(s, i))).isEqualTo(ReloadDecision.READY);
                assertThat(p.check(req(s, i + 1))).isEqualTo(ReloadDecision.WAIT);
                if (i == 0 && s > 0) {
                    assertThat(p.check(req(s - 1, partsPerSegment[s - 1]))).isEqualTo(ReloadDecision.READY);
                    assertThat(p.check(req(s - 1, partsPerSegment[s - 1] + 7))).isEqualTo(ReloadDecision.READY);
                }
                // _HLS_msn alone waits for the whole segment.
                assertThat(p.check(req(s, -1))).isEqualTo(ReloadDecision.WAIT);
            }
            p.closeSegment("s", 0.2 * partsPerSegment[s], null);
            assertThat(p.check(req(s, -1))).isEqualTo(ReloadDecision.READY);
            assertThat(p.check(req(s, partsPerSegment[s] - 1))).isEqualTo(ReloadDecision.READY);
            assertThat(p.check(req(s, partsPerSegment[s]))).isEqualTo(ReloadDecision.WAIT);
        }
        // Requests older than anything in the playlist are answered, and so is a request without _HLS_msn.
        assertThat(p.check(req(0, 0))).isEqualTo(ReloadDecision.READY);
        assertThat(p.check(BlockingRequest.NONE)).isEqualTo(ReloadDecision.READY);
    }

    @Test
    void withoutPartsBlockingWaitsForWholeSegments() throws HlsRequestException {
        MediaPlaylist p = new MediaPlaylist(HlsOptions.builder().lowLatency(false).build(), "");
        assertThat(p.check(req(0, -1))).isEqualTo(ReloadDecision.WAIT);
        p.closeSegment("s0", 2, null);
        assertThat(p.check(req(0, -1))).isEqualTo(ReloadDecision.READY);
        assertThat(p.check(req(0, 0))).isEqualTo(ReloadDecision.WAIT);
        p.closeSegment("s1", 2, null);
        assertThat(p.check(req(0, 0))).isEqualTo(ReloadDecision.READY);
        assertThat(p.lastMsn()).isEqualTo(1);
        assertThat(p.lastPart()).isEqualTo(-1);
        assertThat(p.render(false, "")).doesNotContain("EXT-X-PART").doesNotContain("SERVER-CONTROL");
    }

    @Test
    void msnMoreThanTwoAheadIs400() throws HlsRequestException {
        MediaPlaylist p = new MediaPlaylist(HlsOptions.defaults(), "");
        assertThat(p.check(req(1, -1))).isEqualTo(ReloadDecision.WAIT);
        assertThatThrownBy(() -> p.check(req(2, -1))).isInstanceOfSatisfying(HlsRequestException.class,
                e -> assertThat(e.status()).isEqualTo(400));
        for (int s = 0; s < 5; s++) {
            p.addPart("p", 0.2, true);
            p.closeSegment("s", 0.2, null);
        }
        assertThat(p.check(req(6, -1))).isEqualTo(ReloadDecision.WAIT);
        assertThat(p.check(req(6, 0))).isEqualTo(ReloadDecision.WAIT);
        assertThatThrownBy(() -> p.check(req(7, -1))).isInstanceOfSatisfying(HlsRequestException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.offset()).isEqualTo(-1);
            assertThat(e.reason()).isEqualTo("_HLS_msn 7 is more than two segments past the last one, 4");
        });
        assertThatThrownBy(() -> p.check(req(Long.MAX_VALUE, 0))).isInstanceOf(HlsRequestException.class);
    }

    @Test
    void partsBeyondTheAdvancePartLimitAre400() throws HlsRequestException {
        // PART-TARGET 0.2 s: the limit is 3 / 0.2 = 15 parts past the last one.
        MediaPlaylist p = new MediaPlaylist(HlsOptions.defaults(), "");
        p.addPart("p0", 0.2, true);
        assertThat(p.check(req(0, 15))).isEqualTo(ReloadDecision.WAIT);
        assertThatThrownBy(() -> p.check(req(0, 16))).isInstanceOfSatisfying(HlsRequestException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.reason()).isEqualTo("_HLS_part 16 of segment 0 is 16 parts ahead, more than the Advance "
                    + "Part Limit 15.0");
        });
        // A part of the segment after the one in progress is at least N + 1 parts ahead.
        assertThat(p.check(req(1, 14))).isEqualTo(ReloadDecision.WAIT);
        assertThatThrownBy(() -> p.check(req(1, 15))).isInstanceOf(HlsRequestException.class);
        // PART-TARGET of 1 s or more: the limit is 3 parts.
        HlsOptions slow = HlsOptions.builder().segmentDuration(Duration.ofSeconds(6)).partDuration(Duration.ofSeconds(1))
                .build();
        MediaPlaylist q = new MediaPlaylist(slow, "");
        q.addPart("p0", 1, true);
        assertThat(q.check(req(0, 3))).isEqualTo(ReloadDecision.WAIT);
        assertThatThrownBy(() -> q.check(req(0, 4))).isInstanceOf(HlsRequestException.class);
    }

    @Test
    void anEndedPlaylistAnswersAtOnceAndTakesNoMore() throws HlsRequestException {
        MediaPlaylist p = new MediaPlaylist(HlsOptions.defaults(), "");
        p.addPart("p0", 0.2, true);
        p.closeSegment("s0", 0.2, null);
        p.addPart("p1", 0.2, true);
        p.end();
        assertThat(p.ended()).isTrue();
        assertThat(p.check(req(1, -1))).isEqualTo(ReloadDecision.READY);
        String text = p.render(true, "");
        assertThat(text).endsWith("#EXTINF:0.20000,\ns0\n#EXT-X-ENDLIST\n").doesNotContain("\"p1\"")
                .doesNotContain("EXT-X-SKIP");
        assertThatThrownBy(() -> p.addPart("p", 0.2, true)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> p.closeSegment("s", 0.2, null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aDiscontinuityDuringASegmentAppliesToTheNextOne() {
        MediaPlaylist p = new MediaPlaylist(HlsOptions.defaults(), "");
        p.map("init-0.mp4");
        p.addPart("a0", 0.2, true);
        p.discontinuity();
        p.map("init-1.mp4");
        p.closeSegment("a", 0.2, null);
        p.preloadHint("b0");
        assertThat(p.render(false, "")).isEqualTo("""
                #EXTM3U
                #EXT-X-VERSION:9
                #EXT-X-TARGETDURATION:2
                #EXT-X-MEDIA-SEQUENCE:0
                #EXT-X-DISCONTINUITY-SEQUENCE:0
                #EXT-X-INDEPENDENT-SEGMENTS
                #EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=0.50000,CAN-SKIP-UNTIL=12.00000
                #EXT-X-PART-INF:PART-TARGET=0.20000
                #EXT-X-MAP:URI="init-0.mp4"
                #EXT-X-PART:DURATION=0.20000,URI="a0",INDEPENDENT=YES
                #EXTINF:0.20000,
                a
                #EXT-X-DISCONTINUITY
                #EXT-X-MAP:URI="init-1.mp4"
                #EXT-X-PRELOAD-HINT:TYPE=PART,URI="b0"
                """);
    }

    @Test
    void aDeltaRequestWithNothingToSkipGetsTheWholePlaylist() {
        MediaPlaylist p = new MediaPlaylist(HlsOptions.defaults(), "");
        for (int s = 0; s < 7; s++) {
            p.closeSegment("s" + s, 2, null);
        }
        // 14 s listed, CAN-SKIP-UNTIL 12 s: only s0 ends 12 s before the last segment's end.
        assertThat(p.render(true, "")).contains("#EXT-X-SKIP:SKIPPED-SEGMENTS=1\n#EXTINF:2.00000,\ns1\n");
        MediaPlaylist q = new MediaPlaylist(HlsOptions.defaults(), "");
        for (int s = 0; s < 6; s++) {
            q.closeSegment("s" + s, 2, null);
        }
        assertThat(q.render(true, "")).isEqualTo(q.render(false, "")).doesNotContain("EXT-X-SKIP");
    }

    @Test
    void urisThatWouldBreakThePlaylistAreRefused() {
        MediaPlaylist p = new MediaPlaylist(HlsOptions.defaults(), "");
        assertThatThrownBy(() -> p.render(false, "?a=\"b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.render(false, "?a=b\n#EXT-X-ENDLIST")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.addPart("a b", 0.2, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.addPart("", 0.2, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.closeSegment("s\r", 2, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.preloadHint("\"")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.addPart("a", Double.NaN, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.addPart("a", -0.1, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MediaPlaylist(HlsOptions.defaults(), "a\u0000")).isInstanceOf(IllegalArgumentException.class);
        assertThat(p.updateCount()).isZero();
    }
}
