package org.rtmp4j.flv.ts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;

/**
 * Seeded garbage: random tag bodies (with the first bytes of real AVC, HEVC, AAC and E-RTMP headers so the parsers
 * get past byte 0), damaged copies of the real file's tags and random segment cuts never make {@link TsMuxer#accept}
 * throw, and whatever it writes is still a valid transport stream with continuous counters.
 */
class TsMuxerRandomInputTest {
    private static final int[] VIDEO_PREFIXES = {0x17, 0x27, 0x1C, 0x2C, 0x90, 0x91, 0x93, 0x96, 0x97, 0x57};
    private static final int[] AUDIO_PREFIXES = {0xAF, 0xAE, 0x90, 0x91, 0x95, 0x2F};

    @Test
    void randomTagsNeverThrowAndTheOutputStaysValid() {
        Random random = new Random(4242);
        List<FlvTag> real = TsTestMedia.avatar();
        for (int round = 0; round < 40; round++) {
            TsMuxer ts = new TsMuxer();
            List<byte[]> out = new ArrayList<>();
            ts.accept(TsTestMedia.avcSequenceHeader(0));
            ts.accept(TsTestMedia.aacSequenceHeader(0));
            int time = random.nextInt();
            for (int i = 0; i < 400; i++) {
                time += random.nextInt(100) - 10;
                FlvTag tag = random.nextInt(3) == 0 ? damaged(real.get(random.nextInt(real.size())), random, time)
                        : randomTag(random, time);
                ts.accept(tag);
                if (random.nextInt(50) == 0) {
                    out.add(TsMuxerTest.bytes(ts.take()));
                    ts.startSegment();
                }
            }
            out.add(TsMuxerTest.bytes(ts.take()));
            TsTestStream s = TsTestStream.read(TsMuxerTest.concat(out));
            s.assertContinuity();
            assertThat(ts.droppedTags() + ts.ignoredTags()).as("round %d rejected something", round).isPositive();
        }
    }

    @Test
    void hostileSequenceHeadersAreDroppedWithAReason() {
        Random random = new Random(17);
        TsMuxer ts = new TsMuxer();
        for (int i = 0; i < 5000; i++) {
            byte[] body = new byte[2 + random.nextInt(40)];
            random.nextBytes(body);
            boolean video = random.nextBoolean();
            body[0] = (byte) (video ? VIDEO_PREFIXES[random.nextInt(4)] : 0xAF);
            body[1] = 0; // sequence header
            ts.accept(new FlvTag(video ? FlvTagType.VIDEO : FlvTagType.AUDIO, i, ByteBuffer.wrap(body)));
        }
        assertThat(ts.droppedTags()).isPositive();
        assertThat(ts.lastDropReason()).isPresent();
        TsTestStream.read(ts.take()).assertContinuity();
    }

    private static FlvTag randomTag(Random random, int time) {
        boolean video = random.nextBoolean();
        byte[] body = new byte[random.nextInt(600)];
        random.nextBytes(body);
        if (body.length > 0) {
            int[] prefixes = video ? VIDEO_PREFIXES : AUDIO_PREFIXES;
            body[0] = (byte) prefixes[random.nextInt(prefixes.length)];
        }
        if (body.length > 1 && random.nextBoolean()) {
            body[1] = 1; // coded frames
        }
        return new FlvTag(video ? FlvTagType.VIDEO : FlvTagType.AUDIO, time, ByteBuffer.wrap(body));
    }

    private static FlvTag damaged(FlvTag tag, Random random, int time) {
        byte[] body = TsMuxerTest.bytes(tag.body());
        if (body.length > 0) {
            for (int i = 0; i < 3; i++) {
                body[random.nextInt(body.length)] ^= (byte) (1 << random.nextInt(8));
            }
        }
        int length = random.nextInt(4) == 0 ? random.nextInt(body.length + 1) : body.length;
        return new FlvTag(tag.type(), time, ByteBuffer.wrap(body, 0, length));
    }
}
