package org.rtmp4j.hls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.VideoMessage;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.flv.media.VideoTagHeader;
import org.rtmp4j.flv.mp4.Fmp4Muxer;
import org.rtmp4j.live.LiveMedia;
import org.rtmp4j.live.MediaKind;
import org.rtmp4j.live.StreamKey;

/**
 * Where {@link HlsPackager} cuts an fMP4 stream with audio, driven with the shared H.264/AAC file as the browser
 * test's publisher sends it (three passes, each offset by the file's length plus one frame: 11,305 ms, so the
 * timeline crosses two loop points). A part ends at a video frame; its audio must last until the video after the
 * cut is presented (the video frame's decode time plus its CompositionTime), or a player's buffered range (audio
 * and video intersected) ends before the part's end and hls.js 1.7 in low-latency mode stays on the finished
 * segment instead of moving on (DESIGN-NOTES.md, "HLS and
 * LL-HLS"). Also: the playlist stays coherent across the loop points, and a part is listed no later than the first
 * audio or video frame after that presentation time.
 */
class HlsPackagerCutTest {
    private static final Path FILE = Path.of(System.getProperty("rtmp4j.media.dir", "../media"), "h264-aac-avatar.flv");
    private static final double VIDEO_TIMESCALE = 90_000;
    /** The file's AAC sample rate, the audio track's timescale. */
    private static final double AUDIO_TIMESCALE = 44_100;
    private static final Pattern EXTINF = Pattern.compile("#EXTINF:([0-9.]+),");
    private static final Pattern PDT = Pattern.compile("#EXT-X-PROGRAM-DATE-TIME:(\\S+)");

    /** The packager under test, fed on a clock that follows the media time (real-time publishing). */
    private static final class Run implements HlsPackager.Events {
        final MutableClock clock = new MutableClock();
        final HlsPackager packager = new HlsPackager(new StreamKey("live", "cam"), "i", HlsOptions.defaults().toBuilder()
                .segmentsKept(100).build(), clock, HlsDisk.NONE, this);
        int parts;

        @Override
        public void partAdded() {
            parts++;
        }

        @Override
        public void segmentClosed() {}

        void feed(LiveMedia m) {
            clock.millis = 1_800_000_000_000L + Integer.toUnsignedLong(m.timestamp());
            packager.media(m);
        }
    }

    @Test
    void everyPartsAudioLastsUntilTheNextPartIsPresented() throws Exception {
        Run run = new Run();
        loopedFile(3, t -> true).forEach(run::feed);

        List<List<FragmentTimes.Run>> parts = new ArrayList<>();
        for (long msn = 0; msn < run.packager.closedSegments(); msn++) {
            for (int p = 0; run.packager.store().part(msn, p) != null; p++) {
                parts.add(FragmentTimes.runs(run.packager.store().part(msn, p)));
            }
        }
        // The muxer starts the video's decode times at the first key frame's presentation time (c0 later than the
        // FLV's; the file's first key frame is at 0): the FLV decode end is the fragment's minus that shift.
        long shift = parts.get(0).stream().filter(r -> r.trackId() == Fmp4Muxer.VIDEO_TRACK_ID).findFirst()
                .orElseThrow().decodeTime();
        assertThat(shift).as("c0 of the file's first key frame, 80 ms").isEqualTo(80 * 90);
        for (int i = 0; i + 1 < parts.size(); i++) {
            double audioEnd = end(parts.get(i), Fmp4Muxer.AUDIO_TRACK_ID) / AUDIO_TIMESCALE;
            FragmentTimes.Run nextVideo = parts.get(i + 1).stream()
                    .filter(r -> r.trackId() == Fmp4Muxer.VIDEO_TRACK_ID).findFirst().orElseThrow();
            double videoEnd = (end(parts.get(i), Fmp4Muxer.VIDEO_TRACK_ID) - shift) / VIDEO_TIMESCALE;
            assertThat(audioEnd).as("audio end of part %d, s: past its video's decode end %.3f s and the next part's"
                    + " first presentation time %.3f s", i, videoEnd, nextVideo.firstPresentation() / VIDEO_TIMESCALE)
                    .isGreaterThan(videoEnd).isGreaterThan(nextVideo.firstPresentation() / VIDEO_TIMESCALE);
        }
        assertThat(parts.size()).as("parts checked (34 s of media, 200 ms parts)").isGreaterThan(150);
    }

    @Test
    void playlistDurationsProgramDateTimesAndDecodeTimesAgreeAcrossTheLoopPoints() throws Exception {
        Run run = new Run();
        loopedFile(3, t -> true).forEach(run::feed);
        String playlist = run.packager.playlist().render(false, "");

        List<Double> extinf = all(EXTINF, playlist).stream().map(Double::parseDouble).toList();
        List<Instant> pdt = all(PDT, playlist).stream().map(Instant::parse).toList();
        assertThat(extinf).hasSize((int) run.packager.closedSegments()).hasSizeGreaterThan(10);
        long[] trackEnd = new long[3];
        for (int msn = 0; msn < extinf.size(); msn++) {
            List<FragmentTimes.Run> runs = FragmentTimes.runs(run.packager.store().segment(msn));
            long videoStart = runs.stream().filter(r -> r.trackId() == Fmp4Muxer.VIDEO_TRACK_ID).findFirst()
                    .orElseThrow().decodeTime();
            long videoSpan = end(runs, Fmp4Muxer.VIDEO_TRACK_ID) - videoStart;
            assertThat(extinf.get(msn)).as("EXTINF of segment %d: its video's decode span", msn)
                    .isPositive().isCloseTo(videoSpan / VIDEO_TIMESCALE, within(0.000_01));
            if (msn > 0) {
                assertThat(pdt.get(msn).toEpochMilli() - pdt.get(msn - 1).toEpochMilli())
                        .as("PDT step before segment %d = previous EXTINF", msn)
                        .isEqualTo(Math.round(extinf.get(msn - 1) * 1000));
            }
            for (FragmentTimes.Run r : runs) {
                if (trackEnd[r.trackId()] != 0) {
                    assertThat(r.decodeTime()).as("tfdt of track %d in segment %d continues the previous fragment",
                            r.trackId(), msn).isEqualTo(trackEnd[r.trackId()]);
                }
                assertThat(r.duration()).isPositive();
                trackEnd[r.trackId()] = r.end();
            }
        }
        assertThat(trackEnd[Fmp4Muxer.VIDEO_TRACK_ID] / VIDEO_TIMESCALE).as("two loop points crossed, s")
                .isGreaterThan(2 * 11.305);
    }

    @Test
    void aPartIsListedAtTheFirstAudioFrameAfterItsPresentationEndOrTheNextVideoFrameAfterThat() throws Exception {
        assertListedInTime(loopedFile(1, t -> true), true);
        // The publisher stops sending audio after 4 s: the cuts wait for the video frontier only.
        assertListedInTime(loopedFile(1, t -> t.type() == FlvTagType.VIDEO || t.timestamp() < 4_000), true);
    }

    @Test
    void withoutAnAudioTrackAPartIsListedAtTheVideoFrameThatEndsIt() throws Exception {
        assertListedInTime(loopedFile(1, t -> t.type() == FlvTagType.VIDEO), false);
    }

    /**
     * Feeds {@code messages} and checks, after each one, the number of parts listed against the cuts an independent
     * {@link HlsSegmenter} finds in the same video frames. With an audio track, a part cut at the video frame of
     * decode time {@code T} and CompositionTime {@code c} is listed once a frame later than {@code T + c} is fed,
     * not before; without one, at once.
     */
    private static void assertListedInTime(List<LiveMedia> messages, boolean audioTrack) throws Exception {
        Run run = new Run();
        HlsSegmenter reference = new HlsSegmenter(HlsOptions.defaults(), true);
        List<Long> frontiers = new ArrayList<>();
        long latest = -1;
        for (LiveMedia m : messages) {
            long dts = Integer.toUnsignedLong(m.timestamp());
            if (m.message() instanceof VideoMessage && !m.kind().isSequenceHeader()
                    && reference.onSample(true, dts, m.kind() == MediaKind.VIDEO_KEY_FRAME) != HlsSegmenter.Cut.NONE) {
                frontiers.add(audioTrack ? dts + VideoTagHeader.parse(m.message().payload().duplicate()).compositionTime()
                        : dts - 1);
            }
            latest = m.kind().isSequenceHeader() ? latest : Math.max(latest, dts);
            run.feed(m);
            long due = latest;
            assertThat(run.parts).as("parts listed after the message at %d ms (%s)", dts, m.kind())
                    .isEqualTo(frontiers.stream().filter(f -> f < due).count());
        }
        assertThat(frontiers).hasSizeGreaterThan(40);
    }

    private static long end(List<FragmentTimes.Run> runs, int trackId) {
        return runs.stream().filter(r -> r.trackId() == trackId).mapToLong(FragmentTimes.Run::end).max().orElseThrow();
    }

    private static List<String> all(Pattern p, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /**
     * The file's audio and video as the browser test's publisher sends them: {@code passes} times, each pass's
     * timestamps offset by the file's length (last timestamp + 40 ms), sequence headers only in the first pass.
     */
    private static List<LiveMedia> loopedFile(int passes, Predicate<FlvTag> keep) throws Exception {
        List<FlvTag> tags = new ArrayList<>();
        try (FlvReader reader = FlvReader.open(FILE)) {
            for (Optional<FlvTag> t = reader.next(); t.isPresent(); t = reader.next()) {
                if (t.get().type() != FlvTagType.SCRIPT) {
                    tags.add(t.get());
                }
            }
        }
        long passMillis = tags.stream().mapToLong(t -> Integer.toUnsignedLong(t.timestamp())).max().orElseThrow() + 40;
        List<LiveMedia> out = new ArrayList<>();
        for (int pass = 0; pass < passes; pass++) {
            for (FlvTag t : tags) {
                int ts = (int) (t.timestamp() + pass * passMillis);
                ByteBuffer body = t.body().duplicate();
                LiveMedia m = LiveMedia.of(t.type() == FlvTagType.VIDEO ? new VideoMessage(ts, 1, body)
                        : new AudioMessage(ts, 1, body));
                if ((pass == 0 || !m.kind().isSequenceHeader()) && keep.test(new FlvTag(t.type(), ts, body))) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    /** A clock the test sets. */
    private static final class MutableClock extends Clock {
        long millis;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }
}
