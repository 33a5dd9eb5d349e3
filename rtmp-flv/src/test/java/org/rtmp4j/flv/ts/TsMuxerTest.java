package org.rtmp4j.flv.ts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.flv.codec.AvcDecoderConfigurationRecord;
import org.rtmp4j.flv.media.AudioTagHeader;
import org.rtmp4j.flv.media.VideoTagHeader;

/** The real H.264/AAC file muxed into ~2 s segments, read back with {@link TsTestStream}. */
class TsMuxerTest {
    private static final int DELAY_90K = 700 * 90;

    /** Muxes {@code tags}, cutting before a video keyframe once 2 s have passed since the segment started. */
    static List<byte[]> segments(TsMuxer ts, List<FlvTag> tags) {
        List<byte[]> segments = new ArrayList<>();
        long segmentStart = -1;
        for (FlvTag tag : tags) {
            if (tag.type() == FlvTagType.VIDEO && isCodedKeyFrame(tag)) {
                if (segmentStart < 0) {
                    segmentStart = tag.timestamp();
                } else if (tag.timestamp() - segmentStart >= 2000) {
                    segments.add(bytes(ts.take()));
                    ts.startSegment();
                    segmentStart = tag.timestamp();
                }
            }
            ts.accept(tag);
        }
        segments.add(bytes(ts.take()));
        return segments;
    }

    static boolean isCodedKeyFrame(FlvTag tag) {
        try {
            VideoTagHeader h = VideoTagHeader.parse(tag.body());
            return h.isKeyFrame() && !h.isSequenceHeader();
        } catch (Exception e) {
            return false;
        }
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        parts.forEach(o::writeBytes);
        return o.toByteArray();
    }

    @Test
    void everySegmentStartsWithPatPmtAndAKeyframeCarryingItsParameterSets() throws Exception {
        List<FlvTag> tags = TsTestMedia.avatar();
        TsMuxer ts = new TsMuxer();
        List<byte[]> segments = segments(ts, tags);
        assertThat(segments).hasSizeBetween(4, 7);
        AvcDecoderConfigurationRecord config = AvcDecoderConfigurationRecord.parse(sequenceHeaderRecord(tags));
        String sps = HexFormat.of().formatHex(bytes(config.sequenceParameterSets().get(0)));
        for (byte[] segment : segments) {
            TsTestStream s = TsTestStream.read(segment);
            assertThat(s.packets.get(0).pid()).as("PAT first").isZero();
            assertThat(s.packets.get(1).pid()).as("PMT second").isEqualTo(TsMuxer.PMT_PID);
            assertThat(s.packets.get(2).pid()).isEqualTo(TsMuxer.VIDEO_PID);
            assertThat(s.packets.get(2).pcr()).as("the first PES packet carries a PCR").isNotNegative();
            TsTestStream.Pes first = s.pes.get(0);
            assertThat(first.pid()).isEqualTo(TsMuxer.VIDEO_PID);
            assertThat(first.randomAccess()).as("random_access_indicator").isTrue();
            assertThat(HexFormat.of().formatHex(first.payload()))
                    .startsWith("0000000109f0" + "00000001" + sps);
        }
        assertThat(ts.droppedTags()).isZero();
        assertThat(ts.ignoredTags()).as("the script tag and the end-of-sequence tag").isEqualTo(2);
    }

    @Test
    void videoAccessUnitsHoldTheSourceNalUnitsWithTheirTimes() throws Exception {
        List<FlvTag> tags = TsTestMedia.avatar();
        TsTestStream s = TsTestStream.read(concat(segments(new TsMuxer(), tags)));
        s.assertContinuity();
        List<TsTestStream.Pes> video = s.pes(TsMuxer.VIDEO_PID);
        int i = 0;
        for (FlvTag tag : tags) {
            if (tag.type() != FlvTagType.VIDEO) {
                continue;
            }
            VideoTagHeader h = VideoTagHeader.parse(tag.body());
            if (h.isSequenceHeader() || h.isSequenceEnd()) {
                continue;
            }
            TsTestStream.Pes pes = video.get(i++);
            assertThat(pes.streamId()).isEqualTo(0xE0);
            assertThat(pes.dts()).isEqualTo(tag.timestamp() * 90L + DELAY_90K);
            assertThat(pes.pts()).isEqualTo((tag.timestamp() + (long) h.compositionTime()) * 90 + DELAY_90K);
            assertThat(pes.randomAccess()).isEqualTo(h.isKeyFrame());
            List<String> expected = lengthPrefixed(tag.body(), h.headerSize());
            List<String> got = annexB(pes.payload());
            assertThat(got.get(0)).as("access unit delimiter first").isEqualTo("09f0");
            assertThat(got.subList(got.size() - expected.size(), got.size())).isEqualTo(expected);
            assertThat(got).hasSize(expected.size() + (h.isKeyFrame() ? 3 : 1));
        }
        assertThat(i).isEqualTo(video.size());
    }

    @Test
    void aacFramesGetAdtsHeadersAndShareShortPesPackets() throws Exception {
        List<FlvTag> tags = TsTestMedia.avatar();
        TsTestStream s = TsTestStream.read(concat(segments(new TsMuxer(), tags)));
        List<byte[]> sourceFrames = new ArrayList<>();
        List<Integer> sourceTimes = new ArrayList<>();
        for (FlvTag tag : tags) {
            if (tag.type() == FlvTagType.AUDIO) {
                AudioTagHeader h = AudioTagHeader.parse(tag.body());
                if (!h.isSequenceHeader()) {
                    sourceFrames.add(Arrays.copyOfRange(bytes(tag.body()), h.headerSize(), tag.body().remaining()));
                    sourceTimes.add(tag.timestamp());
                }
            }
        }
        List<byte[]> frames = new ArrayList<>();
        for (TsTestStream.Pes pes : s.pes(TsMuxer.AUDIO_PID)) {
            assertThat(pes.streamId()).isEqualTo(0xC0);
            assertThat(pes.declaredLength()).as("audio PES_packet_length is set").isPositive();
            assertThat(pes.pts()).as("PTS of the PES's first frame").isEqualTo(sourceTimes.get(frames.size()) * 90L + DELAY_90K);
            byte[] p = pes.payload();
            int at = 0;
            int first = frames.size();
            while (at < p.length) {
                assertThat((p[at] & 0xFF) << 4 | (p[at + 1] & 0xF0) >> 4).as("ADTS syncword").isEqualTo(0xFFF);
                int length = (p[at + 3] & 3) << 11 | (p[at + 4] & 0xFF) << 3 | (p[at + 5] & 0xE0) >> 5;
                frames.add(Arrays.copyOfRange(p, at + 7, at + length));
                at += length;
            }
            assertThat(at).isEqualTo(p.length);
            assertThat(sourceTimes.get(frames.size() - 1) - sourceTimes.get(first)).as("one PES spans under 100 ms")
                    .isLessThan(100);
        }
        assertThat(frames).hasSameSizeAs(sourceFrames);
        for (int i = 0; i < frames.size(); i++) {
            assertThat(frames.get(i)).as("AAC frame %d", i).isEqualTo(sourceFrames.get(i));
        }
        assertThat(s.pes(TsMuxer.AUDIO_PID).size()).as("frames are gathered").isLessThan(frames.size() / 3);
    }

    @Test
    void pcrIsOnTheVideoPidAtMost100MsApartAndNeverGoesBack() {
        TsTestStream s = TsTestStream.read(concat(segments(new TsMuxer(), TsTestMedia.avatar())));
        List<Long> pcrs = s.pcrs();
        assertThat(s.packets.stream().filter(p -> p.pcr() >= 0).map(TsTestStream.Packet::pid).distinct().toList())
                .containsExactly(TsMuxer.VIDEO_PID);
        assertThat(pcrs.size()).isGreaterThan(11_000 / 100);
        for (int i = 1; i < pcrs.size(); i++) {
            assertThat(pcrs.get(i) - pcrs.get(i - 1)).as("PCR step %d", i).isBetween(0L, 9000L);
        }
        for (TsTestStream.Pes pes : s.pes) {
            assertThat(pes.dts()).as("DTS after the PCR of its first packet").isGreaterThanOrEqualTo(pcrBefore(s, pes.firstPacket()));
        }
    }

    private static long pcrBefore(TsTestStream s, int packet) {
        for (int i = packet; i >= 0; i--) {
            if (s.packets.get(i).pcr() >= 0) {
                return s.packets.get(i).pcr();
            }
        }
        return 0;
    }

    static ByteBuffer sequenceHeaderRecord(List<FlvTag> tags) throws Exception {
        for (FlvTag tag : tags) {
            if (tag.type() == FlvTagType.VIDEO) {
                VideoTagHeader h = VideoTagHeader.parse(tag.body());
                if (h.isSequenceHeader()) {
                    ByteBuffer b = tag.body().duplicate();
                    return b.position(b.position() + h.headerSize()).slice();
                }
            }
        }
        throw new AssertionError("no sequence header");
    }

    /** The NAL units of an AVCC frame (4-byte lengths), as hex. */
    static List<String> lengthPrefixed(ByteBuffer body, int from) {
        byte[] b = bytes(body);
        List<String> nals = new ArrayList<>();
        for (int at = from; at < b.length; ) {
            int n = (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | b[at + 3] & 0xFF;
            nals.add(HexFormat.of().formatHex(b, at + 4, at + 4 + n));
            at += 4 + n;
        }
        return nals;
    }

    /** Splits an Annex B access unit at its 4-byte start codes. */
    static List<String> annexB(byte[] au) {
        String hex = HexFormat.of().formatHex(au);
        assertThat(hex).startsWith("00000001");
        List<String> nals = new ArrayList<>();
        for (String part : hex.substring(8).split("00000001", -1)) {
            nals.add(part);
        }
        return nals;
    }
}
