package org.rtmp4j.flv.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.rtmp4j.flv.codec.CodecTestSupport.assertOnlyFormatExceptions;
import static org.rtmp4j.flv.codec.CodecTestSupport.bits;
import static org.rtmp4j.flv.codec.CodecTestSupport.hex;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.rtmp4j.flv.FlvFormatException;

/**
 * Records taken from FLV files that ffmpeg 7.1.1 (libx264, libx265, libvpx-vp9) wrote from
 * lavfi testsrc, checked against ffprobe's width/height/profile/level.
 */
class VideoConfigurationRecordsTest {

    /** libx264 High@4.0, 1920x1080 (coded 1920x1088, cropped), VUI 60/1 ticks = 30 fps. */
    static final String AVCC_1080P = "01640028ffe1001b67640028acd940780227e5c044000003000400000300"
            + "f03c60c65801000668ebe3cb22c0fdf8f800";
    /** libx264 High@3.1, 1270x714 (coded 1280x720, cropped right 10 and bottom 6), 24000/1001. */
    static final String AVCC_ODD = "0164001fffe1001a6764001facd9405005be69301100000303e90000bb800f"
            + "18319601000668ebe3cb22c0fdf8f800";
    /** libx265 Main@3.1 (level_idc 93), 1270x714 in 1272x720 with a conformance window. */
    static final String HVCC_ODD = "0101600000009000000000005df000fcfdf8f800000f03200001001840010c"
            + "01ffff01600000030090000003000003005d959809210001002b42010101600000030090000003000003"
            + "005da0027c802d1d4996566924caf0168080000003008000000f0422000100074401c172b46240";
    /** The av1C of the shared av1-opus-enhanced-testsrc.flv (profile 1, level 4, 980x540). */
    static final String AV1C_TESTSRC = "812400000a0e20000024cfa70dbfff3404340080";
    /** vpcC as ffmpeg writes it in FLV: FullBox version 1 + flags, then the 8-byte record. */
    static final String VPCC_FULLBOX = "010000000014820202020000";

    @Test
    void avcRecordWithCroppingGives1920x1080At30Fps() throws FlvFormatException {
        ByteBuffer in = hex(AVCC_1080P);
        AvcDecoderConfigurationRecord r = AvcDecoderConfigurationRecord.parse(in);
        assertThat(in.position()).isZero();
        assertThat(r.profileIndication()).isEqualTo(100);
        assertThat(r.levelIndication()).isEqualTo(40);
        assertThat(r.nalUnitLengthSize()).isEqualTo(4);
        assertThat(r.sequenceParameterSets()).hasSize(1);
        assertThat(r.pictureParameterSets()).hasSize(1);
        H264Sps sps = r.sps();
        assertThat(sps.codedWidth()).isEqualTo(1920);
        assertThat(sps.codedHeight()).isEqualTo(1088);
        assertThat(sps.width()).isEqualTo(1920);
        assertThat(sps.height()).isEqualTo(1080);
        assertThat(sps.frameRate()).isEqualTo(30.0);
        assertThat(sps.level()).isEqualTo(4.0);
    }

    @Test
    void avcRecordWithOddSizeCropsBothAxesAndKeepsNtscFrameRate() throws FlvFormatException {
        H264Sps sps = AvcDecoderConfigurationRecord.parse(hex(AVCC_ODD)).sps();
        assertThat(sps.profileIdc()).isEqualTo(100);
        assertThat(sps.levelIdc()).isEqualTo(31);
        assertThat(sps.codedWidth()).isEqualTo(1280);
        assertThat(sps.codedHeight()).isEqualTo(720);
        assertThat(sps.width()).isEqualTo(1270);
        assertThat(sps.height()).isEqualTo(714);
        assertThat(sps.frameRate()).isCloseTo(24000.0 / 1001, within(1e-9));
    }

    @Test
    void h264SpsWithEmulationPreventionBytesIsUnescapedBeforeParsing() throws FlvFormatException {
        // The 1080p SPS contains "00 00 03 00 04 00 00 03 00 f0": both 03 bytes are dropped.
        ByteBuffer sps = AvcDecoderConfigurationRecord.parse(hex(AVCC_1080P))
                .sequenceParameterSets().get(0);
        byte[] rbsp = BitReader.unescapeRbsp(sps);
        assertThat(rbsp.length).isEqualTo(sps.remaining() - 2);
    }

    @Test
    void avcRecordRejectsVersionOtherThanOne() {
        ByteBuffer in = hex("02" + AVCC_1080P.substring(2));
        assertThatThrownBy(() -> AvcDecoderConfigurationRecord.parse(in))
                .isInstanceOf(FlvFormatException.class).hasMessageContaining("offset 0")
                .hasMessageContaining("configurationVersion 2");
    }

    @Test
    void avcRecordWithSpsLengthBeyondTheBodyIsTruncatedAtItsOffset() {
        ByteBuffer in = hex("01640028ffe1ffff6764");
        assertThatThrownBy(() -> AvcDecoderConfigurationRecord.parse(in))
                .isInstanceOfSatisfying(FlvFormatException.class,
                        e -> assertThat(e.offset()).isEqualTo(8));
    }

    @Test
    void avcAndH264SpsTruncatedOrCorruptedRaiseOnlyFormatExceptions() {
        assertOnlyFormatExceptions(hex(AVCC_1080P), AvcDecoderConfigurationRecord::parse, false);
        assertOnlyFormatExceptions(hex(AVCC_ODD), AvcDecoderConfigurationRecord::parse, false);
    }

    @Test
    void hevcRecordGivesMainProfileLevelAndConformanceWindowSize() throws FlvFormatException {
        HevcDecoderConfigurationRecord r = HevcDecoderConfigurationRecord.parse(hex(HVCC_ODD));
        assertThat(r.generalProfileIdc()).isEqualTo(1);
        assertThat(r.generalLevelIdc()).isEqualTo(93);
        assertThat(r.generalTierFlag()).isFalse();
        assertThat(r.chromaFormat()).isEqualTo(1);
        assertThat(r.bitDepthLuma()).isEqualTo(8);
        assertThat(r.nalUnitLengthSize()).isEqualTo(4);
        assertThat(r.vps()).hasSize(1);
        assertThat(r.sequenceParameterSets()).hasSize(1);
        assertThat(r.pps()).hasSize(1);
        assertThat(r.frameRate()).isNaN(); // avgFrameRate 0
        HevcSps sps = r.sps();
        assertThat(sps.generalProfileIdc()).isEqualTo(1);
        assertThat(sps.generalLevelIdc()).isEqualTo(93);
        assertThat(sps.codedWidth()).isEqualTo(1272);
        assertThat(sps.codedHeight()).isEqualTo(720);
        assertThat(sps.width()).isEqualTo(1270);
        assertThat(sps.height()).isEqualTo(714);
        assertThat(sps.bitDepthLuma()).isEqualTo(8);
        assertThat(sps.frameRate()).isEqualTo(30.0); // x265 writes VUI timing 1/30
    }

    @Test
    void hevcRecordTruncatedOrCorruptedRaisesOnlyFormatExceptions() {
        assertOnlyFormatExceptions(hex(HVCC_ODD), HevcDecoderConfigurationRecord::parse, false);
    }

    @Test
    void av1RecordOfTheSharedFileGivesProfileLevelAndMaxFrameSize() throws FlvFormatException {
        Av1CodecConfigurationRecord r = Av1CodecConfigurationRecord.parse(hex(AV1C_TESTSRC));
        assertThat(r.sequenceHeaderObuSize()).isEqualTo(14);
        assertThat(r.sequenceHeader().maxFrameWidth()).isEqualTo(980);
        assertThat(r.sequenceHeader().maxFrameHeight()).isEqualTo(540);
    }

    @Test
    void av1SequenceHeaderWithTimingInfoGivesFrameRate() throws FlvFormatException {
        // seq_profile 0, still 0, reduced 0, timing_info 1 (1001 / 60000, equal interval,
        // uvlc(1) = "010"), decoder_model 0, initial_display_delay 0, 1 operating point
        // (idc 0, level 8 -> tier 0), width bits 11, height bits 11, 1920x1080.
        ByteBuffer seq = bits(3, 0, 1, 0, 1, 0, 1, 1, 32, 1001, 32, 60000, 1, 1, 3, 2, 1, 0,
                1, 0, 5, 0, 12, 0, 5, 8, 1, 0, 4, 10, 4, 10, 11, 1919, 11, 1079);
        byte[] s = new byte[seq.remaining()];
        seq.get(s);
        ByteBuffer av1c = ByteBuffer.allocate(4 + 2 + s.length);
        av1c.put((byte) 0x81).put((byte) 0x08).put((byte) 0).put((byte) 0);
        av1c.put((byte) 0x0A).put((byte) s.length).put(s).flip();
        Av1CodecConfigurationRecord r = Av1CodecConfigurationRecord.parse(av1c);
        Av1SequenceHeader sh = r.sequenceHeader();
        assertThat(sh.seqProfile()).isZero();
        assertThat(sh.seqLevelIdx()).isEqualTo(8);
        assertThat(sh.maxFrameWidth()).isEqualTo(1920);
        assertThat(sh.maxFrameHeight()).isEqualTo(1080);
        assertThat(sh.frameRate()).isCloseTo(60000.0 / 1001 / 2, within(1e-9));
    }

    @Test
    void av1RecordWithoutConfigObusHasNoSequenceHeader() throws FlvFormatException {
        Av1CodecConfigurationRecord r = Av1CodecConfigurationRecord.parse(hex("81240000"));
        assertThat(r.sequenceHeader()).isNull();
        assertThat(r.sequenceHeaderObuSize()).isZero();
    }

    @Test
    void av1RecordRejectsBadMarkerAndOversizedObu() {
        assertThatThrownBy(() -> Av1CodecConfigurationRecord.parse(hex("01240000")))
                .isInstanceOf(FlvFormatException.class).hasMessageContaining("0x01");
        assertThatThrownBy(() -> Av1CodecConfigurationRecord.parse(hex("812400000a7f2000")))
                .isInstanceOfSatisfying(FlvFormatException.class, e -> {
                    assertThat(e.offset()).isEqualTo(4);
                    assertThat(e.reason()).contains("overruns");
                });
    }

    @Test
    void av1RecordTruncatedOrCorruptedRaisesOnlyFormatExceptions() {
        assertOnlyFormatExceptions(hex(AV1C_TESTSRC), Av1CodecConfigurationRecord::parse, false);
    }

    @Test
    void vp9RecordIsReadWithAndWithoutTheFullBoxPrefix() throws FlvFormatException {
        Vp9CodecConfiguration boxed = Vp9CodecConfiguration.parse(hex(VPCC_FULLBOX));
        Vp9CodecConfiguration bare = Vp9CodecConfiguration.parse(hex(VPCC_FULLBOX.substring(8)));
        assertThat(boxed).isEqualTo(bare);
        assertThat(bare.profile()).isZero();
        assertThat(bare.level()).isEqualTo(20);
        assertThat(bare.bitDepth()).isEqualTo(8);
        assertThat(bare.chromaSubsampling()).isEqualTo(1);
        assertThat(bare.videoFullRange()).isFalse();
        assertThat(bare.colourPrimaries()).isEqualTo(2);
        assertThat(bare.matrixCoefficients()).isEqualTo(2);
    }

    @Test
    void vp9RecordRejectsBadBitDepthAndTruncation() {
        assertThatThrownBy(() -> Vp9CodecConfiguration.parse(hex("0014720202020000")))
                .isInstanceOf(FlvFormatException.class).hasMessageContaining("bitDepth 7");
        assertOnlyFormatExceptions(hex(VPCC_FULLBOX), Vp9CodecConfiguration::parse, false);
    }

    @Test
    void exponentialGolombCodesDecode() throws FlvFormatException {
        // ue: 1 -> 0, 010 -> 1, 011 -> 2, 00100 -> 3; se: 00101 -> -2
        BitReader r = new BitReader(bits(1, 1, 3, 2, 3, 3, 5, 4, 5, 5).array(), "test");
        assertThat(r.ue()).isZero();
        assertThat(r.ue()).isEqualTo(1);
        assertThat(r.ue()).isEqualTo(2);
        assertThat(r.ue()).isEqualTo(3);
        assertThat(r.se()).isEqualTo(-2);
    }

    @Test
    void overlongExpGolombCodeIsRejected() {
        BitReader r = new BitReader(new byte[8], "test");
        assertThatThrownBy(r::ue).isInstanceOf(FlvFormatException.class)
                .hasMessageContaining("Exp-Golomb");
    }
}
