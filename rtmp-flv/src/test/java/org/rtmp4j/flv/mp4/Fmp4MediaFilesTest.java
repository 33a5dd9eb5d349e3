package org.rtmp4j.flv.mp4;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.flv.media.VideoTagHeader;

/** The repository's real FLV files muxed to fMP4: structure, sample counts, sizes and timing. */
class Fmp4MediaFilesTest {

    static List<FlvTag> tags(String name) throws IOException {
        Path file = Path.of(System.getProperty("rtmp4j.media.dir", "../media"), name);
        List<FlvTag> tags = new ArrayList<>();
        try (FlvReader r = FlvReader.open(file)) {
            for (Optional<FlvTag> t = r.next(); t.isPresent(); t = r.next()) {
                tags.add(t.get());
            }
        }
        return tags;
    }

    /** Muxes every tag, flushing after each one and finishing at the end. */
    static List<Fmp4Fragment> muxAll(Fmp4Muxer m, List<FlvTag> tags) {
        List<Fmp4Fragment> out = new ArrayList<>();
        for (FlvTag t : tags) {
            m.accept(t);
            m.flush().ifPresent(out::add);
        }
        m.finish().ifPresent(out::add);
        return out;
    }

    @Test
    void h264AacFileGivesAvc1AndMp4aTracksAndEveryFrame() throws IOException {
        List<FlvTag> tags = tags("h264-aac-avatar.flv");
        Fmp4Muxer m = new Fmp4Muxer();
        List<Fmp4Fragment> fragments = muxAll(m, tags);

        List<Box> init = Box.parseAll(m.initSegment().orElseThrow());
        assertThat(Box.types(init)).containsExactly("ftyp", "moov");
        Box moov = Box.find(init, "moov");
        assertThat(moov.types()).containsExactly("mvhd", "trak", "trak", "mvex");
        Box videoTrak = moov.children().get(1);
        Box tkhd = videoTrak.child("tkhd");
        assertThat(tkhd.u32(12)).as("track_ID").isEqualTo(1);
        assertThat(tkhd.u32(76) >> 16).as("width").isEqualTo(768);
        assertThat(tkhd.u32(80) >> 16).as("height").isEqualTo(320);
        Box stsd = Box.find(videoTrak.children(), "mdia/minf/stbl/stsd");
        List<Box> entries = Box.parseAll(stsd.payload().slice(8, stsd.payload().limit() - 8));
        assertThat(entries.get(0).type()).isEqualTo("avc1");
        assertThat(entries.get(0).inner(78).get(0).type()).isEqualTo("avcC");
        Box audioTrak = moov.children().get(2);
        assertThat(Box.find(audioTrak.children(), "mdia/mdhd").u32(12)).as("timescale").isEqualTo(44100);

        long videoFrames = tags.stream().filter(t -> t.type() == FlvTagType.VIDEO)
                .filter(t -> t.body().get(t.body().position() + 1) == 1).count();
        long audioFrames = tags.stream().filter(t -> t.type() == FlvTagType.AUDIO)
                .filter(t -> t.body().get(t.body().position() + 1) == 1).count();
        long keyFrames = tags.stream().filter(t -> t.type() == FlvTagType.VIDEO)
                .filter(t -> t.body().get(t.body().position() + 1) == 1)
                .filter(t -> (t.body().get(t.body().position()) >> 4) == VideoTagHeader.FRAME_KEY).count();
        long v = 0;
        long a = 0;
        long sync = 0;
        int seq = 0;
        for (Fmp4Fragment f : fragments) {
            assertThat(f.sequenceNumber()).isEqualTo(++seq);
            List<Box> boxes = Box.parseAll(f.bytes());
            assertThat(Box.types(boxes)).containsExactly("moof", "mdat");
            for (Box traf : boxes.get(0).children()) {
                if (!traf.type().equals("traf")) {
                    continue;
                }
                Trun trun = Trun.parse(traf.child("trun"));
                long id = traf.child("tfhd").u32(4);
                if (id == 1) {
                    v += trun.samples().size();
                    sync += trun.samples().stream().filter(Trun.Entry::sync).count();
                } else {
                    a += trun.samples().size();
                }
            }
        }
        assertThat(v).isEqualTo(videoFrames);
        assertThat(a).isEqualTo(audioFrames);
        assertThat(sync).isEqualTo(keyFrames);
        assertThat(m.malformedTags()).isZero();
        assertThat(m.droppedSamples()).isZero();
        assertThat(fragments.get(0).independent()).isTrue();
    }

    @Test
    void av1OpusEnhancedFileGivesAv01AndOpusTracksAndEveryFrame() throws Exception {
        List<FlvTag> tags = tags("av1-opus-enhanced-testsrc.flv");
        Fmp4Muxer m = new Fmp4Muxer();
        List<Fmp4Fragment> fragments = muxAll(m, tags);
        assertThat(m.malformedTags()).isZero();
        assertThat(m.droppedSamples()).isZero();
        assertThat(m.unsupportedTags()).isZero();

        List<Box> init = Fmp4InitSegmentTest.init(m);
        Box av01 = Fmp4InitSegmentTest.sampleEntry(init, 0);
        assertThat(av01.type()).isEqualTo("av01");
        assertThat(List.of(av01.u16(24), av01.u16(26))).containsExactly(980, 540);
        Box opus = Fmp4InitSegmentTest.sampleEntry(init, 1);
        assertThat(opus.type()).isEqualTo("Opus");
        assertThat(opus.u16(16)).as("mono").isEqualTo(1);

        long videoFrames = 0;
        long audioFrames = 0;
        for (FlvTag t : tags) {
            if (t.type() == FlvTagType.VIDEO) {
                var h = org.rtmp4j.flv.media.VideoTagHeader.parse(t.body());
                if (h.packetType() == org.rtmp4j.flv.media.VideoPacketType.CODED_FRAMES
                        || h.packetType() == org.rtmp4j.flv.media.VideoPacketType.CODED_FRAMES_X) {
                    videoFrames++;
                }
            } else if (t.type() == FlvTagType.AUDIO && org.rtmp4j.flv.media.AudioTagHeader.parse(t.body())
                    .packetType() == org.rtmp4j.flv.media.AudioPacketType.CODED_FRAMES) {
                audioFrames++;
            }
        }
        long v = 0;
        long a = 0;
        long lastVideoEnd = -1;
        for (Fmp4Fragment f : fragments) {
            for (Fmp4FragmentTest.Traf traf : Fmp4FragmentTest.parse(f).trafs()) {
                if (traf.trackId() == 1) {
                    if (lastVideoEnd >= 0) {
                        assertThat(traf.baseDecodeTime()).as("fragments are contiguous").isEqualTo(lastVideoEnd);
                    }
                    lastVideoEnd = traf.baseDecodeTime()
                            + traf.trun().samples().stream().mapToLong(Trun.Entry::duration).sum();
                    v += traf.trun().samples().size();
                } else {
                    a += traf.trun().samples().size();
                }
            }
        }
        assertThat(v).isEqualTo(videoFrames).isPositive();
        assertThat(a).isEqualTo(audioFrames).isPositive();
    }

    static ByteBuffer concat(List<ByteBuffer> parts) {
        ByteBuffer all = ByteBuffer.allocate(parts.stream().mapToInt(ByteBuffer::remaining).sum());
        parts.forEach(p -> all.put(p.duplicate()));
        return all.flip();
    }
}
