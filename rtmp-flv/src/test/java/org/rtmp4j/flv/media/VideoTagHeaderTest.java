package org.rtmp4j.flv.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.rtmp4j.flv.FlvFormatException;
import org.junit.jupiter.api.Test;

class VideoTagHeaderTest {

    static ByteBuffer body(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return ByteBuffer.wrap(b);
    }

    @Test
    void legacyAvcKeyFrameSequenceHeader() throws Exception {
        ByteBuffer b = body(0x17, 0x00, 0x00, 0x00, 0x00, 0x01, 0x64);
        VideoTagHeader h = VideoTagHeader.parse(b);
        assertThat(b.position()).isZero();
        assertThat(h.exHeader()).isFalse();
        assertThat(h.frameType()).isEqualTo(1);
        assertThat(h.codecId()).isEqualTo(VideoTagHeader.CODEC_AVC);
        assertThat(h.packetType()).isEqualTo(VideoPacketType.SEQUENCE_START);
        assertThat(h.isSequenceHeader()).isTrue();
        assertThat(h.isKeyFrame()).isTrue();
        assertThat(h.isCommandFrame()).isFalse();
        assertThat(h.codecName()).isEqualTo("h264");
        assertThat(h.headerSize()).isEqualTo(5);
        assertThat(h.fourCc()).isNull();
    }

    @Test
    void legacyAvcInterFrameWithNegativeCompositionTime() throws Exception {
        VideoTagHeader h = VideoTagHeader.parse(body(0x27, 0x01, 0xFF, 0xFF, 0xD8, 0x00));
        assertThat(h.packetType()).isEqualTo(VideoPacketType.CODED_FRAMES);
        assertThat(h.compositionTime()).isEqualTo(-40);
        assertThat(h.isKeyFrame()).isFalse();
        assertThat(h.isSequenceHeader()).isFalse();
    }

    @Test
    void legacyAvcEndOfSequenceAndNonStandardHevcAndOtherCodecs() throws Exception {
        VideoTagHeader end = VideoTagHeader.parse(body(0x17, 0x02, 0, 0, 0));
        assertThat(end.isSequenceEnd()).isTrue();
        assertThat(end.isKeyFrame()).isFalse();
        VideoTagHeader hevc = VideoTagHeader.parse(body(0x1C, 0x01, 0, 0, 0x21));
        assertThat(hevc.codecName()).isEqualTo("hevc");
        assertThat(hevc.compositionTime()).isEqualTo(33);
        VideoTagHeader vp6 = VideoTagHeader.parse(body(0x24, 0x00));
        assertThat(vp6.codecName()).isEqualTo("vp6");
        assertThat(vp6.packetType()).isNull();
        assertThat(vp6.headerSize()).isEqualTo(1);
        assertThat(VideoTagHeader.parse(body(0x32)).codecName()).isEqualTo("h263");
    }

    @Test
    void legacyCommandFrameIsNotAKeyFrame() throws Exception {
        VideoTagHeader h = VideoTagHeader.parse(body(0x57, 0x01));
        assertThat(h.isCommandFrame()).isTrue();
        assertThat(h.videoCommand()).isEqualTo(1);
        assertThat(h.isKeyFrame()).isFalse();
        assertThat(h.isSequenceHeader()).isFalse();
        assertThat(h.headerSize()).isEqualTo(2);
    }

    @Test
    void exHeaderHevcSequenceStart() throws Exception {
        VideoTagHeader h = VideoTagHeader.parse(body(0x90, 'h', 'v', 'c', '1', 0x01));
        assertThat(h.exHeader()).isTrue();
        assertThat(h.frameType()).isEqualTo(1);
        assertThat(h.packetType()).isEqualTo(VideoPacketType.SEQUENCE_START);
        assertThat(h.fourCc()).isEqualTo(VideoFourCc.HEVC);
        assertThat(h.isSequenceHeader()).isTrue();
        assertThat(h.isKeyFrame()).isTrue();
        assertThat(h.codecName()).isEqualTo("hevc");
        assertThat(h.headerSize()).isEqualTo(5);
    }

    @Test
    void exHeaderCodedFramesCarryCompositionTimeOnlyForNalCodecs() throws Exception {
        VideoTagHeader hevc = VideoTagHeader.parse(body(0xA1, 'h', 'v', 'c', '1', 0x00, 0x00, 0x50, 0x00));
        assertThat(hevc.frameType()).isEqualTo(2);
        assertThat(hevc.packetType()).isEqualTo(VideoPacketType.CODED_FRAMES);
        assertThat(hevc.compositionTime()).isEqualTo(80);
        assertThat(hevc.headerSize()).isEqualTo(8);
        VideoTagHeader av1 = VideoTagHeader.parse(body(0x91, 'a', 'v', '0', '1', 0x12));
        assertThat(av1.compositionTime()).isZero();
        assertThat(av1.headerSize()).isEqualTo(5);
        assertThat(av1.isKeyFrame()).isTrue();
        assertThat(av1.codecName()).isEqualTo("av1");
    }

    @Test
    void exHeaderCodedFramesXHasImplicitZeroCompositionTime() throws Exception {
        VideoTagHeader h = VideoTagHeader.parse(body(0xA3, 'a', 'v', 'c', '1', 0x00, 0x00, 0x00, 0x05));
        assertThat(h.packetType()).isEqualTo(VideoPacketType.CODED_FRAMES_X);
        assertThat(h.compositionTime()).isZero();
        assertThat(h.headerSize()).isEqualTo(5);
        assertThat(h.codecName()).isEqualTo("h264");
    }

    @Test
    void exHeaderCommandFrameHasNoFourCcAndIsNotAKeyFrame() throws Exception {
        VideoTagHeader h = VideoTagHeader.parse(body(0xD1, 0x00));
        assertThat(h.isCommandFrame()).isTrue();
        assertThat(h.videoCommand()).isZero();
        assertThat(h.fourCc()).isNull();
        assertThat(h.isKeyFrame()).isFalse();
        assertThat(h.headerSize()).isEqualTo(2);
    }

    @Test
    void exHeaderMetadataWithFrameTypeFiveIsNeitherCommandPayloadNorKeyFrame() throws Exception {
        VideoTagHeader h = VideoTagHeader.parse(body(0xD4, 'h', 'v', 'c', '1', 0x02));
        assertThat(h.packetType()).isEqualTo(VideoPacketType.METADATA);
        assertThat(h.fourCc()).isEqualTo("hvc1");
        assertThat(h.videoCommand()).isEqualTo(-1);
        assertThat(h.isKeyFrame()).isFalse();
        assertThat(h.isSequenceHeader()).isFalse();
    }

    @Test
    void multitrackOneTrackReadsFourCcTrackIdAndInnerPacketType() throws Exception {
        // key frame, Multitrack; OneTrack | CodedFrames; avc1; track 0; CTS 0x000010
        VideoTagHeader h = VideoTagHeader.parse(body(0x96, 0x01, 'a', 'v', 'c', '1', 0x00, 0, 0, 0x10, 0x65));
        assertThat(h.isMultitrack()).isTrue();
        assertThat(h.multitrackType()).isEqualTo(AvMultitrackType.ONE_TRACK);
        assertThat(h.packetType()).isEqualTo(VideoPacketType.CODED_FRAMES);
        assertThat(h.fourCc()).isEqualTo("avc1");
        assertThat(h.trackId()).isZero();
        assertThat(h.compositionTime()).isEqualTo(16);
        assertThat(h.headerSize()).isEqualTo(10);
        assertThat(h.isKeyFrame()).isTrue();
    }

    @Test
    void multitrackManyTracksManyCodecsReadsTheFirstTracksFourCcAndSize() throws Exception {
        // key frame, Multitrack; ManyTracksManyCodecs | SequenceStart; vp09; track 2; size 3
        VideoTagHeader h = VideoTagHeader.parse(body(0x96, 0x20, 'v', 'p', '0', '9', 0x02, 0, 0, 3, 1, 2, 3));
        assertThat(h.multitrackType()).isEqualTo(AvMultitrackType.MANY_TRACKS_MANY_CODECS);
        assertThat(h.isSequenceHeader()).isTrue();
        assertThat(h.fourCc()).isEqualTo("vp09");
        assertThat(h.trackId()).isEqualTo(2);
        assertThat(h.headerSize()).isEqualTo(10);
    }

    @Test
    void modExTimestampOffsetNanoIsConsumedAndReported() throws Exception {
        // key frame, ModEx; size 3 (UI8 2); data 0x0186A0 = 100000 ns; type 0 | CodedFrames; av01
        VideoTagHeader h = VideoTagHeader.parse(body(0x97, 0x02, 0x01, 0x86, 0xA0, 0x01, 'a', 'v', '0', '1'));
        assertThat(h.modEx()).isTrue();
        assertThat(h.timestampOffsetNano()).isEqualTo(100_000);
        assertThat(h.packetType()).isEqualTo(VideoPacketType.CODED_FRAMES);
        assertThat(h.fourCc()).isEqualTo("av01");
        assertThat(h.headerSize()).isEqualTo(10);
    }

    @Test
    void tooShortOrReservedInputThrowsWithBodyOffset() {
        assertThatThrownBy(() -> VideoTagHeader.parse(body()))
                .isInstanceOf(FlvFormatException.class)
                .extracting(e -> ((FlvFormatException) e).offset()).isEqualTo(0L);
        assertThatThrownBy(() -> VideoTagHeader.parse(body(0x17, 0x01, 0x00)))
                .isInstanceOf(FlvFormatException.class)
                .hasMessage("FLV offset 2: video tag header truncated: need 3 more byte(s) at offset 2, body has 3 bytes");
        assertThatThrownBy(() -> VideoTagHeader.parse(body(0x90, 'h', 'v')))
                .isInstanceOf(FlvFormatException.class)
                .extracting(e -> ((FlvFormatException) e).offset()).isEqualTo(1L);
        assertThatThrownBy(() -> VideoTagHeader.parse(body(0x9A, 'h', 'v', 'c', '1')))
                .isInstanceOf(FlvFormatException.class).hasMessageContaining("reserved VideoPacketType 10");
        assertThatThrownBy(() -> VideoTagHeader.parse(body(0x96, 0x31, 'a', 'v', 'c', '1', 0)))
                .isInstanceOf(FlvFormatException.class).hasMessageContaining("reserved AvMultitrackType 3");
        assertThatThrownBy(() -> VideoTagHeader.parse(body(0x17, 0x05, 0, 0, 0)))
                .isInstanceOf(FlvFormatException.class).hasMessageContaining("unknown AVCPacketType 5");
    }

    @Test
    void parsesAtANonZeroPositionWithoutMovingIt() throws Exception {
        ByteBuffer b = body(0xFF, 0xFF, 0x90, 'h', 'v', 'c', '1');
        b.position(2);
        VideoTagHeader h = VideoTagHeader.parse(b.asReadOnlyBuffer());
        assertThat(h.fourCc()).isEqualTo("hvc1");
        assertThat(b.position()).isEqualTo(2);
    }
}
