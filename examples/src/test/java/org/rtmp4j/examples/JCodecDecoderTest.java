package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.rtmp4j.snapshot.DecodeException;
import org.rtmp4j.snapshot.KeyframeSample;
import org.rtmp4j.snapshot.UnsupportedCodecException;

/** {@link JCodecDecoder} on the repository's real H.264 (media/h264-aac-avatar.flv, 768x320) and AV1 files. */
class JCodecDecoderTest {
    private final JCodecDecoder decoder = new JCodecDecoder();

    @Test
    void decodesEveryH264KeyframeOfTheFileToAJpegOfTheStreamsSize() throws Exception {
        for (int n = 1; n <= 7; n++) {
            KeyframeSample sample = KeyframeSamples.keyframe(Media.h264Aac(), n);
            assertThat(sample.width()).isEqualTo(768);
            long start = System.nanoTime();
            byte[] jpeg = decoder.decode(sample);
            long micros = (System.nanoTime() - start) / 1000;
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
            assertThat(image).as("a JPEG ImageIO reads back").isNotNull();
            assertThat(image.getWidth()).isEqualTo(768);
            assertThat(image.getHeight()).isEqualTo(320);
            assertThat(distinctColours(image)).as("a picture, not a flat fill").isGreaterThan(100);
            System.out.printf("JCodec H.264 768x320 keyframe %d (%d bytes): %d us, JPEG %d bytes%n", n,
                    sample.keyframe().remaining(), micros, jpeg.length);
        }
    }

    @Test
    void refusesOtherCodecsSoAChainMovesOn() throws Exception {
        KeyframeSample av1 = KeyframeSamples.keyframe(Media.av1Opus(), 1);
        assertThat(av1.codec()).isEqualTo("av1");
        assertThatThrownBy(() -> decoder.decode(av1)).isInstanceOf(UnsupportedCodecException.class)
                .hasMessageContaining("not av1");
    }

    @Test
    void aCorruptKeyframeIsADecodeFailureNotAHang() throws Exception {
        KeyframeSample good = KeyframeSamples.keyframe(Media.h264Aac(), 1);
        // the first NAL unit length kept, its slice data garbage
        KeyframeSample corrupt = KeyframeSamples.corrupted(good, 5 + 4 + 8);
        assertThatThrownBy(() -> decoder.decode(corrupt)).isInstanceOf(DecodeException.class);
        // a NAL unit length past the end
        KeyframeSample truncated = new KeyframeSample(good.key(), good.codec(), good.width(), good.height(), 0,
                good.sequenceHeader(), KeyframeSamples.copy(good.keyframe()).limit(40));
        assertThatThrownBy(() -> decoder.decode(truncated)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("offset 0");
    }

    private static int distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
