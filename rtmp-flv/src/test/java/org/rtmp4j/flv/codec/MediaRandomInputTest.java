package org.rtmp4j.flv.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rtmp4j.flv.FlvFormatException;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;

/**
 * Tag bodies of the shared files, cut at every offset and randomly corrupted, fed to
 * {@link MediaInfoCollector} (tag headers, multitrack, configuration records, metadata): the only
 * failure allowed is {@link FlvFormatException}.
 */
class MediaRandomInputTest {

    private static List<FlvTag> firstTags(String name, int count) throws IOException {
        List<FlvTag> tags = new ArrayList<>();
        try (FlvReader r = FlvReader.open(MediaInfoCollectorTest.media(name))) {
            for (Optional<FlvTag> t = r.next(); t.isPresent() && tags.size() < count;
                    t = r.next()) {
                tags.add(t.get());
            }
        }
        return tags;
    }

    private static void feed(FlvTagType type, byte[] body) {
        try {
            new MediaInfoCollector().accept(new FlvTag(type, 0, ByteBuffer.wrap(body)));
        } catch (FlvFormatException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Test
    void everyPrefixAndRandomCorruptionOfRealTagBodiesRaisesOnlyFormatExceptions()
            throws IOException {
        Random random = new Random(20261121);
        for (String name : List.of("h264-aac-avatar.flv", "av1-opus-enhanced-testsrc.flv")) {
            for (FlvTag tag : firstTags(name, 8)) {
                byte[] body = new byte[tag.dataSize()];
                tag.body().duplicate().get(body);
                int prefixes = Math.min(body.length, 400);
                for (int len = 0; len <= prefixes; len++) {
                    feed(tag.type(), java.util.Arrays.copyOf(body, len));
                }
                for (int round = 0; round < 1500; round++) {
                    byte[] copy = java.util.Arrays.copyOf(body, Math.min(body.length, 400));
                    int flips = 1 + random.nextInt(3);
                    for (int f = 0; f < flips; f++) {
                        int at = random.nextInt(copy.length);
                        copy[at] = (byte) (random.nextBoolean() ? random.nextInt(256)
                                : copy[at] ^ (1 << random.nextInt(8)));
                    }
                    feed(tag.type(), copy);
                }
            }
        }
    }
}
