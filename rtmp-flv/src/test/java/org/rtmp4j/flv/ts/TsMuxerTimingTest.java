package org.rtmp4j.flv.ts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rtmp4j.flv.ts.TsTestMedia.aacFrame;
import static org.rtmp4j.flv.ts.TsTestMedia.aacSequenceHeader;
import static org.rtmp4j.flv.ts.TsTestMedia.avcFrame;
import static org.rtmp4j.flv.ts.TsTestMedia.avcSequenceHeader;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtmp4j.flv.FlvTagType;

/** Time stamps, PCR placement, PMT versions and the counters, on small synthetic streams. */
class TsMuxerTimingTest {
    private static final long WRAP_33 = 1L << 33;

    private static TsTestStream read(TsMuxer ts) {
        TsTestStream s = TsTestStream.read(ts.take());
        s.assertContinuity();
        return s;
    }

    @Test
    void flvTimesPastTwoToThe32MsStayMonotonicModulo33Bits() {
        TsMuxer ts = new TsMuxer();
        int start = 0xFFFF_FF00; // 4,294,967,040 ms: the 32-bit FLV time wraps after 7 frames
        ts.accept(avcSequenceHeader(start));
        for (int i = 0; i < 20; i++) {
            ts.accept(avcFrame(start + 40 * i, i == 0, 0, 0x65, i));
        }
        List<TsTestStream.Pes> video = read(ts).pes(TsMuxer.VIDEO_PID);
        assertThat(video).hasSize(20);
        long first = ((Integer.toUnsignedLong(start) + 700) * 90) % WRAP_33;
        assertThat(video.get(0).pts()).isEqualTo(first);
        for (int i = 1; i < 20; i++) {
            assertThat(Math.floorMod(video.get(i).pts() - video.get(i - 1).pts(), WRAP_33)).as("PTS step %d", i).isEqualTo(3600);
        }
    }

    @Test
    void ptsAndPcrWrapAt33BitsWithoutAJump() {
        TsMuxer ts = new TsMuxer();
        int start = (int) (WRAP_33 / 90 - 1000); // one second before 2^33 / 90 kHz (about 26.5 h)
        ts.accept(avcSequenceHeader(start));
        for (int i = 0; i < 60; i++) {
            ts.accept(avcFrame(start + 40 * i, i % 25 == 0, 80, 0x41, i));
        }
        TsTestStream s = read(ts);
        List<TsTestStream.Pes> video = s.pes(TsMuxer.VIDEO_PID);
        boolean wrapped = false;
        for (int i = 1; i < video.size(); i++) {
            wrapped |= video.get(i).dts() < video.get(i - 1).dts();
            assertThat(Math.floorMod(video.get(i).dts() - video.get(i - 1).dts(), WRAP_33)).isEqualTo(3600);
            assertThat(Math.floorMod(video.get(i).pts() - video.get(i).dts(), WRAP_33)).as("composition time 80 ms")
                    .isEqualTo(7200);
        }
        assertThat(wrapped).as("the 33-bit DTS wrapped").isTrue();
        List<Long> pcrs = s.pcrs();
        for (int i = 1; i < pcrs.size(); i++) {
            assertThat(Math.floorMod(pcrs.get(i) - pcrs.get(i - 1), WRAP_33)).isBetween(0L, 9000L);
        }
    }

    @Test
    void audioOnlyStreamsCarryThePcrOnTheAudioPidEvery100Ms() {
        TsMuxer ts = new TsMuxer();
        ts.accept(aacSequenceHeader(0));
        for (int i = 0; i < 200; i++) {
            ts.accept(aacFrame((int) (i * 1024_000L / 44100), 0x21, i, 0x07));
        }
        TsTestStream s = read(ts);
        byte[] pmt = s.sections.get(TsMuxer.PMT_PID).get(0);
        assertThat(((pmt[8] & 0x1F) << 8) | pmt[9] & 0xFF).as("PCR_PID").isEqualTo(TsMuxer.AUDIO_PID);
        List<Long> pcrs = s.pcrs();
        assertThat(pcrs.size()).isGreaterThanOrEqualTo(200 * 1024 / 44100 * 10);
        for (int i = 1; i < pcrs.size(); i++) {
            assertThat(pcrs.get(i) - pcrs.get(i - 1)).isBetween(1L, 9000L);
        }
        for (TsTestStream.Pes pes : s.pes(TsMuxer.AUDIO_PID)) {
            assertThat(s.packets.get(pes.firstPacket()).pcr()).as("every audio PES starts with a PCR").isNotNegative();
        }
    }

    @Test
    void aTrackAddedLaterGivesANewPmtVersionBeforeItsFirstPes() {
        TsMuxer ts = new TsMuxer();
        ts.accept(avcSequenceHeader(0));
        ts.accept(avcFrame(0, true, 0, 0x65, 1));
        ts.accept(aacSequenceHeader(10));
        ts.accept(aacFrame(10, 0x21, 1));
        ts.accept(avcFrame(40, false, 0, 0x41, 2));
        TsTestStream s = read(ts);
        List<byte[]> pmts = s.sections.get(TsMuxer.PMT_PID);
        assertThat(pmts).hasSize(2);
        assertThat(pmts.get(0)[5] >> 1 & 0x1F).isZero();
        assertThat(pmts.get(0)[2] & 0xFF).as("one stream").isEqualTo(0x12);
        assertThat(pmts.get(1)[5] >> 1 & 0x1F).as("version_number").isEqualTo(1);
        assertThat(pmts.get(1)[2] & 0xFF).as("two streams").isEqualTo(0x17);
        int secondPmt = s.packets.stream().filter(p -> p.pid() == TsMuxer.PMT_PID).skip(1).findFirst().orElseThrow().index();
        assertThat(s.pes(TsMuxer.AUDIO_PID).get(0).firstPacket()).isGreaterThan(secondPmt);
    }

    @Test
    void aTimelineThatStartsOverSetsTheDiscontinuityIndicator() {
        TsMuxer ts = new TsMuxer();
        ts.accept(avcSequenceHeader(0));
        ts.accept(avcFrame(50_000, true, 0, 0x65, 1));
        ts.accept(avcFrame(50_040, false, 0, 0x41, 2));
        ts.accept(avcFrame(0, true, 0, 0x65, 3)); // the publisher reconnected
        TsTestStream s = read(ts);
        List<TsTestStream.Packet> withPcr = s.packets.stream().filter(p -> p.pcr() >= 0).toList();
        assertThat(withPcr).extracting(TsTestStream.Packet::discontinuity).containsExactly(false, false, true);
        assertThat(withPcr.get(2).pcr()).isZero();
        assertThat(s.pes(TsMuxer.VIDEO_PID).get(2).dts()).isEqualTo(700 * 90);
    }

    @Test
    void negativeCompositionTimeNeverPutsPtsBeforeDts() {
        TsMuxer ts = new TsMuxer();
        ts.accept(avcSequenceHeader(0));
        ts.accept(avcFrame(1000, true, -40 & 0xFFFFFF, 0x65, 1));
        TsTestStream.Pes pes = read(ts).pes(TsMuxer.VIDEO_PID).get(0);
        assertThat(pes.pts()).isEqualTo(pes.dts()).isEqualTo(1700 * 90);
    }

    @Test
    void framesWithoutConfigurationAreDroppedAndOtherCodecsIgnoredWithCounts() {
        TsMuxer ts = new TsMuxer();
        ts.accept(avcFrame(0, true, 0, 0x65, 1));
        assertThat(ts.droppedTags()).isEqualTo(1);
        assertThat(ts.lastDropReason()).hasValueSatisfying(r -> assertThat(r).contains("before its sequence header"));
        ts.accept(aacFrame(0, 0x21));
        assertThat(ts.droppedTags()).isEqualTo(2);
        ts.accept(TsTestMedia.tag(FlvTagType.VIDEO, 0, 0x90 | 1, 'a', 'v', '0', '1')); // E-RTMP AV1 coded frames
        ts.accept(TsTestMedia.tag(FlvTagType.AUDIO, 0, 0x2F, 1, 2)); // MP3
        ts.accept(TsTestMedia.tag(FlvTagType.SCRIPT, 0, 2, 0, 0));
        assertThat(ts.ignoredTags()).isEqualTo(3);
        ts.accept(TsTestMedia.tag(FlvTagType.AUDIO, 0, 0xAF, 0, 0x12, 0x00)); // channelConfiguration 0
        assertThat(ts.lastDropReason()).hasValueSatisfying(r -> assertThat(r).contains("channelConfiguration 0"));
        assertThat(ts.take().remaining()).as("nothing was written").isZero();
    }

    @Test
    void segmentsWithoutNewMediaAreEmptyAndCountersContinueAcrossSegments() {
        TsMuxer ts = new TsMuxer();
        ts.accept(avcSequenceHeader(0));
        ts.accept(avcFrame(0, true, 0, 0x65, 1));
        byte[] a = TsMuxerTest.bytes(ts.take());
        ts.startSegment();
        assertThat(ts.take().remaining()).isZero();
        ts.startSegment();
        ts.accept(avcFrame(40, false, 0, 0x41, 2));
        byte[] b = TsMuxerTest.bytes(ts.take());
        TsTestStream s = TsTestStream.read(TsMuxerTest.concat(List.of(a, b)));
        s.assertContinuity();
        assertThat(TsTestStream.read(b).packets.get(0).pid()).as("the segment starts with the PAT").isZero();
    }

    @Test
    void sparseVideoGetsPcrOnlyPacketsOnTheVideoPidBetweenAudioPes() {
        TsMuxer ts = new TsMuxer();
        ts.accept(avcSequenceHeader(0));
        ts.accept(aacSequenceHeader(0));
        for (int t = 0; t < 3000; t += 23) {
            if (t % 1000 < 23) {
                ts.accept(avcFrame(t, true, 0, 0x65, t & 0xFF)); // one frame a second
            }
            ts.accept(aacFrame(t, 0x21, t & 0xFF));
        }
        TsTestStream s = read(ts);
        List<TsTestStream.Packet> pcrOnly = s.packets.stream().filter(p -> p.adaptationFieldControl() == 2).toList();
        assertThat(pcrOnly).hasSizeGreaterThan(20);
        assertThat(pcrOnly).allSatisfy(p -> {
            assertThat(p.pid()).isEqualTo(TsMuxer.VIDEO_PID);
            assertThat(p.pcr()).isNotNegative();
        });
        List<Long> pcrs = s.pcrs();
        for (int i = 1; i < pcrs.size(); i++) {
            assertThat(pcrs.get(i) - pcrs.get(i - 1)).as("PCR step %d", i).isBetween(0L, 9000L);
        }
    }

    @Test
    void zeroAudioPesDurationPutsEveryFrameInItsOwnPes() {
        TsMuxer ts = new TsMuxer(new TsMuxerOptions(java.time.Duration.ZERO, java.time.Duration.ofMillis(100),
                java.time.Duration.ZERO));
        ts.accept(aacSequenceHeader(0));
        for (int i = 0; i < 10; i++) {
            ts.accept(aacFrame(i * 23, 0x21, i));
        }
        List<TsTestStream.Pes> audio = read(ts).pes(TsMuxer.AUDIO_PID);
        assertThat(audio).hasSize(10);
        assertThat(audio.get(3).pts()).as("no decode delay").isEqualTo(69 * 90);
        assertThat(audio.get(3).payload()).hasSize(7 + 2);
    }

    @Test
    void optionsOutsideTheirRangesAreRefused() {
        java.time.Duration ms100 = java.time.Duration.ofMillis(100);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TsMuxerOptions(ms100, java.time.Duration.ofMillis(101), ms100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pcrInterval");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TsMuxerOptions(java.time.Duration.ofSeconds(11), ms100, ms100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decodeDelay");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TsMuxerOptions(ms100, ms100, java.time.Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAudioPesDuration");
        assertThat(TsMuxerOptions.defaults()).isEqualTo(new TsMuxerOptions(java.time.Duration.ofMillis(700), ms100, ms100));
    }
}
