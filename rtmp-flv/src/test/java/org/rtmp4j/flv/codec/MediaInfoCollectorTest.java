package org.rtmp4j.flv.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rtmp4j.flv.FlvFormatException;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.flv.media.ScriptData;

class MediaInfoCollectorTest {

    static Path media(String name) {
        return Path.of(System.getProperty("rtmp4j.media.dir", "../media"), name);
    }

    static Map<String, Object> collect(Path file, MediaInfoCollector c) throws IOException {
        Map<String, Object> meta = Map.of();
        try (FlvReader r = FlvReader.open(file)) {
            for (Optional<FlvTag> t = r.next(); t.isPresent(); t = r.next()) {
                if (t.get().type() == FlvTagType.SCRIPT && meta.isEmpty()) {
                    meta = ScriptData.metadata(t.get().body());
                }
                c.accept(t.get());
            }
        }
        return meta;
    }

    @Test
    void h264AacFileYieldsSizeFrameRateAndAudioFromTheSequenceHeaders() throws IOException {
        MediaInfoCollector c = new MediaInfoCollector();
        Map<String, Object> meta = collect(media("h264-aac-avatar.flv"), c);
        MediaInfo info = c.mediaInfo();
        assertThat(c.hasVideoConfig()).isTrue();
        assertThat(c.hasAudioConfig()).isTrue();
        assertThat(info.videoCodec()).isEqualTo("h264");
        assertThat(info.width()).isEqualTo(768).isEqualTo(((Number) meta.get("width")).intValue());
        assertThat(info.height()).isEqualTo(320)
                .isEqualTo(((Number) meta.get("height")).intValue());
        assertThat(info.audioCodec()).isEqualTo("aac");
        assertThat(info.sampleRate()).isEqualTo(44100);
        assertThat(info.channels()).isEqualTo(2);
        assertThat(info.frameRate()).isEqualTo(25.0)
                .isEqualTo(((Number) meta.get("framerate")).doubleValue());
        ByteBuffer avcC = firstSequenceHeader(media("h264-aac-avatar.flv"), FlvTagType.VIDEO, 5);
        AvcDecoderConfigurationRecord rec = AvcDecoderConfigurationRecord.parse(avcC);
        assertThat(rec.nalUnitLengthSize()).isEqualTo(4);
        assertThat(rec.pictureParameterSets()).hasSize(1);
        H264Sps sps = rec.sps();
        assertThat(sps.profileIdc()).isEqualTo(100);
        assertThat(sps.levelIdc()).isEqualTo(32);
        assertThat(sps.chromaFormatIdc()).isEqualTo(1);
        assertThat(sps.codedWidth()).isEqualTo(768);
        assertThat(sps.codedHeight()).isEqualTo(320);
        assertThat(sps.width()).isEqualTo(768);
        assertThat(sps.height()).isEqualTo(320);
        assertThat(sps.frameRate()).isEqualTo(25.0); // VUI timing: signalled in the stream
        assertThat(sps.fixedFrameRate()).isFalse();
    }

    @Test
    void av1OpusFileYieldsSizeFromTheSequenceHeaderObuAndOpusChannels() throws IOException {
        MediaInfoCollector c = new MediaInfoCollector();
        Map<String, Object> meta = collect(media("av1-opus-enhanced-testsrc.flv"), c);
        MediaInfo info = c.mediaInfo();
        assertThat(c.hasVideoConfig()).isTrue();
        assertThat(info.videoCodec()).isEqualTo("av1");
        assertThat(info.width()).isEqualTo(980).isEqualTo(((Number) meta.get("width")).intValue());
        assertThat(info.height()).isEqualTo(540)
                .isEqualTo(((Number) meta.get("height")).intValue());
        assertThat(info.audioCodec()).isEqualTo("opus");
        assertThat(info.sampleRate()).isEqualTo(48000);
        assertThat(info.channels()).isEqualTo(1);
        assertThat(meta.get("stereo")).isEqualTo(false);
        assertThat(info.frameRate()).isEqualTo(((Number) meta.get("framerate")).doubleValue());
        ByteBuffer av1C = firstNonEmptySequenceHeader(
                media("av1-opus-enhanced-testsrc.flv"), FlvTagType.VIDEO, 5);
        Av1CodecConfigurationRecord rec = Av1CodecConfigurationRecord.parse(av1C);
        assertThat(rec.seqProfile()).isEqualTo(1);
        assertThat(rec.seqLevelIdx0()).isEqualTo(4);
        assertThat(rec.bitDepth()).isEqualTo(8);
        assertThat(rec.chromaSubsamplingX()).isZero(); // profile 1: 4:4:4
        assertThat(rec.sequenceHeaderObuSize()).isEqualTo(14);
        Av1SequenceHeader sh = rec.sequenceHeader();
        assertThat(sh.seqProfile()).isEqualTo(1);
        assertThat(sh.seqLevelIdx()).isEqualTo(4);
        assertThat(sh.maxFrameWidth()).isEqualTo(980);
        assertThat(sh.maxFrameHeight()).isEqualTo(540);
        // no timing_info in this stream: the 30 fps come from onMetaData
        assertThat(sh.frameRate()).isNaN();
        assertThat(info.frameRate()).isEqualTo(30.0);
        ByteBuffer opus = firstNonEmptySequenceHeader(
                media("av1-opus-enhanced-testsrc.flv"), FlvTagType.AUDIO, 5);
        OpusIdHeader head = OpusIdHeader.parse(opus);
        assertThat(head.channels()).isEqualTo(1);
        assertThat(head.preSkip()).isEqualTo(312);
        assertThat(head.inputSampleRate()).isEqualTo(48000);
        assertThat(head.mappingFamily()).isZero();
    }

    static ByteBuffer firstSequenceHeader(Path file, FlvTagType type, int headerSize)
            throws IOException {
        return firstNonEmptySequenceHeader(file, type, headerSize);
    }

    /** The payload of the first tag of {@code type} whose body is longer than the header. */
    static ByteBuffer firstNonEmptySequenceHeader(Path file, FlvTagType type, int headerSize)
            throws IOException {
        try (FlvReader r = FlvReader.open(file)) {
            for (Optional<FlvTag> t = r.next(); t.isPresent(); t = r.next()) {
                ByteBuffer b = t.get().body();
                if (t.get().type() == type && b.remaining() > headerSize) {
                    return b.duplicate().position(b.position() + headerSize).slice();
                }
            }
        }
        throw new AssertionError("no sequence header");
    }

    static ByteBuffer concat(String hexPrefix, String hexRest) {
        return CodecTestSupport.hex(hexPrefix + hexRest);
    }

    @Test
    void exHeaderHevcMultitrackAndFlacAreSummarisedFromTheLowestTrack() throws IOException {
        MediaInfoCollector c = new MediaInfoCollector();
        String hvcc = VideoConfigurationRecordsTest.HVCC_ODD;
        String avcc = VideoConfigurationRecordsTest.AVCC_1080P;
        int hvccLen = hvcc.length() / 2;
        int avccLen = avcc.length() / 2;
        // ManyTracksManyCodecs SequenceStart: track 1 "avc1" then track 0 "hvc1"
        String body = "96" + "20"
                + "61766331" + "01" + String.format("%06x", avccLen) + avcc
                + "68766331" + "00" + String.format("%06x", hvccLen) + hvcc;
        c.accept(new FlvTag(FlvTagType.VIDEO, 0, CodecTestSupport.hex(body)));
        // ExHeader audio SequenceStart "fLaC"
        c.accept(new FlvTag(FlvTagType.AUDIO, 0, concat("90664c6143",
                AudioConfigurationRecordsTest.FLAC)));
        MediaInfo info = c.mediaInfo();
        assertThat(info.videoCodec()).isEqualTo("hevc");
        assertThat(info.width()).isEqualTo(1270);
        assertThat(info.height()).isEqualTo(714);
        assertThat(info.frameRate()).isEqualTo(30.0);
        assertThat(info.audioCodec()).isEqualTo("flac");
        assertThat(info.sampleRate()).isEqualTo(48000);
        assertThat(info.channels()).isEqualTo(2);
    }

    @Test
    void oneTrackBodiesOfAHigherTrackDoNotReplaceTheLowestTracksDetails() throws IOException {
        MediaInfoCollector c = new MediaInfoCollector();
        String hvcc = VideoConfigurationRecordsTest.HVCC_ODD;
        String avcc = VideoConfigurationRecordsTest.AVCC_1080P;
        // OneTrack SequenceStart "hvc1" track 0, then "avc1" track 1 (its own message)
        c.acceptVideo(CodecTestSupport.hex("96" + "00" + "68766331" + "00" + hvcc));
        c.acceptVideo(CodecTestSupport.hex("96" + "00" + "61766331" + "01" + avcc));
        assertThat(c.mediaInfo().videoCodec()).isEqualTo("hevc");
        assertThat(c.mediaInfo().width()).isEqualTo(1270);
        // a track-1 first, then track 0: the lower track takes over
        MediaInfoCollector d = new MediaInfoCollector();
        d.acceptVideo(CodecTestSupport.hex("96" + "00" + "61766331" + "01" + avcc));
        d.acceptVideo(CodecTestSupport.hex("96" + "00" + "68766331" + "00" + hvcc));
        assertThat(d.mediaInfo().videoCodec()).isEqualTo("hevc");
        assertThat(d.mediaInfo().height()).isEqualTo(714);
    }

    @Test
    void vp9TakesItsPictureSizeFromTheFirstKeyFrame() throws IOException {
        MediaInfoCollector c = new MediaInfoCollector();
        // ffmpeg 7.1's vp09 SequenceStart (vpcC: profile 0, level 2.0, 8-bit 4:2:0) has no size
        c.acceptVideo(CodecTestSupport.hex("907670303901000000001482020202" + "0000"));
        assertThat(c.mediaInfo().width()).isZero();
        c.acceptVideo(CodecTestSupport.hex("a176703039" + Vp9FrameHeaderTest.INTER_FRAME));
        assertThat(c.mediaInfo().width()).isZero();
        c.acceptVideo(CodecTestSupport.hex("9176703039" + Vp9FrameHeaderTest.KEY_FRAME_320X240));
        assertThat(c.mediaInfo()).extracting(MediaInfo::videoCodec, MediaInfo::width, MediaInfo::height)
                .containsExactly("vp9", 320, 240);
        assertThat(c.hasVideoConfig()).isTrue();
    }

    @Test
    void aCollectorForOneTrackTakesThatTrackAndAllCollectorsListTheTrackIds() throws IOException {
        String hvcc = VideoConfigurationRecordsTest.HVCC_ODD;
        String avcc = VideoConfigurationRecordsTest.AVCC_1080P;
        String body = "96" + "20"
                + "61766331" + "01" + String.format("%06x", avcc.length() / 2) + avcc
                + "68766331" + "00" + String.format("%06x", hvcc.length() / 2) + hvcc;
        FlvTag video = new FlvTag(FlvTagType.VIDEO, 0, CodecTestSupport.hex(body));
        FlvTag audio = new FlvTag(FlvTagType.AUDIO, 0, concat("90664c6143",
                AudioConfigurationRecordsTest.FLAC));
        MediaInfoCollector lowest = new MediaInfoCollector();
        MediaInfoCollector track1 = MediaInfoCollector.forTrack(1);
        MediaInfoCollector track0 = MediaInfoCollector.forTrack(0);
        for (MediaInfoCollector c : java.util.List.of(lowest, track1, track0)) {
            c.accept(video);
            c.accept(audio);
            assertThat(c.videoTrackIds()).containsExactly(0, 1);
            assertThat(c.audioTrackIds()).containsExactly(0);
        }
        assertThat(track1.mediaInfo()).isEqualTo(new MediaInfo("h264", 1920, 1080,
                track1.mediaInfo().frameRate(), null, 0, 0));
        assertThat(track0.mediaInfo()).isEqualTo(lowest.mediaInfo());
        assertThat(track0.mediaInfo().audioCodec()).isEqualTo("flac");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MediaInfoCollector.forTrack(256))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void multichannelConfigSetsTheChannelCount() throws IOException {
        MediaInfoCollector c = new MediaInfoCollector();
        c.acceptAudio(concat("904f707573", AudioConfigurationRecordsTest.OPUS_HEAD));
        assertThat(c.mediaInfo().channels()).isEqualTo(1);
        // MultichannelConfig, "Opus", order Native (1), 6 channels, flags
        c.acceptAudio(CodecTestSupport.hex("944f70757301060000003f"));
        assertThat(c.mediaInfo().channels()).isEqualTo(6);
        assertThat(c.mediaInfo().sampleRate()).isEqualTo(48000);
    }

    @Test
    void legacyFormatsAndMetadataFillWhatTheStreamDoesNotSignal() throws IOException {
        MediaInfoCollector c = new MediaInfoCollector();
        c.acceptMetadata(Map.of("width", 640.0, "height", 360.0, "framerate", 29.97,
                "audiosamplerate", 44100.0, "stereo", true));
        // VP6 inter frame (no configuration record), MP3 44 kHz 16-bit mono
        c.acceptVideo(CodecTestSupport.hex("2400"));
        c.acceptAudio(CodecTestSupport.hex("2e00"));
        MediaInfo info = c.mediaInfo();
        assertThat(info).isEqualTo(new MediaInfo("vp6", 640, 360, 29.97, "mp3", 44100, 1));
        assertThat(c.hasVideoConfig()).isFalse();
    }

    @Test
    void commandFramesAndEmptySequenceStartsAreIgnored() throws IOException {
        MediaInfoCollector c = new MediaInfoCollector();
        c.acceptVideo(CodecTestSupport.hex("5700")); // legacy command frame
        c.acceptVideo(CodecTestSupport.hex("d0" + "00")); // E-RTMP command frame
        c.acceptVideo(CodecTestSupport.hex("9061763031")); // empty av01 SequenceStart (ffmpeg's placeholder)
        assertThat(c.mediaInfo().width()).isZero();
        assertThat(c.mediaInfo().videoCodec()).as("an empty sequence start names no codec").isNull();
        assertThat(c.mediaInfo().hasFrameRate()).isFalse();
    }

    @Test
    void malformedVideoDoesNotChangeTheCodecOfAStream() throws IOException {
        MediaInfoCollector c = new MediaInfoCollector();
        collect(media("h264-aac-avatar.flv"), c);
        MediaInfo before = c.mediaInfo();
        for (String hex : new String[] {"1f010203", "1001", "9161763031", "1701000000", "9f68766331"}) {
            assertThatThrownBy(() -> c.acceptVideo(CodecTestSupport.hex(hex))).as(hex).isInstanceOf(FlvFormatException.class);
        }
        c.acceptVideo(CodecTestSupport.hex("9068766331")); // an empty hvc1 SequenceStart: ignored without an error
        assertThat(c.mediaInfo()).isEqualTo(before);
        assertThat(c.mediaInfo().videoCodec()).isEqualTo("h264");
    }
}
