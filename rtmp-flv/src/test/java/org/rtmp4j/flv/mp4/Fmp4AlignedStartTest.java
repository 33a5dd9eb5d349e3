package org.rtmp4j.flv.mp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rtmp4j.flv.mp4.Tags.*;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.flv.media.VideoTagHeader;
import org.rtmp4j.flv.mp4.Fmp4FragmentTest.Traf;

/**
 * {@link Fmp4Options#alignTrackStarts()}: the video decode times move later by the first key frame's
 * composition offset (ISO/IEC 14496-12 §8.8.8 {@code trun} version 1, signed offsets), presentation times stay
 * those of the FLV, and audio ending by the first video presentation time is dropped.
 */
class Fmp4AlignedStartTest {

    private static Fmp4Muxer aligned() {
        return new Fmp4Muxer(Fmp4Options.defaults().withAlignedTrackStarts(true));
    }

    /** I, B, B, P with B-frame composition offsets as x264 writes them into FLV (25 fps), AAC at 44.1 kHz. */
    private static List<FlvTag> bFrameGop() {
        List<FlvTag> l = new ArrayList<>();
        l.add(avcConfig(0, AVCC_1080P));
        l.add(aacConfig(0, ASC_LC_44100_STEREO));
        int[][] video = {{0, 80}, {40, 160}, {80, 40}, {120, 40}, {160, 80}, {200, 160}};
        int[] audio = {0, 23, 46, 70, 93, 116, 139, 163, 186, 209};
        int a = 0;
        for (int[] v : video) {
            while (a < audio.length && audio[a] <= v[0]) {
                l.add(aacFrame(audio[a], bytes(10, a)));
                a++;
            }
            l.add(avcFrame(v[0], v[0] == 0 || v[0] == 160, v[1], bytes(50, v[0] & 0x7f)));
        }
        while (a < audio.length) {
            l.add(aacFrame(audio[a], bytes(10, a)));
            a++;
        }
        return l;
    }

    @Test
    void firstKeyFrameDecodesAtItsPresentationTimeAndAudioStartsWithin() {
        Fmp4Muxer m = aligned();
        List<Fmp4Fragment> out = Fmp4MediaFilesTest.muxAll(m, bFrameGop());
        Traf video = first(out, Fmp4Muxer.VIDEO_TRACK_ID);
        Traf audio = first(out, Fmp4Muxer.AUDIO_TRACK_ID);
        assertThat(video.trun().version()).as("signed offsets need trun version 1").isEqualTo(1);
        assertThat(video.baseDecodeTime()).as("tfdt = first PTS, 80 ms at 90 kHz").isEqualTo(80 * 90);
        assertThat(out.stream().flatMap(f -> Fmp4FragmentTest.parse(f).trafs().stream())
                .filter(t -> t.trackId() == Fmp4Muxer.VIDEO_TRACK_ID)
                .flatMap(t -> t.trun().samples().stream()).map(Trun.Entry::ctsOffset).toList())
                .as("offsets minus c0: I 0, P +80 ms, B -40 ms, B -40 ms")
                .startsWith(0, 80 * 90, -40 * 90, -40 * 90);
        assertThat(m.trimmedAudioSamples()).as("0, 23 and 46 ms end by 80 ms; 70 ms ends at 93").isEqualTo(3);
        assertThat(audio.baseDecodeTime()).as("70 ms at 44.1 kHz").isEqualTo(70 * 441 / 10);
        assertThat(out.stream().filter(f -> Fmp4FragmentTest.parse(f).trafs().get(0).trackId() == 1).findFirst()
                .orElseThrow().baseDecodeTimeMs()).isEqualTo(80);
    }

    @Test
    void presentationTimesAreThoseOfTheFlv() throws Exception {
        List<FlvTag> tags = bFrameGop();
        Pts plain = pts(Fmp4MediaFilesTest.muxAll(new Fmp4Muxer(), tags));
        Pts shifted = pts(Fmp4MediaFilesTest.muxAll(aligned(), tags));
        List<Long> expectedVideo = new ArrayList<>();
        for (FlvTag t : tags) {
            if (t.type() == FlvTagType.VIDEO && t.body().get(t.body().position() + 1) == 1) {
                int c = VideoTagHeader.parse(t.body().duplicate()).compositionTime();
                expectedVideo.add((t.timestamp() + c) * 90L);
            }
        }
        assertThat(plain.video()).isEqualTo(expectedVideo);
        assertThat(shifted.video()).isEqualTo(expectedVideo);
        assertThat(shifted.audio()).isEqualTo(plain.audio().subList(3, plain.audio().size()));
    }

    @Test
    void h264AacFileFromALaterKeyFrameKeepsEveryPresentationTime() throws IOException {
        List<FlvTag> all = Fmp4MediaFilesTest.tags("h264-aac-avatar.flv");
        List<FlvTag> tags = new ArrayList<>();
        int keyFrames = 0;
        for (FlvTag t : all) {
            boolean media = t.type() == FlvTagType.VIDEO || t.type() == FlvTagType.AUDIO;
            boolean config = media && t.body().get(t.body().position() + 1) == 0;
            if (t.type() == FlvTagType.VIDEO && !config
                    && (t.body().get(t.body().position()) >> 4) == VideoTagHeader.FRAME_KEY) {
                keyFrames++;
            }
            if (config || keyFrames >= 2 && media) { // as the HLS packager: from a later key frame on
                tags.add(t);
            }
        }
        Pts plain = pts(Fmp4MediaFilesTest.muxAll(new Fmp4Muxer(), tags));
        Fmp4Muxer m = aligned();
        List<Fmp4Fragment> out = Fmp4MediaFilesTest.muxAll(m, tags);
        Pts shifted = pts(out);
        assertThat(shifted.video()).as("every video PTS").isEqualTo(plain.video());
        long v0 = plain.video().get(0);
        assertThat(plain.audio().get(0)).as("the file's B-frames: audio before the first picture")
                .isLessThan(v0 * 441 / 900);
        int dropped = (int) m.trimmedAudioSamples();
        assertThat(dropped).isPositive();
        assertThat(shifted.audio()).as("every audio PTS after the dropped ones")
                .isEqualTo(plain.audio().subList(dropped, plain.audio().size()));
        assertThat(first(out, 1).baseDecodeTime()).as("video tfdt = first PTS").isEqualTo(v0);
        Traf audio = first(out, 2);
        long a0 = audio.baseDecodeTime();
        long a0End = a0 + audio.trun().samples().get(0).duration();
        assertThat(a0 * 900 / 441).as("audio starts by the first picture").isLessThanOrEqualTo(v0);
        assertThat(a0End * 900 / 441).as("and ends after it").isGreaterThan(v0);
    }

    @Test
    void videoOnlyStreamIsShiftedAndNothingIsTrimmed() {
        Fmp4Muxer m = aligned();
        m.accept(avcConfig(0, AVCC_1080P));
        m.accept(avcFrame(1000, true, 80, bytes(10, 1)));
        m.accept(avcFrame(1040, false, 0, bytes(10, 2)));
        Traf v = Fmp4FragmentTest.parse(m.finish().orElseThrow()).trafs().get(0);
        assertThat(v.baseDecodeTime()).isEqualTo(1080 * 90);
        assertThat(v.trun().samples()).extracting(Trun.Entry::ctsOffset).containsExactly(0, -80 * 90);
        assertThat(m.trimmedAudioSamples()).isZero();
    }

    @Test
    void audioAlreadyWrittenIsNeverTrimmedWhenVideoJoinsLater() {
        Fmp4Muxer m = aligned();
        m.accept(aacConfig(0, ASC_LC_44100_STEREO));
        m.accept(aacFrame(0, bytes(10, 1)));
        m.accept(aacFrame(23, bytes(10, 2)));
        assertThat(m.flush()).as("audio-only start: the first audio frame is written").isPresent();
        m.accept(avcConfig(40, AVCC_1080P));
        m.accept(avcFrame(40, true, 80, bytes(10, 3)));
        m.accept(aacFrame(46, bytes(10, 4)));
        m.accept(aacFrame(70, bytes(10, 5)));
        m.accept(avcFrame(80, false, 80, bytes(10, 6)));
        m.accept(aacFrame(93, bytes(10, 7)));
        List<Fmp4Fragment> out = new ArrayList<>();
        m.flush().ifPresent(out::add);
        m.finish().ifPresent(out::add);
        assertThat(m.trimmedAudioSamples()).isZero();
        assertThat(pts(out).audio()).as("23, 46, 70 and 93 ms at 44.1 kHz: no hole in the audio")
                .containsExactly(23 * 441L / 10, 46 * 441L / 10, 70 * 441L / 10, 93 * 441L / 10);
        assertThat(first(out, 1).baseDecodeTime()).isEqualTo(120 * 90);
    }

    @Test
    void withoutTheOptionDecodeTimesAreTheFlvTimestamps() {
        Fmp4Muxer m = new Fmp4Muxer();
        List<Fmp4Fragment> out = Fmp4MediaFilesTest.muxAll(m, bFrameGop());
        assertThat(first(out, 1).baseDecodeTime()).isZero();
        assertThat(first(out, 1).trun().samples().get(0).ctsOffset()).isEqualTo(80 * 90);
        assertThat(first(out, 2).baseDecodeTime()).isZero();
        assertThat(m.trimmedAudioSamples()).isZero();
    }

    /** The first traf of track {@code trackId} in the fragments. */
    static Traf first(List<Fmp4Fragment> fragments, long trackId) {
        return fragments.stream().flatMap(f -> Fmp4FragmentTest.parse(f).trafs().stream())
                .filter(t -> t.trackId() == trackId).findFirst().orElseThrow();
    }

    /** Presentation times per track in the track's timescale, in decode order. */
    record Pts(List<Long> video, List<Long> audio) {}

    static Pts pts(List<Fmp4Fragment> fragments) {
        List<Long> video = new ArrayList<>();
        List<Long> audio = new ArrayList<>();
        for (Fmp4Fragment f : fragments) {
            for (Traf traf : Fmp4FragmentTest.parse(f).trafs()) {
                long t = traf.baseDecodeTime();
                for (Trun.Entry e : traf.trun().samples()) {
                    (traf.trackId() == Fmp4Muxer.VIDEO_TRACK_ID ? video : audio).add(t + e.ctsOffset());
                    t += e.duration();
                }
            }
        }
        return new Pts(video, audio);
    }
}
