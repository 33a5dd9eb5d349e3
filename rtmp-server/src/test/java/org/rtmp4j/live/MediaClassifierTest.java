package org.rtmp4j.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.VideoMessage;

class MediaClassifierTest {
    private static VideoMessage video(int... bytes) {
        return new VideoMessage(0, 1, ByteBuffer.wrap(bytes(bytes)));
    }

    private static AudioMessage audio(int... bytes) {
        return new AudioMessage(0, 1, ByteBuffer.wrap(bytes(bytes)));
    }

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    @Test
    void classifiesLegacyAvc() {
        assertThat(MediaClassifier.classify(Flv.avcSequenceHeader(0))).isEqualTo(MediaKind.VIDEO_SEQUENCE_HEADER);
        assertThat(MediaClassifier.classify(Flv.avcKeyFrame(0))).isEqualTo(MediaKind.VIDEO_KEY_FRAME);
        assertThat(MediaClassifier.classify(Flv.avcInterFrame(0))).isEqualTo(MediaKind.VIDEO_FRAME);
        assertThat(MediaClassifier.classify(video(0x17, 0x02, 0, 0, 0))).as("end of sequence")
                .isEqualTo(MediaKind.VIDEO_FRAME);
        assertThat(MediaClassifier.videoFourCc(Flv.avcSequenceHeader(0))).isNull();
    }

    @Test
    void classifiesEnhancedVideo() {
        assertThat(MediaClassifier.classify(Flv.enhanced(0, 1, 0, "hvc1"))).isEqualTo(MediaKind.VIDEO_SEQUENCE_HEADER);
        assertThat(MediaClassifier.classify(Flv.enhanced(0, 1, 3, "hvc1"))).as("CodedFramesX key")
                .isEqualTo(MediaKind.VIDEO_KEY_FRAME);
        assertThat(MediaClassifier.classify(Flv.enhanced(0, 2, 1, "av01"))).isEqualTo(MediaKind.VIDEO_FRAME);
        assertThat(MediaClassifier.classify(Flv.enhanced(0, 5, 4, "hvc1"))).as("metadata info frame")
                .isEqualTo(MediaKind.VIDEO_FRAME);
        assertThat(MediaClassifier.classify(video(0x80 | 5 << 4 | 1, 0))).as("command frame")
                .isEqualTo(MediaKind.VIDEO_FRAME);
        assertThat(MediaClassifier.videoFourCc(Flv.enhanced(0, 1, 0, "hvc1"))).isEqualTo("hvc1");
    }

    @Test
    void classifiesAudio() {
        assertThat(MediaClassifier.classify(Flv.aacSequenceHeader(0))).isEqualTo(MediaKind.AUDIO_SEQUENCE_HEADER);
        assertThat(MediaClassifier.classify(Flv.aacFrame(0))).isEqualTo(MediaKind.AUDIO_FRAME);
        assertThat(MediaClassifier.classify(audio(0x2F, 0xFF))).as("mp3").isEqualTo(MediaKind.AUDIO_FRAME);
        assertThat(MediaClassifier.classify(audio(0x90, 'O', 'p', 'u', 's'))).as("E-RTMP Opus SequenceStart")
                .isEqualTo(MediaKind.AUDIO_SEQUENCE_HEADER);
        assertThat(MediaClassifier.classify(audio(0x91, 'O', 'p', 'u', 's', 0))).isEqualTo(MediaKind.AUDIO_FRAME);
    }

    @Test
    void videoThatIsNotWellFormedIsMalformedAndUnparsableAudioAPlainFrame() {
        assertThat(MediaClassifier.classify(video())).isEqualTo(MediaKind.VIDEO_MALFORMED);
        assertThat(MediaClassifier.classify(video(0x17, 0x00))).as("AVC header cut short").isEqualTo(MediaKind.VIDEO_MALFORMED);
        assertThat(MediaClassifier.classify(video(0x9F, 'h', 'v', 'c', '1'))).as("reserved packet type")
                .isEqualTo(MediaKind.VIDEO_MALFORMED);
        assertThat(MediaClassifier.classify(audio())).isEqualTo(MediaKind.AUDIO_FRAME);
        assertThat(MediaClassifier.videoFourCc(video())).isNull();
        assertThat(MediaClassifier.malformedReason(video())).contains("offset 0");
        assertThat(MediaClassifier.malformedReason(Flv.avcKeyFrame(0))).isNull();
        assertThat(MediaClassifier.malformedReason(audio())).isNull();
    }

    @Test
    void unknownCodecIdsAndTruncatedEnhancedHeadersAreMalformedNotKeyFramesOrSequenceHeaders() {
        assertThat(MediaClassifier.classify(video(0x1F, 1, 2, 3))).as("key frame of CodecID 15").isEqualTo(MediaKind.VIDEO_MALFORMED);
        assertThat(MediaClassifier.classify(video(0x10, 1))).as("CodecID 0").isEqualTo(MediaKind.VIDEO_MALFORMED);
        assertThat(MediaClassifier.classify(video(0x07, 1, 0, 0, 0, 9))).as("reserved FrameType 0").isEqualTo(MediaKind.VIDEO_MALFORMED);
        assertThat(MediaClassifier.classify(video(0x90, 'h', 'v', 'c', '1'))).as("SequenceStart without a record")
                .isEqualTo(MediaKind.VIDEO_MALFORMED);
        assertThat(MediaClassifier.malformedReason(video(0x90, 'h', 'v', 'c', '1')))
                .contains("offset 5", "SequenceStart of hvc1 without its decoder configuration record");
        assertThat(MediaClassifier.classify(video(0x91, 'a', 'v', '0', '1'))).as("CodedFrames without a frame")
                .isEqualTo(MediaKind.VIDEO_MALFORMED);
        assertThat(MediaClassifier.classify(video(0x91, 'h', 'v', 'c', '1', 0, 0))).as("composition time cut short")
                .isEqualTo(MediaKind.VIDEO_MALFORMED);
        assertThat(MediaClassifier.classify(video(0x17, 1, 0, 0, 0))).as("AVC key frame without NAL units")
                .isEqualTo(MediaKind.VIDEO_MALFORMED);
        assertThat(MediaClassifier.classify(video(0x91, 'a', 'v', '0', '1', 0x12))).as("one OBU byte is data")
                .isEqualTo(MediaKind.VIDEO_KEY_FRAME);
        assertThat(MediaClassifier.classify(video(0x22, 0))).as("H.263 inter frame").isEqualTo(MediaKind.VIDEO_FRAME);
        assertThat(MediaClassifier.classify(video(0x57, 0))).as("legacy command frame").isEqualTo(MediaKind.VIDEO_FRAME);
    }

    @Test
    void doesNotMoveThePayloadPosition() {
        VideoMessage m = Flv.avcKeyFrame(0);
        MediaClassifier.classify(m);
        MediaClassifier.videoFourCc(m);
        assertThat(m.payload().position()).isZero();
    }

    @Test
    void videoFourCcsNameEveryTrackOfAMultitrackSequenceStart() throws Exception {
        assertThat(MediaClassifier.videoFourCcs(Flv.avcSequenceHeader(0))).isEmpty();
        assertThat(MediaClassifier.videoFourCcs(Flv.enhanced(0, 1, 0, "hvc1"))).containsExactly(entry(0, "hvc1"));
        assertThat(MediaClassifier.videoFourCcs(Flv.multitrackSequenceStart(0, "av01", 2))).containsExactly(entry(2, "av01"));
        // ManyTracksManyCodecs SequenceStart: track 1 "avc1" (2 bytes), track 0 "hvc1" (1 byte)
        byte[] body = {(byte) 0x96, 0x20, 'a', 'v', 'c', '1', 1, 0, 0, 2, 7, 7, 'h', 'v', 'c', '1', 0, 0, 0, 1, 9};
        VideoMessage many = new VideoMessage(0, 1, ByteBuffer.wrap(body));
        assertThat(MediaClassifier.videoFourCcs(many)).containsExactly(entry(0, "hvc1"), entry(1, "avc1"));
    }
}
