package org.rtmp4j.flv.mp4;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;

/**
 * Garbage and corrupted FLV tags fed to {@link Fmp4Muxer}: {@code accept} never throws (bad tags are
 * counted), and every init segment and fragment it writes still parses as well-formed boxes.
 */
class Fmp4RandomInputTest {

    @Test
    void randomAndCorruptedTagsNeverThrowAndOutputStaysWellFormed() throws Exception {
        Random random = new Random(20261206);
        List<FlvTag> real = new ArrayList<>();
        for (String name : List.of("h264-aac-avatar.flv", "av1-opus-enhanced-testsrc.flv")) {
            List<FlvTag> all = Fmp4MediaFilesTest.tags(name);
            real.addAll(all.subList(0, Math.min(60, all.size())));
        }
        FlvTagType[] types = {FlvTagType.AUDIO, FlvTagType.VIDEO, FlvTagType.SCRIPT};
        long malformed = 0;
        long fragments = 0;
        for (int round = 0; round < 40; round++) {
            Fmp4Muxer m = new Fmp4Muxer();
            int timestamp = random.nextInt();
            for (int i = 0; i < 500; i++) {
                FlvTag tag;
                if (random.nextInt(3) == 0) {
                    byte[] body = new byte[random.nextInt(64)];
                    random.nextBytes(body);
                    tag = new FlvTag(types[random.nextInt(types.length)], timestamp, ByteBuffer.wrap(body));
                } else {
                    FlvTag src = real.get(random.nextInt(real.size()));
                    byte[] body = Tags.bytes(src.body());
                    body = Arrays.copyOf(body, Math.min(body.length, random.nextInt(body.length + 8)));
                    for (int f = random.nextInt(4); f > 0 && body.length > 0; f--) {
                        body[random.nextInt(body.length)] = (byte) random.nextInt(256);
                    }
                    tag = new FlvTag(src.type(), timestamp, ByteBuffer.wrap(body));
                }
                timestamp += random.nextInt(100) - 10; // mostly forward, sometimes back, across the wrap
                m.accept(tag);
                if (random.nextInt(5) == 0) {
                    fragments += check(m, m.flush().orElse(null));
                }
                if (random.nextInt(200) == 0) {
                    m.reset();
                }
            }
            for (var f = m.finish(); f.isPresent(); f = m.finish()) {
                fragments += check(m, f.get());
            }
            malformed += m.malformedTags();
        }
        assertThat(malformed).as("the input was garbage").isPositive();
        assertThat(fragments).as("and yet fragments were written").isPositive();
    }

    private static int check(Fmp4Muxer m, Fmp4Fragment f) {
        m.initSegment().ifPresent(Box::parseAll);
        if (f == null) {
            return 0;
        }
        List<Box> boxes = Box.parseAll(f.bytes());
        assertThat(Box.types(boxes)).containsExactly("moof", "mdat");
        for (Box traf : boxes.get(0).children().subList(1, boxes.get(0).children().size())) {
            Trun.parse(traf.child("trun"));
        }
        return 1;
    }
}
