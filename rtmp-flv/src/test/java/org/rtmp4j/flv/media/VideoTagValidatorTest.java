package org.rtmp4j.flv.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rtmp4j.flv.media.VideoTagHeaderTest.body;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rtmp4j.flv.FlvFormatException;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;

class VideoTagValidatorTest {

    private static void assertMalformed(ByteBuffer b, long offset, String reason) {
        assertThatThrownBy(() -> VideoTagValidator.validate(b)).isInstanceOfSatisfying(FlvFormatException.class, e -> {
            assertThat(e.offset()).isEqualTo(offset);
            assertThat(e.reason()).contains(reason);
        });
        assertThat(b.position()).isZero();
    }

    @Test
    void wellFormedBodiesPass() throws Exception {
        assertThat(VideoTagValidator.validate(body(0x17, 0, 0, 0, 0, 1, 0x64)).isSequenceHeader()).isTrue();
        assertThat(VideoTagValidator.validate(body(0x27, 1, 0, 0, 0, 0, 0, 0, 1, 0x41)).isKeyFrame()).isFalse();
        assertThat(VideoTagValidator.validate(body(0x17, 2, 0, 0, 0)).isSequenceEnd()).as("needs no data").isTrue();
        assertThat(VideoTagValidator.validate(body(0x57, 0)).isCommandFrame()).isTrue();
        assertThat(VideoTagValidator.validate(body(0x22, 0)).codecName()).isEqualTo("h263");
        assertThat(VideoTagValidator.validate(body(0x1C, 0, 0, 0, 0, 1)).codecName()).as("CodecID 12").isEqualTo("hevc");
        assertThat(VideoTagValidator.validate(body(0x90, 'h', 'v', 'c', '1', 1)).fourCc()).isEqualTo("hvc1");
        assertThat(VideoTagValidator.validate(body(0x91, 'a', 'v', '0', '1', 0x12)).isKeyFrame()).isTrue();
        assertThat(VideoTagValidator.validate(body(0x92, 'a', 'v', '0', '1')).isSequenceEnd()).isTrue();
        assertThat(VideoTagValidator.validate(body(0x90, 'x', 'y', 'z', '1', 0)).fourCc()).as("unknown FourCC").isEqualTo("xyz1");
        assertThat(VideoTagValidator.validate(body(0xD1, 0)).isCommandFrame()).isTrue();
    }

    @Test
    void unknownCodecIdsAndReservedFrameTypesAreMalformed() {
        assertMalformed(body(0x1F, 1, 2, 3), 0, "unknown CodecID 15");
        assertMalformed(body(0x10, 1), 0, "unknown CodecID 0");
        assertMalformed(body(0x18, 0, 0, 0, 0, 1), 0, "unknown CodecID 8");
        assertMalformed(body(0x07, 1, 0, 0, 0, 9), 0, "reserved FrameType 0");
        assertMalformed(body(0x67, 1, 0, 0, 0, 9), 0, "reserved FrameType 6");
        assertMalformed(body(0x81, 'a', 'v', '0', '1', 9), 0, "reserved FrameType 0");
        assertMalformed(body(0xE1, 'a', 'v', '0', '1', 9), 0, "reserved FrameType 6");
    }

    @Test
    void headersWithoutTheirDataAreMalformed() {
        assertMalformed(body(0x90, 'h', 'v', 'c', '1'), 5, "SequenceStart of hvc1 without its decoder configuration record");
        assertMalformed(body(0x91, 'a', 'v', '0', '1'), 5, "CodedFrames of av01 without coded data");
        assertMalformed(body(0x91, 'h', 'v', 'c', '1', 0, 0, 0), 8, "CodedFrames of hvc1 without coded data");
        assertMalformed(body(0x93, 'h', 'v', 'c', '1'), 5, "CodedFramesX of hvc1");
        assertMalformed(body(0x95, 'a', 'v', '0', '1'), 5, "MPEG2TSSequenceStart");
        assertMalformed(body(0xD4, 'a', 'v', '0', '1'), 5, "Metadata packet of av01 without AMF data");
        assertMalformed(body(0x17, 0, 0, 0, 0), 5, "AVC sequence header without its decoder configuration record");
        assertMalformed(body(0x17, 1, 0, 0, 0), 5, "h264 frame without coded data");
        assertMalformed(body(0x22), 1, "h263 frame without coded data");
        assertMalformed(body(0x91, 'h', 'v', 'c'), 1, "truncated");
        assertMalformed(body(), 0, "truncated");
    }

    @Test
    void everyTrackOfAMultitrackBodyNeedsItsData() {
        // ManyTracks SequenceStart of av01: track 0 with 2 bytes, track 1 with none
        assertMalformed(body(0x96, 0x10, 'a', 'v', '0', '1', 0, 0, 0, 2, 7, 7, 1, 0, 0, 0), 10,
                "track 1 of the Multitrack body: SequenceStart of av01");
        // OneTrack CodedFrames without data
        assertMalformed(body(0x96, 0x01, 'a', 'v', '0', '1', 3), 7, "track 3 of the Multitrack body: CodedFrames");
    }

    @Test
    void anEmptySequenceStartIsRecognisedAsFfmpegsPlaceholder() {
        assertThat(VideoTagValidator.isEmptySequenceStart(body(0x90, 'a', 'v', '0', '1'))).isTrue();
        assertThat(VideoTagValidator.isEmptySequenceStart(body(0x17, 0, 0, 0, 0))).isTrue();
        assertThat(VideoTagValidator.isEmptySequenceStart(body(0x90, 'a', 'v', '0', '1', 0x81))).isFalse();
        assertThat(VideoTagValidator.isEmptySequenceStart(body(0x91, 'a', 'v', '0', '1'))).isFalse();
        assertThat(VideoTagValidator.isEmptySequenceStart(body(0x90, 'a'))).as("cut short").isFalse();
    }

    @Test
    void everyVideoTagOfTheRealFilesIsWellFormedButFfmpegsPlaceholder() throws Exception {
        for (String file : new String[] {"h264-aac-avatar.flv", "av1-opus-enhanced-testsrc.flv"}) {
            int placeholders = 0;
            try (FlvReader reader = FlvReader.open(Path.of(System.getProperty("rtmp4j.media.dir", "../media"), file))) {
                for (Optional<FlvTag> t = reader.next(); t.isPresent(); t = reader.next()) {
                    if (t.get().type() != FlvTagType.VIDEO) {
                        continue;
                    }
                    if (VideoTagValidator.isEmptySequenceStart(t.get().body())) {
                        placeholders++;
                    } else {
                        VideoTagValidator.validate(t.get().body());
                    }
                }
            }
            assertThat(placeholders).as(file).isLessThanOrEqualTo(1);
        }
    }
}
