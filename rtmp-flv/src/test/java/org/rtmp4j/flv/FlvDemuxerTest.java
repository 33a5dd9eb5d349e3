package org.rtmp4j.flv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FlvDemuxerTest {

    private static final FlvHeader HEADER = new FlvHeader(true, true);

    private static List<FlvTag> sampleTags() {
        byte[] big = new byte[5000];
        new Random(7).nextBytes(big);
        return List.of(
                FlvTestSupport.tag(FlvTagType.SCRIPT, 0, 2, 0, 1, 'x'),
                FlvTestSupport.tag(FlvTagType.VIDEO, 0, 0x17, 0, 0, 0, 0, 1, 2, 3),
                FlvTestSupport.tag(FlvTagType.AUDIO, 23, 0xAF, 0),
                FlvTestSupport.tag(FlvTagType.AUDIO, 46),
                new FlvTag(FlvTagType.VIDEO, 0x01FFFFFF, ByteBuffer.wrap(big)),
                FlvTestSupport.tag(FlvTagType.VIDEO, -2, 0x27, 1, 0, 0, 0x28));
    }

    private static List<FlvTag> demux(byte[] stream, int[] splits) throws FlvFormatException {
        FlvDemuxer d = new FlvDemuxer();
        List<FlvTag> out = new ArrayList<>();
        int from = 0;
        for (int to : splits) {
            ByteBuffer in = ByteBuffer.wrap(stream, from, to - from);
            d.feed(in, out::add);
            assertThat(in.hasRemaining()).isFalse();
            assertThat(d.offset()).isEqualTo(to);
            from = to;
        }
        d.finish();
        return out;
    }

    @Test
    void muxerOutputDemuxesToTheSameTags() throws Exception {
        byte[] stream = FlvTestSupport.mux(HEADER, sampleTags());
        FlvDemuxer d = new FlvDemuxer();
        List<FlvTag> out = new ArrayList<>();
        d.feed(ByteBuffer.wrap(stream), out::add);
        d.finish();
        assertThat(out).isEqualTo(sampleTags());
        assertThat(d.header()).contains(HEADER);
        assertThat(d.offset()).isEqualTo(stream.length);
        assertThat(d.previousTagSizeMismatches()).isZero();
        assertThat(out.get(4).timestamp()).isEqualTo(0x01FFFFFF);
        assertThat(out.get(5).timestamp()).isEqualTo(-2);
        assertThat(out).allSatisfy(t -> assertThat(t.body().isReadOnly()).isTrue());
    }

    @Test
    void oneByteAtATimeGivesTheSameTags() throws Exception {
        byte[] stream = FlvTestSupport.mux(HEADER, sampleTags());
        int[] splits = new int[stream.length];
        Arrays.setAll(splits, i -> i + 1);
        assertThat(demux(stream, splits)).isEqualTo(sampleTags());
    }

    @Test
    void randomSplitsGiveTheSameTags() throws Exception {
        byte[] stream = FlvTestSupport.mux(HEADER, sampleTags());
        Random random = new Random(42);
        for (int round = 0; round < 50; round++) {
            List<Integer> cuts = new ArrayList<>();
            int pos = 0;
            while (pos < stream.length) {
                pos = Math.min(stream.length, pos + 1 + random.nextInt(40));
                cuts.add(pos);
            }
            int[] splits = cuts.stream().mapToInt(Integer::intValue).toArray();
            assertThat(demux(stream, splits)).isEqualTo(sampleTags());
        }
    }

    @Test
    void skipsExtraHeaderBytesAnnouncedByDataOffset() throws Exception {
        byte[] plain = FlvTestSupport.mux(HEADER, sampleTags());
        byte[] stream = new byte[plain.length + 4];
        System.arraycopy(plain, 0, stream, 0, 9);
        stream[8] = 13;
        System.arraycopy(plain, 9, stream, 13, plain.length - 9);
        int[] splits = new int[stream.length];
        Arrays.setAll(splits, i -> i + 1);
        assertThat(demux(stream, splits)).isEqualTo(sampleTags());
    }

    @Test
    void previousTagSizeMismatchIsCountedWhenLenientAndThrownWhenStrict() throws Exception {
        byte[] stream = FlvTestSupport.mux(HEADER, sampleTags().subList(0, 2));
        int firstBackPointer = 13 + 11 + 4;
        stream[firstBackPointer + 3] ^= 1;
        FlvDemuxer lenient = new FlvDemuxer();
        List<FlvTag> out = new ArrayList<>();
        lenient.feed(ByteBuffer.wrap(stream), out::add);
        lenient.finish();
        assertThat(out).hasSize(2);
        assertThat(lenient.previousTagSizeMismatches()).isEqualTo(1);

        FlvDemuxer strict = new FlvDemuxer(FlvDemuxer.DEFAULT_MAX_TAG_SIZE, true);
        assertThatThrownBy(() -> strict.feed(ByteBuffer.wrap(stream), t -> { }))
                .isInstanceOf(FlvFormatException.class)
                .hasMessage("FLV offset 28: PreviousTagSize 14 does not match the previous tag size 15")
                .extracting(e -> ((FlvFormatException) e).offset()).isEqualTo(28L);
    }

    @Test
    void dataSizeAboveTheLimitIsRejectedFromTheTagHeaderAlone() throws Exception {
        ByteBuffer in = ByteBuffer.allocate(13 + 11);
        in.put(new FlvMuxer().header(HEADER));
        in.put(new byte[] {9, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 0, 0, 0, 0, 0, 0}).flip();
        FlvDemuxer d = new FlvDemuxer(1000, false);
        assertThatThrownBy(() -> d.feed(in, t -> { }))
                .isInstanceOf(FlvFormatException.class)
                .hasMessage("FLV offset 13: tag DataSize 16777215 exceeds maxTagSize 1000");
        assertThat(d.offset()).isEqualTo(24);
    }

    @Test
    void encryptedAndUnknownTagTypesAreRejected() {
        byte[] stream = FlvTestSupport.mux(HEADER, sampleTags().subList(0, 2));
        byte[] encrypted = stream.clone();
        encrypted[13] = 0x29;
        assertThatThrownBy(() -> new FlvDemuxer().feed(ByteBuffer.wrap(encrypted), t -> { }))
                .isInstanceOf(FlvFormatException.class)
                .hasMessageContaining("FLV offset 13: encrypted tags not supported");
        byte[] unknown = stream.clone();
        unknown[13] = 7;
        assertThatThrownBy(() -> new FlvDemuxer().feed(ByteBuffer.wrap(unknown), t -> { }))
                .isInstanceOf(FlvFormatException.class)
                .hasMessage("FLV offset 13: unknown FLV tag type 7");
    }

    @Test
    void nonZeroStreamIdIsIgnoredWhenLenientAndRejectedWhenStrict() throws Exception {
        byte[] stream = FlvTestSupport.mux(HEADER, sampleTags().subList(0, 1));
        stream[13 + 10] = 1;
        List<FlvTag> out = new ArrayList<>();
        new FlvDemuxer().feed(ByteBuffer.wrap(stream), out::add);
        assertThat(out).hasSize(1);
        assertThatThrownBy(() -> new FlvDemuxer(100, true).feed(ByteBuffer.wrap(stream), t -> { }))
                .isInstanceOf(FlvFormatException.class).hasMessage("FLV offset 21: StreamID 1 is not 0");
    }

    @Test
    void failureIsStickyAndNotAnFlvStreamIsReportedAtOffsetZero() {
        FlvDemuxer d = new FlvDemuxer();
        assertThatThrownBy(() -> d.feed(ByteBuffer.wrap("GIF89a-not-flv".getBytes()), t -> { }))
                .isInstanceOf(FlvFormatException.class).hasMessageStartingWith("FLV offset 0: not an FLV stream");
        assertThatThrownBy(() -> d.feed(ByteBuffer.allocate(1), t -> { }))
                .hasMessageStartingWith("FLV offset 0: not an FLV stream");
        assertThatThrownBy(d::finish).hasMessageStartingWith("FLV offset 0: not an FLV stream");
    }

    @Test
    void finishNamesWhereTheTruncatedElementStarts() throws Exception {
        List<FlvTag> tags = sampleTags().subList(0, 2); // 4-byte and 8-byte bodies
        byte[] stream = FlvTestSupport.mux(HEADER, tags);
        // layout: header 0..8, PTS0 9..12, tag1 13..27, PTS 28..31, tag2 32..50, PTS 51..54
        assertTruncated(stream, 5, 0, "truncated FLV header: stream ended after 5 bytes");
        assertTruncated(stream, 9, 9, "stream ended before PreviousTagSize0");
        assertTruncated(stream, 11, 9, "truncated PreviousTagSize: 2 of 4 bytes");
        assertTruncated(stream, 20, 13, "truncated tag header: 7 of 11 bytes");
        assertTruncated(stream, 26, 13, "truncated tag: 2 of 4 data bytes");
        assertTruncated(stream, 30, 28, "truncated PreviousTagSize: 2 of 4 bytes");
        assertTruncated(stream, 33, 32, "truncated tag header: 1 of 11 bytes");
        assertTruncated(stream, 50, 32, "truncated tag: 7 of 8 data bytes");
        for (int complete : new int[] {13, 32, 55}) {
            FlvDemuxer d = new FlvDemuxer();
            d.feed(ByteBuffer.wrap(stream, 0, complete), t -> { });
            d.finish();
        }
    }

    @Test
    void missingFinalBackPointerIsToleratedWhenLenientOnly() throws Exception {
        byte[] stream = FlvTestSupport.mux(HEADER, sampleTags().subList(0, 2));
        List<FlvTag> out = new ArrayList<>();
        FlvDemuxer lenient = new FlvDemuxer();
        lenient.feed(ByteBuffer.wrap(stream, 0, 51), out::add);
        lenient.finish();
        assertThat(out).hasSize(2);
        FlvDemuxer strict = new FlvDemuxer(1 << 20, true);
        strict.feed(ByteBuffer.wrap(stream, 0, 51), t -> { });
        assertThatThrownBy(strict::finish).isInstanceOf(FlvFormatException.class)
                .hasMessage("FLV offset 51: stream ended before the PreviousTagSize of the last tag");
    }

    private static void assertTruncated(byte[] stream, int cut, long offset, String reason) throws Exception {
        FlvDemuxer d = new FlvDemuxer();
        d.feed(ByteBuffer.wrap(stream, 0, cut), t -> { });
        assertThatThrownBy(d::finish)
                .as("cut at %d", cut)
                .isInstanceOf(FlvFormatException.class)
                .hasMessage("FLV offset " + offset + ": " + reason)
                .extracting(e -> ((FlvFormatException) e).offset()).isEqualTo(offset);
    }
}
