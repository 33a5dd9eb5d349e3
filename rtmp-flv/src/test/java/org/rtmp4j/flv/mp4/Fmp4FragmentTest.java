package org.rtmp4j.flv.mp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rtmp4j.flv.mp4.Tags.*;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rtmp4j.flv.FlvTagType;

/** Golden structure of moof+mdat (ISO/IEC 14496-12 §8.8), timing, held-back samples and init versions. */
class Fmp4FragmentTest {

    /** One parsed traf: track_ID, tfdt and trun. */
    record Traf(long trackId, int tfhdFlags, int tfdtVersion, long baseDecodeTime, Trun trun) {}

    /** A parsed fragment: moof's sequence number, trafs, and the mdat payload with its offset from moof's start. */
    record Parsed(long sequence, List<Traf> trafs, int mdatPayloadOffset, byte[] mdat) {}

    static Parsed parse(Fmp4Fragment f) {
        List<Box> boxes = Box.parseAll(f.bytes());
        assertThat(Box.types(boxes)).containsExactly("moof", "mdat");
        Box moof = boxes.get(0);
        assertThat(moof.types().get(0)).isEqualTo("mfhd");
        List<Traf> trafs = new ArrayList<>();
        for (Box traf : moof.children().subList(1, moof.children().size())) {
            assertThat(traf.type()).isEqualTo("traf");
            assertThat(traf.types()).containsExactly("tfhd", "tfdt", "trun");
            Box tfdt = traf.child("tfdt");
            trafs.add(new Traf(traf.child("tfhd").u32(4), traf.child("tfhd").flags(), tfdt.version(), tfdt.u64(4),
                    Trun.parse(traf.child("trun"))));
        }
        Box mdat = boxes.get(1);
        return new Parsed(moof.child("mfhd").u32(4), trafs, mdat.offset() + 8, mdat.bytes(0, mdat.size() - 8));
    }

    static Fmp4Muxer avcAac() {
        Fmp4Muxer m = new Fmp4Muxer();
        m.accept(avcConfig(0, AVCC_1080P));
        m.accept(aacConfig(0, ASC_LC_44100_STEREO));
        return m;
    }

    @Test
    void fragmentHasMfhdThenOneTrafPerTrackAndTrunOffsetsPointIntoMdat() {
        Fmp4Muxer m = avcAac();
        byte[] v0 = bytes(100, 1);
        byte[] v1 = bytes(50, 2);
        byte[] a0 = bytes(10, 3);
        byte[] a1 = bytes(11, 4);
        m.accept(avcFrame(0, true, 80, v0));
        m.accept(aacFrame(0, a0));
        m.accept(avcFrame(40, false, 0, v1));
        m.accept(aacFrame(23, a1));
        m.accept(avcFrame(80, false, 40, bytes(60, 5)));
        m.accept(aacFrame(46, bytes(12, 6)));
        Fmp4Fragment f = m.flush().orElseThrow();
        assertThat(f.sequenceNumber()).isEqualTo(1);
        assertThat(f.baseDecodeTimeMs()).isZero();
        assertThat(f.durationMs()).as("two video samples of 40 ms").isEqualTo(80);
        assertThat(f.independent()).isTrue();
        Parsed p = parse(f);
        assertThat(p.sequence()).isEqualTo(1);
        assertThat(p.trafs()).extracting(Traf::trackId).containsExactly(1L, 2L);

        Traf video = p.trafs().get(0);
        assertThat(video.tfhdFlags()).as("default-base-is-moof only").isEqualTo(0x020000);
        assertThat(video.tfdtVersion()).isEqualTo(1);
        assertThat(video.baseDecodeTime()).isZero();
        assertThat(video.trun().version()).isEqualTo(1);
        assertThat(video.trun().flags()).as("offset, duration, size, flags, cts").isEqualTo(0x000F01);
        assertThat(video.trun().samples()).containsExactly(
                new Trun.Entry(3600, 100, 0x02000000, 7200),
                new Trun.Entry(3600, 50, 0x01010000, 0));
        assertThat(video.trun().dataOffset()).isEqualTo(p.mdatPayloadOffset());

        Traf audio = p.trafs().get(1);
        assertThat(audio.trun().flags()).as("no composition offsets for audio").isEqualTo(0x000701);
        // 0 ms -> 0, 23 ms -> 1014 ticks, 46 ms -> 2028 ticks at 44.1 kHz
        assertThat(audio.trun().samples()).containsExactly(
                new Trun.Entry(1014, 10, 0x02000000, 0),
                new Trun.Entry(1014, 11, 0x02000000, 0));
        assertThat(audio.trun().dataOffset()).isEqualTo(p.mdatPayloadOffset() + 150);
        assertThat(p.mdat()).isEqualTo(concat(v0, v1, a0, a1));
    }

    @Test
    void mostRecentSampleOfEachTrackIsHeldBackUntilItsSuccessorOrFinish() {
        Fmp4Muxer m = avcAac();
        assertThat(m.flush()).isEmpty();
        m.accept(avcFrame(0, true, 0, bytes(5, 1)));
        assertThat(m.flush()).as("duration unknown").isEmpty();
        m.accept(avcFrame(33, false, 0, bytes(5, 2)));
        Parsed first = parse(m.flush().orElseThrow());
        assertThat(first.trafs()).hasSize(1);
        assertThat(first.trafs().get(0).trun().samples()).extracting(Trun.Entry::duration).containsExactly(33L * 90);
        assertThat(m.flush()).isEmpty();
        m.accept(aacFrame(10, bytes(4, 9)));
        Fmp4Fragment last = m.finish().orElseThrow();
        Parsed p = parse(last);
        assertThat(last.sequenceNumber()).isEqualTo(2);
        assertThat(last.baseDecodeTimeMs()).isEqualTo(33);
        assertThat(last.independent()).as("starts with an inter frame").isFalse();
        assertThat(p.trafs().get(0).trun().samples()).extracting(Trun.Entry::duration)
                .as("the previous sample's duration").containsExactly(33L * 90);
        assertThat(p.trafs().get(1).trun().samples()).extracting(Trun.Entry::duration)
                .as("one AAC frame").containsExactly(1024L);
        assertThat(m.finish()).isEmpty();
    }

    @Test
    void audioOnlyFragmentsDescribeTheAudioTrack() {
        Fmp4Muxer m = new Fmp4Muxer();
        m.accept(exAudio(0, 0, "Opus", OPUS_HEAD));
        for (int i = 0; i < 3; i++) {
            m.accept(exAudio(1000 + 20L * i, 1, "Opus", bytes(30, i)));
        }
        Fmp4Fragment f = m.flush().orElseThrow();
        assertThat(f.baseDecodeTimeMs()).isEqualTo(1000);
        assertThat(f.durationMs()).isEqualTo(40);
        assertThat(f.independent()).isTrue();
        Traf t = parse(f).trafs().get(0);
        assertThat(t.trackId()).isEqualTo(2);
        assertThat(t.baseDecodeTime()).as("48 kHz ticks").isEqualTo(48000);
        assertThat(t.trun().samples()).extracting(Trun.Entry::duration).containsExactly(960L, 960L);
    }

    @Test
    void negativeCompositionTimesBecomeSignedTrunV1Offsets() {
        Fmp4Muxer m = avcAac();
        m.accept(exVideo(100, 1, 1, "avc1", -40, bytes(8, 1)));
        m.accept(exVideo(140, 2, 1, "avc1", 0x7FFFFF, bytes(8, 2)));
        m.accept(exVideo(180, 2, 3, "avc1", null, bytes(8, 3))); // CodedFramesX: offset 0
        m.accept(exVideo(220, 2, 1, "avc1", 0, bytes(8, 4)));
        Trun trun = parse(m.flush().orElseThrow()).trafs().get(0).trun();
        assertThat(trun.samples()).extracting(Trun.Entry::ctsOffset)
                .containsExactly(-40 * 90, 0x7FFFFF * 90, 0);
    }

    @Test
    void decodeTimesStayMonotonicPastThe32BitWrap() {
        Fmp4Muxer m = avcAac();
        long start = 0xFFFF_FFFFL - 50; // 50 ms before the wrap
        List<Fmp4Fragment> out = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            m.accept(avcFrame(start + 20L * i, i == 0, 0, bytes(4, i))); // the FlvTag keeps the low 32 bits
            m.flush().ifPresent(out::add);
        }
        m.finish().ifPresent(out::add);
        long expected = start;
        long ticks = start * 90;
        for (Fmp4Fragment f : out) {
            assertThat(f.baseDecodeTimeMs()).isEqualTo(expected);
            Traf t = parse(f).trafs().get(0);
            assertThat(t.baseDecodeTime()).as("64-bit tfdt").isEqualTo(ticks);
            for (Trun.Entry e : t.trun().samples()) {
                assertThat(e.duration()).isEqualTo(20L * 90);
                ticks += e.duration();
                expected += 20;
            }
        }
        assertThat(expected).as("past 2^32 ms").isGreaterThan(1L << 32);
    }

    @Test
    void decreasingDecodeTimesAreRaisedToOneMsPastThePreviousSample() {
        Fmp4Muxer m = avcAac();
        m.accept(avcFrame(100, true, 0, bytes(4, 1)));
        m.accept(avcFrame(90, false, 0, bytes(4, 2)));
        m.accept(avcFrame(140, false, 0, bytes(4, 3)));
        assertThat(parse(m.flush().orElseThrow()).trafs().get(0).trun().samples())
                .extracting(Trun.Entry::duration).containsExactly(90L, 39L * 90);
    }

    @Test
    void initVersionCountsTracksAddedAndChangedConfigurationsNotRepeats() {
        Fmp4Muxer m = new Fmp4Muxer();
        assertThat(m.initVersion()).isZero();
        m.accept(avcConfig(0, AVCC_1080P));
        assertThat(m.initVersion()).isEqualTo(1);
        m.accept(avcConfig(0, AVCC_1080P));
        assertThat(m.initVersion()).as("a repeated sequence header").isEqualTo(1);
        ByteBuffer v1 = m.initSegment().orElseThrow();
        m.accept(aacConfig(0, ASC_LC_44100_STEREO));
        assertThat(m.initVersion()).as("audio track added").isEqualTo(2);
        m.accept(avcFrame(0, true, 0, bytes(4, 1)));
        m.accept(avcFrame(40, false, 0, bytes(4, 2)));
        m.accept(avcConfig(80, AVCC_ODD));
        assertThat(m.initVersion()).as("a different SPS").isEqualTo(3);
        assertThat(m.initSegment().orElseThrow()).isNotEqualTo(v1);
        assertThat(Fmp4InitSegmentTest.sampleEntry(Fmp4InitSegmentTest.init(m), 0).u16(24)).isEqualTo(1270);
        m.accept(avcFrame(80, true, 0, bytes(4, 3)));
        m.accept(avcFrame(120, false, 0, bytes(4, 4)));

        Parsed old = parse(m.flush().orElseThrow());
        assertThat(old.trafs().get(0).trun().samples()).as("every sample of the old configuration, the last one too")
                .extracting(Trun.Entry::size).containsExactly(4L, 4L);
        assertThat(old.trafs().get(0).trun().samples()).extracting(Trun.Entry::duration)
                .containsExactly(40L * 90, 40L * 90);
        Fmp4Fragment next = m.flush().orElseThrow();
        assertThat(next.baseDecodeTimeMs()).isEqualTo(80);
        assertThat(next.independent()).isTrue();
        assertThat(m.flush()).isEmpty();
    }

    @Test
    void resetDropsBufferedSamplesAndContinuesTheTimelineAndSequenceNumbers() {
        Fmp4Muxer m = avcAac();
        m.accept(avcFrame(5000, true, 0, bytes(4, 1)));
        m.accept(avcFrame(5040, false, 0, bytes(4, 2)));
        assertThat(m.flush().orElseThrow().sequenceNumber()).isEqualTo(1);
        m.reset();
        assertThat(m.initVersion()).isEqualTo(2);
        assertThat(m.initSegment()).isPresent();
        m.accept(avcFrame(0, true, 0, bytes(4, 3)));  // the new publisher starts at 0
        m.accept(avcFrame(40, false, 0, bytes(4, 4)));
        Fmp4Fragment f = m.flush().orElseThrow();
        assertThat(f.sequenceNumber()).isEqualTo(2);
        assertThat(f.baseDecodeTimeMs()).as("5040 + the held-back sample's 40 ms").isEqualTo(5080);
        assertThat(parse(f).mdat()).isEqualTo(bytes(4, 3));
    }

    @Test
    void unsupportedCodecsAndFramesBeforeTheirConfigurationAreCountedNotMuxed() {
        Fmp4Muxer m = new Fmp4Muxer();
        m.accept(tag(FlvTagType.AUDIO, 0, hex("2f0102")));            // MP3
        m.accept(tag(FlvTagType.VIDEO, 0, hex("140102")));            // VP6
        m.accept(exAudio(0, 1, "ac-3", bytes(4, 1)));
        m.accept(exVideo(0, 1, 1, "vvc1", 0, bytes(4, 1)));
        m.accept(tag(FlvTagType.SCRIPT, 0, hex("0200")));
        assertThat(m.unsupportedTags()).isEqualTo(4);
        m.accept(avcFrame(0, true, 0, bytes(4, 1)));
        m.accept(aacFrame(0, bytes(4, 1)));
        assertThat(m.droppedSamples()).isEqualTo(2);
        m.accept(tag(FlvTagType.VIDEO, 0, hex("17")));                // truncated header
        m.accept(avcConfig(0, hex("0164")));                          // truncated record
        assertThat(m.malformedTags()).isEqualTo(2);
        assertThat(m.initSegment()).isEmpty();
        assertThat(m.flush()).isEmpty();
        m.accept(avcConfig(0, new byte[0]));                          // ffmpeg's empty sequence start: ignored
        assertThat(m.malformedTags()).isEqualTo(2);
    }

    @Test
    void multitrackBodiesUseTheDefaultTrack() {
        // ExHeader | key | Multitrack(6); ManyTracks(1) << 4 | SequenceStart; 'avc1'; track 1 then track 0
        byte[] body = concat(hex("96" + "10"), "avc1".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                hex("01"), u24(AVCC_ODD.length), AVCC_ODD, hex("00"), u24(AVCC_1080P.length), AVCC_1080P);
        Fmp4Muxer m = new Fmp4Muxer();
        m.accept(tag(FlvTagType.VIDEO, 0, body));
        assertThat(Fmp4InitSegmentTest.sampleEntry(Fmp4InitSegmentTest.init(m), 0).u16(24)).as("track 0's SPS")
                .isEqualTo(1920);
    }

    private static byte[] u24(int n) {
        return new byte[] {(byte) (n >> 16), (byte) (n >> 8), (byte) n};
    }

    @Test
    void limitsRefuseASampleWhenTheCallerDoesNotFlush() {
        Fmp4Muxer m = new Fmp4Muxer(new Fmp4Options(3, 1 << 20, 33));
        m.accept(avcConfig(0, AVCC_1080P));
        for (int i = 0; i < 3; i++) {
            m.accept(avcFrame(40L * i, i == 0, 0, bytes(4, i)));
        }
        assertThatThrownBy(() -> m.accept(avcFrame(120, false, 0, bytes(4, 9))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("call flush()");
        assertThat(m.flush()).isPresent();
        m.accept(avcFrame(120, false, 0, bytes(4, 9)));
        Fmp4Muxer small = new Fmp4Muxer(new Fmp4Options(100, 10, 33));
        small.accept(avcConfig(0, AVCC_1080P));
        assertThatThrownBy(() -> small.accept(avcFrame(0, true, 0, bytes(11, 1))))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new Fmp4Options(1, 10, 33)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Fmp4Options(2, 0, 33)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Fmp4Options(2, 10, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void samplePayloadIsNotCopiedBeforeTheFragmentIsWritten() {
        Fmp4Muxer m = avcAac();
        byte[] body = concat(hex("1701000000"), bytes(4, 7));
        m.accept(tag(FlvTagType.VIDEO, 0, body));
        body[5] = 42; // the muxer holds a view of the tag body
        m.accept(avcFrame(40, false, 0, bytes(4, 8)));
        Optional<Fmp4Fragment> f = m.flush();
        assertThat(parse(f.orElseThrow()).mdat()).isEqualTo(hex("2a070707"));
    }
}
