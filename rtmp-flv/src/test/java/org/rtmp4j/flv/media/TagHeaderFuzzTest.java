package org.rtmp4j.flv.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import org.rtmp4j.flv.FlvFormatException;

/**
 * Fuzzes the FLV tag body headers: {@link VideoTagHeader} and {@link AudioTagHeader} (FLV 10.1
 * §E.4.2.1, §E.4.3.1; E-RTMP v1/v2 ExHeader, ModEx, FourCC) and {@link Multitrack} (E-RTMP v2,
 * Multitrack). Every input is parsed by all four parsers; each may fail only with
 * {@link FlvFormatException}, must not move the body's position, and a parsed header's accessors
 * must not throw.
 *
 * <p>Regression inputs: {@code src/test/resources/org/rtmp4j/flv/media/TagHeaderFuzzTestInputs/parse/}.
 */
class TagHeaderFuzzTest {

    @FuzzTest
    void parse(byte[] data) {
        ByteBuffer body = ByteBuffer.wrap(data).asReadOnlyBuffer();
        try {
            VideoTagHeader v = VideoTagHeader.parse(body);
            assertThat(v.headerSize()).isBetween(1, data.length);
            v.isKeyFrame();
            v.isCommandFrame();
            v.isSequenceHeader();
            v.isSequenceEnd();
            v.codecName();
            if (v.isMultitrack()) {
                Multitrack.parseVideo(body);
            }
        } catch (FlvFormatException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
        assertThat(body.position()).isZero();
        try {
            AudioTagHeader a = AudioTagHeader.parse(body);
            assertThat(a.headerSize()).isBetween(1, data.length);
            a.isSequenceHeader();
            a.codecName();
            if (a.isMultitrack()) {
                Multitrack.parseAudio(body);
            }
        } catch (FlvFormatException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
        assertThat(body.position()).isZero();
        for (boolean video : new boolean[] {true, false}) {
            try {
                Multitrack m = video ? Multitrack.parseVideo(body) : Multitrack.parseAudio(body);
                assertThat(m).isNotNull();
            } catch (FlvFormatException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
            assertThat(body.position()).isZero();
        }
    }
}
