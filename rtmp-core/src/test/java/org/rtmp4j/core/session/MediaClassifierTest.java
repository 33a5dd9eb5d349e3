package org.rtmp4j.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.rtmp4j.core.internal.MediaClassifier;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.VideoMessage;

class MediaClassifierTest {
    private static ByteBuffer bytes(int... b) {
        ByteBuffer buf = ByteBuffer.allocate(b.length);
        for (int v : b) {
            buf.put((byte) v);
        }
        return buf.flip();
    }

    @Test
    void legacyAvcKeyframeAndInterFrameAreTellApart() {
        assertThat(MediaClassifier.isVideoKeyframe(bytes(0x17, 0x01, 0, 0, 0))).isTrue();
        assertThat(MediaClassifier.isVideoKeyframe(bytes(0x27, 0x01, 0, 0, 0))).isFalse();
        assertThat(MediaClassifier.isVideoSequenceHeader(bytes(0x27, 0x01))).isFalse();
    }

    @Test
    void legacyAvcAndHevcSequenceHeadersAreRecognised() {
        assertThat(MediaClassifier.isVideoSequenceHeader(bytes(0x17, 0x00, 0, 0, 0))).isTrue();
        assertThat(MediaClassifier.isVideoSequenceHeader(bytes(0x1C, 0x00, 0, 0, 0))).isTrue();
        assertThat(MediaClassifier.isVideoSequenceHeader(bytes(0x17, 0x01, 0, 0, 0))).isFalse();
        // Sorenson H.263 (codec 2) has no sequence header even with a zero second byte.
        assertThat(MediaClassifier.isVideoSequenceHeader(bytes(0x12, 0x00))).isFalse();
    }

    @Test
    void enhancedRtmpVideoUsesThreeBitFrameTypeAndPacketType() {
        // 0x80 ExHeader | frame type 1 << 4 | packet type 1 (CodedFrames), then FourCC av01
        assertThat(MediaClassifier.isVideoKeyframe(bytes(0x91, 'a', 'v', '0', '1'))).isTrue();
        assertThat(MediaClassifier.isVideoKeyframe(bytes(0xA1, 'a', 'v', '0', '1'))).isFalse();
        assertThat(MediaClassifier.isVideoSequenceHeader(bytes(0x90, 'a', 'v', '0', '1'))).isTrue();
        assertThat(MediaClassifier.isVideoSequenceHeader(bytes(0x95, 'a', 'v', '0', '1'))).isTrue();
        assertThat(MediaClassifier.isVideoSequenceHeader(bytes(0x93, 'a', 'v', '0', '1'))).isFalse();
    }

    @Test
    void endOfSequenceAndMetadataPacketsAreNotKeyframes() {
        assertThat(MediaClassifier.isVideoKeyframe(bytes(0x92, 'a', 'v', '0', '1'))).isFalse();
        assertThat(MediaClassifier.isVideoKeyframe(bytes(0x94, 'a', 'v', '0', '1'))).isFalse();
        assertThat(MediaClassifier.isVideoKeyframe(bytes(0x93, 'h', 'v', 'c', '1'))).isTrue();
        assertThat(MediaClassifier.isVideoKeyframe(bytes(0x17, 0x02, 0, 0, 0))).isFalse();
        assertThat(MediaClassifier.isVideoKeyframe(bytes(0x12, 0x02))).isTrue(); // H.263 has no packet type
    }

    @Test
    void commandFrameIsNeverAKeyframe() {
        assertThat(MediaClassifier.isVideoKeyframe(bytes(0x57, 0x00))).isFalse();
        assertThat(MediaClassifier.isVideoKeyframe(bytes(0xD4, 'h', 'v', 'c', '1'))).isFalse();
    }

    @Test
    void aacAndExHeaderAudioSequenceHeadersAreRecognised() {
        assertThat(MediaClassifier.isAudioSequenceHeader(bytes(0xAF, 0x00, 0x12, 0x10))).isTrue();
        assertThat(MediaClassifier.isAudioSequenceHeader(bytes(0xAF, 0x01, 0x21))).isFalse();
        assertThat(MediaClassifier.isAudioSequenceHeader(bytes(0x90, 'O', 'p', 'u', 's'))).isTrue();
        assertThat(MediaClassifier.isAudioSequenceHeader(bytes(0x91, 'O', 'p', 'u', 's'))).isFalse();
        assertThat(MediaClassifier.isAudioSequenceHeader(bytes(0x2F, 0x00))).isFalse();
    }

    @Test
    void emptyPayloadsAreNothing() {
        assertThat(MediaClassifier.isVideoKeyframe(bytes())).isFalse();
        assertThat(MediaClassifier.isVideoSequenceHeader(bytes())).isFalse();
        assertThat(MediaClassifier.isAudioSequenceHeader(bytes())).isFalse();
    }

    @Test
    void messageLevelChecksDispatchOnAudioOrVideo() {
        assertThat(MediaClassifier.isSequenceHeader(new AudioMessage(0, 1, bytes(0xAF, 0x00)))).isTrue();
        assertThat(MediaClassifier.isSequenceHeader(new VideoMessage(0, 1, bytes(0x17, 0x00)))).isTrue();
        assertThat(MediaClassifier.isKeyframe(new AudioMessage(0, 1, bytes(0x17, 0x01)))).isFalse();
        assertThat(MediaClassifier.isKeyframe(new VideoMessage(0, 1, bytes(0x17, 0x01)))).isTrue();
    }

    @Test
    void classificationDoesNotMoveThePosition() {
        ByteBuffer b = bytes(0xFF, 0x17, 0x00);
        b.position(1);
        assertThat(MediaClassifier.isVideoSequenceHeader(b)).isTrue();
        assertThat(b.position()).isEqualTo(1);
    }
}
