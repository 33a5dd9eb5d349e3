package org.rtmp4j.flv.mp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rtmp4j.flv.mp4.Tags.*;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden structure of the init segment (ISO/IEC 14496-12 §4.3, §8.2–8.8) and of every codec's sample entry. */
class Fmp4InitSegmentTest {

    /** The stsd entry of track {@code index} (0-based among the traks). */
    static Box sampleEntry(List<Box> init, int index) {
        Box trak = Box.find(init, "moov").children().stream().filter(b -> b.type().equals("trak")).toList().get(index);
        Box stsd = Box.find(List.of(trak), "trak/mdia/minf/stbl/stsd");
        assertThat(stsd.u32(4)).as("entry_count").isEqualTo(1);
        List<Box> entries = Box.parseAll(stsd.payload().slice(8, stsd.payload().limit() - 8));
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    static List<Box> init(Fmp4Muxer m) {
        ByteBuffer b = m.initSegment().orElseThrow();
        List<Box> boxes = Box.parseAll(b);
        assertThat(boxes.stream().mapToInt(Box::size).sum()).as("boxes fill the segment").isEqualTo(b.remaining());
        return boxes;
    }

    @Test
    void avcAndAacInitSegmentHasEveryBoxInOrderWithItsFields() {
        Fmp4Muxer m = new Fmp4Muxer();
        assertThat(m.initSegment()).isEmpty();
        m.accept(avcConfig(0, AVCC_1080P));
        m.accept(aacConfig(0, ASC_LC_44100_STEREO));
        List<Box> init = init(m);

        assertThat(Box.types(init)).containsExactly("ftyp", "moov");
        Box ftyp = init.get(0);
        assertThat(ftyp.fourCc(0)).as("major_brand").isEqualTo("iso6");
        assertThat(List.of(ftyp.fourCc(8), ftyp.fourCc(12), ftyp.fourCc(16))).containsExactly("iso6", "iso5", "mp41");

        Box moov = init.get(1);
        assertThat(moov.types()).containsExactly("mvhd", "trak", "trak", "mvex");
        Box mvhd = moov.child("mvhd");
        assertThat(mvhd.version()).isZero();
        assertThat(mvhd.u32(12)).as("timescale").isEqualTo(1000);
        assertThat(mvhd.u32(16)).as("duration").isZero();
        assertThat(mvhd.u32(20)).as("rate").isEqualTo(0x00010000);
        assertThat(mvhd.u32(96)).as("next_track_ID").isEqualTo(3);
        assertThat(mvhd.size()).isEqualTo(108);

        Box video = moov.children().get(1);
        assertThat(video.types()).containsExactly("tkhd", "mdia");
        Box tkhd = video.child("tkhd");
        assertThat(tkhd.flags()).as("enabled, in movie").isEqualTo(3);
        assertThat(tkhd.u32(12)).as("track_ID").isEqualTo(1);
        assertThat(tkhd.u16(36)).as("volume").isZero();
        assertThat(tkhd.u32(40)).as("matrix a").isEqualTo(0x00010000);
        assertThat(tkhd.u32(72)).as("matrix w").isEqualTo(0x40000000);
        assertThat(tkhd.u32(76)).as("width 16.16").isEqualTo(1920L << 16);
        assertThat(tkhd.u32(80)).as("height 16.16").isEqualTo(1080L << 16);
        assertThat(tkhd.size()).isEqualTo(92);
        Box mdia = video.child("mdia");
        assertThat(mdia.types()).containsExactly("mdhd", "hdlr", "minf");
        assertThat(mdia.child("mdhd").u32(12)).as("video timescale").isEqualTo(90000);
        assertThat(mdia.child("mdhd").u16(20)).as("language und").isEqualTo(0x55C4);
        assertThat(mdia.child("hdlr").fourCc(8)).isEqualTo("vide");
        Box minf = mdia.child("minf");
        assertThat(minf.types()).containsExactly("vmhd", "dinf", "stbl");
        assertThat(minf.child("vmhd").flags()).isEqualTo(1);
        Box dref = minf.child("dinf").child("dref");
        assertThat(dref.u32(4)).as("dref entries").isEqualTo(1);
        assertThat(dref.fourCc(12)).isEqualTo("url ");
        assertThat(dref.u32(16) & 1).as("url self-contained").isEqualTo(1);
        Box stbl = minf.child("stbl");
        assertThat(stbl.types()).containsExactly("stsd", "stts", "stsc", "stsz", "stco");
        for (String empty : List.of("stts", "stsc", "stco")) {
            assertThat(stbl.child(empty).u32(4)).as("%s entry_count", empty).isZero();
        }
        assertThat(stbl.child("stsz").u32(8)).as("stsz sample_count").isZero();

        Box avc1 = sampleEntry(init, 0);
        assertThat(avc1.type()).isEqualTo("avc1");
        assertThat(avc1.u16(6)).as("data_reference_index").isEqualTo(1);
        assertThat(avc1.u16(24)).as("width").isEqualTo(1920);
        assertThat(avc1.u16(26)).as("height").isEqualTo(1080);
        assertThat(avc1.u32(28)).as("horizresolution").isEqualTo(0x00480000);
        assertThat(avc1.u16(40)).as("frame_count").isEqualTo(1);
        assertThat(avc1.u16(74)).as("depth").isEqualTo(0x18);
        List<Box> inner = avc1.inner(78);
        assertThat(Box.types(inner)).containsExactly("avcC");
        assertThat(inner.get(0).bytes(0, inner.get(0).size() - 8)).as("avcC is the FLV record").isEqualTo(AVCC_1080P);

        Box audio = moov.children().get(2);
        assertThat(audio.child("tkhd").u32(12)).as("track_ID").isEqualTo(2);
        assertThat(audio.child("tkhd").u16(36)).as("volume").isEqualTo(0x0100);
        assertThat(audio.child("mdia").child("mdhd").u32(12)).as("audio timescale").isEqualTo(44100);
        assertThat(audio.child("mdia").child("hdlr").fourCc(8)).isEqualTo("soun");
        assertThat(audio.child("mdia").child("minf").types()).containsExactly("smhd", "dinf", "stbl");
        Box mp4a = sampleEntry(init, 1);
        assertThat(mp4a.type()).isEqualTo("mp4a");
        assertThat(mp4a.u16(16)).as("channelcount").isEqualTo(2);
        assertThat(mp4a.u16(18)).as("samplesize").isEqualTo(16);
        assertThat(mp4a.u32(24)).as("samplerate 16.16").isEqualTo(44100L << 16);
        Box esds = mp4a.inner(28).get(0);
        assertThat(esds.type()).isEqualTo("esds");
        // ES_Descriptor(3) { ES_ID 0, flags 0, DecoderConfigDescriptor(4) { 0x40, 0x15, 11 zero bytes,
        // DecoderSpecificInfo(5) { ASC } }, SLConfigDescriptor(6) { 2 } }
        assertThat(esds.bytes(0, esds.size() - 8)).isEqualTo(hex("00000000" + "031900000004"
                + "114015" + "0000000000000000000000" + "05021210" + "060102"));

        Box mvex = moov.child("mvex");
        assertThat(mvex.types()).containsExactly("trex", "trex");
        for (int i = 0; i < 2; i++) {
            Box trex = mvex.children().get(i);
            assertThat(trex.u32(4)).as("trex track_ID").isEqualTo(i + 1);
            assertThat(trex.u32(8)).as("default_sample_description_index").isEqualTo(1);
        }
    }

    @Test
    void hevcEntryIsHvc1WithTheRecordAsHvcCAndTheSpsSize() {
        Fmp4Muxer m = new Fmp4Muxer();
        m.accept(exVideo(0, 1, 0, "hvc1", null, HVCC_ODD));
        Box e = sampleEntry(init(m), 0);
        assertThat(e.type()).isEqualTo("hvc1");
        assertThat(List.of(e.u16(24), e.u16(26))).containsExactly(1270, 714);
        Box hvcC = e.inner(78).get(0);
        assertThat(hvcC.type()).isEqualTo("hvcC");
        assertThat(hvcC.bytes(0, hvcC.size() - 8)).isEqualTo(HVCC_ODD);
    }

    @Test
    void legacyHevcCodecId12IsHvc1Too() {
        Fmp4Muxer m = new Fmp4Muxer();
        m.accept(tag(org.rtmp4j.flv.FlvTagType.VIDEO, 0, concat(hex("1c00000000"), HVCC_ODD)));
        assertThat(sampleEntry(init(m), 0).type()).isEqualTo("hvc1");
    }

    @Test
    void av1EntryIsAv01WithAv1CAndTheAv01Brand() {
        Fmp4Muxer m = new Fmp4Muxer();
        m.accept(exVideo(0, 1, 0, "av01", null, AV1C_TESTSRC));
        List<Box> init = init(m);
        Box e = sampleEntry(init, 0);
        assertThat(e.type()).isEqualTo("av01");
        assertThat(List.of(e.u16(24), e.u16(26))).containsExactly(980, 540);
        Box av1C = e.inner(78).get(0);
        assertThat(av1C.type()).isEqualTo("av1C");
        assertThat(av1C.bytes(0, av1C.size() - 8)).isEqualTo(AV1C_TESTSRC);
        assertThat(init.get(0).fourCc(20)).as("fourth compatible brand").isEqualTo("av01");
    }

    @Test
    void vp9EntryWaitsForTheFirstKeyFrameForItsSizeAndWritesVpcCVersion1() {
        Fmp4Muxer m = new Fmp4Muxer();
        m.accept(exVideo(0, 1, 0, "vp09", null, VPCC_FULLBOX));
        assertThat(m.initSegment()).as("vpcC has no picture size").isEmpty();
        m.accept(exVideo(0, 2, 1, "vp09", null, bytes(20, 0x86)));
        assertThat(m.droppedSamples()).as("an inter frame before the key frame").isEqualTo(1);
        m.accept(exVideo(40, 1, 1, "vp09", null, VP9_KEY_320X240));
        assertThat(m.initVersion()).isEqualTo(1);
        Box e = sampleEntry(init(m), 0);
        assertThat(e.type()).isEqualTo("vp09");
        assertThat(List.of(e.u16(24), e.u16(26))).containsExactly(320, 240);
        Box vpcC = e.inner(78).get(0);
        assertThat(vpcC.type()).isEqualTo("vpcC");
        // version 1, flags 0; profile 0, level 20, bitDepth 8 | 4:2:0 colocated | limited range,
        // primaries/transfer/matrix 2, no codec initialization data
        assertThat(vpcC.bytes(0, vpcC.size() - 8)).isEqualTo(hex("01000000" + "0014" + "82" + "020202" + "0000"));
        m.accept(exVideo(80, 1, 1, "vp09", null, VP9_KEY_320X240));
        assertThat(m.initVersion()).as("same size, same record").isEqualTo(1);
    }

    @Test
    void aacThroughErtmpMp4aIsTheSameEntryAsLegacyAac() {
        Fmp4Muxer legacy = new Fmp4Muxer();
        legacy.accept(aacConfig(0, ASC_LC_44100_STEREO));
        Fmp4Muxer ertmp = new Fmp4Muxer();
        ertmp.accept(exAudio(0, 0, "mp4a", ASC_LC_44100_STEREO));
        assertThat(bytes(ertmp.initSegment().orElseThrow())).isEqualTo(bytes(legacy.initSegment().orElseThrow()));
    }

    @Test
    void opusEntryHasBigEndianDOpsAnd48kTimescale() {
        Fmp4Muxer m = new Fmp4Muxer();
        m.accept(exAudio(0, 0, "Opus", OPUS_HEAD));
        List<Box> init = init(m);
        Box trak = Box.find(init, "moov/trak");
        assertThat(trak.child("tkhd").u32(12)).as("audio is track 2 even alone").isEqualTo(2);
        assertThat(trak.child("mdia").child("mdhd").u32(12)).isEqualTo(48000);
        Box e = sampleEntry(init, 0);
        assertThat(e.type()).isEqualTo("Opus");
        assertThat(e.u16(16)).as("channelcount").isEqualTo(2);
        assertThat(e.u32(24)).as("samplerate").isEqualTo(48000L << 16);
        Box dOps = e.inner(28).get(0);
        assertThat(dOps.type()).isEqualTo("dOps");
        // Version 0, 2 channels, PreSkip 312, InputSampleRate 48000, OutputGain 0, family 0
        assertThat(dOps.bytes(0, dOps.size() - 8)).isEqualTo(hex("00" + "02" + "0138" + "0000bb80" + "0000" + "00"));
    }

    @Test
    void opusWithMappingFamily1CarriesTheStreamCountsAndMapping() {
        byte[] head = concat("OpusHead".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                hex("0106380180bb0000000001" + "0402" + "000401020305"));
        Fmp4Muxer m = new Fmp4Muxer();
        m.accept(exAudio(0, 0, "Opus", head));
        Box dOps = sampleEntry(init(m), 0).inner(28).get(0);
        assertThat(dOps.bytes(0, dOps.size() - 8)).isEqualTo(hex("00060138" + "0000bb80" + "0000" + "01"
                + "0402" + "000401020305"));
    }

    @Test
    void aCodecSwitchToVp9TakesEffectAtTheFirstVp9KeyFrame() {
        Fmp4Muxer m = new Fmp4Muxer();
        m.accept(avcConfig(0, AVCC_1080P));
        m.accept(exVideo(0, 1, 0, "vp09", null, VPCC_FULLBOX));
        assertThat(m.initVersion()).as("no picture size yet").isEqualTo(1);
        assertThat(sampleEntry(init(m), 0).type()).isEqualTo("avc1");
        m.accept(exVideo(40, 1, 1, "vp09", null, VP9_KEY_320X240));
        assertThat(m.initVersion()).isEqualTo(2);
        assertThat(sampleEntry(init(m), 0).type()).isEqualTo("vp09");
        m.accept(avcFrame(80, true, 0, bytes(4, 1)));
        assertThat(m.droppedSamples()).as("H.264 after the switch").isEqualTo(1);
    }
}
