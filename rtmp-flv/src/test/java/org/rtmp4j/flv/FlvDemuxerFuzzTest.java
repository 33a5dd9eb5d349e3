package org.rtmp4j.flv;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Fuzzes {@link FlvDemuxer} (FLV 10.1 §E.2, §E.3, §E.4.1). Bytes are fed once whole and once in
 * splits chosen by the first input byte (including empty feeds); each way the only failure allowed
 * is {@link FlvFormatException}, and both ways must give the same tags and the same failure
 * (offset and message), in lenient and strict mode, since splitting must not matter.
 *
 * <p>Input layout: byte 0 = split seed (bit 0: strict mode), the rest = the FLV stream.
 * Regression inputs: {@code src/test/resources/org/rtmp4j/flv/FlvDemuxerFuzzTestInputs/demux/}.
 */
class FlvDemuxerFuzzTest {
    /** Small, so a declared DataSize near 16 MiB is refused instead of allocated. */
    private static final int MAX_TAG_SIZE = 64 * 1024;

    @FuzzTest
    void demux(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int seed = data[0] & 0xFF;
        boolean strict = (seed & 1) != 0;
        byte[] stream = Arrays.copyOfRange(data, 1, data.length);
        Outcome whole = run(stream, strict, null);
        Outcome split = run(stream, strict, new Random(seed));
        assertThat(split.tags).isEqualTo(whole.tags);
        assertThat(split.failure).isEqualTo(whole.failure);
    }

    private static Outcome run(byte[] stream, boolean strict, Random splits) {
        FlvDemuxer demuxer = new FlvDemuxer(MAX_TAG_SIZE, strict);
        Outcome o = new Outcome();
        try {
            int at = 0;
            while (at < stream.length) {
                int n = splits == null ? stream.length - at : Math.min(stream.length - at, splits.nextInt(40));
                ByteBuffer in = ByteBuffer.wrap(stream, at, n);
                demuxer.feed(in, tag -> o.tags.add(describe(tag)));
                assertThat(in.hasRemaining()).as("feed consumes all input").isFalse();
                at += n;
            }
            demuxer.finish();
        } catch (FlvFormatException e) {
            assertThat(e.getMessage()).isNotBlank();
            o.failure = e.getMessage();
            // a failed demuxer keeps failing with the same exception
            try {
                demuxer.feed(ByteBuffer.allocate(1), tag -> o.tags.add("after failure"));
                throw new AssertionError("feed after a failure must throw");
            } catch (FlvFormatException again) {
                assertThat(again).isSameAs(e);
            }
        }
        return o;
    }

    private static String describe(FlvTag tag) {
        assertThat(tag.body().isReadOnly()).isTrue();
        assertThat(tag.dataSize()).isLessThanOrEqualTo(MAX_TAG_SIZE);
        byte[] body = new byte[tag.dataSize()];
        tag.body().duplicate().get(body);
        return tag.type() + "@" + tag.timestamp() + ":" + Arrays.hashCode(body) + "/" + body.length;
    }

    private static final class Outcome {
        final List<String> tags = new ArrayList<>();
        String failure;
    }
}
