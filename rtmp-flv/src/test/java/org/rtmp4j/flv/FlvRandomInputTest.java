package org.rtmp4j.flv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rtmp4j.flv.media.AudioTagHeader;
import org.rtmp4j.flv.media.VideoTagHeader;

/** Seeded random and corrupted input: the only failure allowed is FlvFormatException. */
class FlvRandomInputTest {

    @Test
    void corruptedRealFileOnlyEverRaisesFlvFormatException() throws Exception {
        byte[] original = Files.readAllBytes(FlvTestSupport.sharedMedia("h264-aac-avatar.flv"));
        Random random = new Random(1234);
        int failures = 0;
        for (int round = 0; round < 200; round++) {
            byte[] damaged = original.clone();
            for (int i = 0; i < 3; i++) {
                damaged[random.nextInt(4096)] ^= (byte) (1 << random.nextInt(8));
            }
            FlvDemuxer demuxer = new FlvDemuxer(1 << 20, round % 2 == 0);
            int[] tags = {0};
            try {
                ByteBuffer in = ByteBuffer.wrap(damaged);
                while (in.hasRemaining()) {
                    ByteBuffer piece = in.slice();
                    piece.limit(Math.min(piece.remaining(), 1 + random.nextInt(9000)));
                    in.position(in.position() + piece.limit());
                    demuxer.feed(piece, t -> tags[0]++);
                }
                demuxer.finish();
            } catch (FlvFormatException e) {
                failures++;
                assertThat(e.offset()).isBetween(0L, (long) damaged.length);
            }
        }
        assertThat(failures).isPositive();
    }

    @Test
    void randomTagBodiesOnlyEverRaiseFlvFormatException() {
        Random random = new Random(99);
        for (int round = 0; round < 20_000; round++) {
            byte[] body = new byte[random.nextInt(12)];
            random.nextBytes(body);
            try {
                VideoTagHeader v = VideoTagHeader.parse(ByteBuffer.wrap(body));
                assertThat(v.headerSize()).isBetween(1, body.length);
            } catch (FlvFormatException e) {
                assertThat(e.offset()).isBetween(0L, (long) body.length);
            }
            try {
                AudioTagHeader a = AudioTagHeader.parse(ByteBuffer.wrap(body));
                assertThat(a.headerSize()).isBetween(1, body.length);
            } catch (FlvFormatException e) {
                assertThat(e.offset()).isBetween(0L, (long) body.length);
            }
        }
    }
}
