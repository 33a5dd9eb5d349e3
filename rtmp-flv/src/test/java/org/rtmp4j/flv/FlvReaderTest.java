package org.rtmp4j.flv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rtmp4j.flv.media.AudioPacketType;
import org.rtmp4j.flv.media.AudioTagHeader;
import org.rtmp4j.flv.media.VideoPacketType;
import org.rtmp4j.flv.media.VideoTagHeader;

class FlvReaderTest {

    private static final String H264 = "h264-aac-avatar.flv";
    private static final String AV1 = "av1-opus-enhanced-testsrc.flv";

    @TempDir
    Path tmp;

    private static List<FlvTag> readAll(FlvReader reader) throws Exception {
        List<FlvTag> tags = new ArrayList<>();
        Optional<FlvTag> t;
        while ((t = reader.next()).isPresent()) {
            tags.add(t.get());
        }
        return tags;
    }

    private static long count(List<FlvTag> tags, FlvTagType type) {
        return tags.stream().filter(t -> t.type() == type).count();
    }

    @Test
    void readsTheLegacyH264AacFile() throws Exception {
        List<FlvTag> tags;
        try (FlvReader reader = FlvReader.open(FlvTestSupport.sharedMedia(H264))) {
            assertThat(reader.header()).isEqualTo(new FlvHeader(true, true));
            tags = readAll(reader);
            assertThat(reader.next()).isEmpty();
            assertThat(reader.offset()).isEqualTo(338_598);
            assertThat(reader.demuxer().previousTagSizeMismatches()).isZero();
        }
        assertThat(tags).hasSize(772);
        assertThat(count(tags, FlvTagType.SCRIPT)).isEqualTo(1);
        assertThat(count(tags, FlvTagType.AUDIO)).isEqualTo(487);
        assertThat(count(tags, FlvTagType.VIDEO)).isEqualTo(284);
        assertThat(tags.get(0).type()).isEqualTo(FlvTagType.SCRIPT);
        assertThat(tags.get(tags.size() - 1).timestamp()).isEqualTo(11_240);

        List<VideoTagHeader> video = new ArrayList<>();
        List<AudioTagHeader> audio = new ArrayList<>();
        for (FlvTag t : tags) {
            if (t.type() == FlvTagType.VIDEO) {
                video.add(VideoTagHeader.parse(t.body()));
            } else if (t.type() == FlvTagType.AUDIO) {
                audio.add(AudioTagHeader.parse(t.body()));
            }
        }
        VideoTagHeader first = video.get(0);
        assertThat(first.codecId()).isEqualTo(VideoTagHeader.CODEC_AVC);
        assertThat(first.isSequenceHeader()).isTrue();
        assertThat(first.isKeyFrame()).isTrue();
        assertThat(video).allSatisfy(h -> assertThat(h.codecName()).isEqualTo("h264"));
        assertThat(video.stream().filter(VideoTagHeader::isSequenceHeader).count()).isEqualTo(1);
        assertThat(video.stream().filter(VideoTagHeader::isSequenceEnd).count()).isEqualTo(1);
        assertThat(video.stream().filter(h -> h.isKeyFrame() && !h.isSequenceHeader()).count()).isEqualTo(7);
        assertThat(video.stream().filter(h -> h.compositionTime() != 0).count()).isPositive();

        assertThat(audio).allSatisfy(h -> assertThat(h.codecName()).isEqualTo("aac"));
        assertThat(audio.get(0).isSequenceHeader()).isTrue();
        assertThat(audio.stream().filter(AudioTagHeader::isSequenceHeader).count()).isEqualTo(1);
    }

    @Test
    void readsTheEnhancedAv1OpusFile() throws Exception {
        List<FlvTag> tags;
        try (FlvReader reader = FlvReader.open(FlvTestSupport.sharedMedia(AV1))) {
            tags = readAll(reader);
            assertThat(reader.header()).isEqualTo(new FlvHeader(true, true));
        }
        assertThat(tags).hasSize(807);
        assertThat(count(tags, FlvTagType.SCRIPT)).isEqualTo(1);
        assertThat(count(tags, FlvTagType.AUDIO)).isEqualTo(503);
        assertThat(count(tags, FlvTagType.VIDEO)).isEqualTo(303);
        assertThat(tags.get(tags.size() - 1).timestamp()).isEqualTo(10_001);

        List<VideoTagHeader> video = new ArrayList<>();
        List<AudioTagHeader> audio = new ArrayList<>();
        for (FlvTag t : tags) {
            if (t.type() == FlvTagType.VIDEO) {
                video.add(VideoTagHeader.parse(t.body()));
            } else if (t.type() == FlvTagType.AUDIO) {
                audio.add(AudioTagHeader.parse(t.body()));
            }
        }
        VideoTagHeader first = video.get(0);
        assertThat(first.exHeader()).isTrue();
        assertThat(first.fourCc()).isEqualTo("av01");
        assertThat(first.packetType()).isEqualTo(VideoPacketType.SEQUENCE_START);
        assertThat(video).allSatisfy(h -> assertThat(h.fourCc()).isEqualTo("av01"));
        assertThat(video.stream().filter(VideoTagHeader::isSequenceHeader).count()).isEqualTo(2);
        assertThat(video.stream().filter(h -> h.packetType() == VideoPacketType.METADATA).count()).isEqualTo(1);
        assertThat(video.stream().filter(h -> h.packetType() == VideoPacketType.METADATA)
                .allMatch(h -> h.isCommandFrame() && !h.isKeyFrame())).isTrue();
        assertThat(video.stream().filter(h -> h.isKeyFrame() && !h.isSequenceHeader()).count()).isEqualTo(1);
        assertThat(video.stream().filter(h -> h.packetType() == VideoPacketType.CODED_FRAMES).count()).isEqualTo(300);

        assertThat(audio).allSatisfy(h -> {
            assertThat(h.exHeader()).isTrue();
            assertThat(h.fourCc()).isEqualTo("Opus");
        });
        assertThat(audio.get(0).packetType()).isEqualTo(AudioPacketType.SEQUENCE_START);
        assertThat(audio.stream().filter(h -> h.packetType() == AudioPacketType.MULTICHANNEL_CONFIG).count()).isEqualTo(1);
        assertThat(audio.stream().filter(h -> h.packetType() == AudioPacketType.CODED_FRAMES).count()).isEqualTo(501);
    }

    @ParameterizedTest
    @ValueSource(strings = {H264, AV1})
    void readerToWriterRoundTripIsByteForByteIdentical(String name) throws Exception {
        Path source = FlvTestSupport.sharedMedia(name);
        Path copy = tmp.resolve("copy.flv");
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        try (FlvReader reader = FlvReader.open(source);
                FlvWriter file = FlvWriter.create(copy, reader.header());
                FlvWriter stream = new FlvWriter(Channels.newChannel(streamed), reader.header())) {
            Optional<FlvTag> t;
            while ((t = reader.next()).isPresent()) {
                file.write(t.get());
                stream.write(t.get());
            }
            assertThat(file.bytesWritten()).isEqualTo(Files.size(source));
        }
        byte[] original = Files.readAllBytes(source);
        assertThat(Arrays.equals(Files.readAllBytes(copy), original)).isTrue();
        assertThat(Arrays.equals(streamed.toByteArray(), original)).isTrue();
    }

    @Test
    void truncatedFileReportsTheOffsetOfTheDamagedElementAfterTheCompleteTags() throws Exception {
        byte[] original = Files.readAllBytes(FlvTestSupport.sharedMedia(H264));
        List<Integer> tagStarts = new ArrayList<>();
        int pos = 13;
        while (pos < original.length) {
            tagStarts.add(pos);
            int size = ((original[pos + 1] & 0xFF) << 16) | ((original[pos + 2] & 0xFF) << 8) | (original[pos + 3] & 0xFF);
            pos += 11 + size + 4;
        }
        assertThat(tagStarts).hasSize(772);
        for (int index : new int[] {0, 1, 100, 771}) {
            int start = tagStarts.get(index);
            int end = index + 1 < tagStarts.size() ? tagStarts.get(index + 1) : original.length;
            int backPointer = end - 4;
            assertTruncatedAt(original, start + 3, start, index);
            assertTruncatedAt(original, start + 11, start, index);
            assertTruncatedAt(original, (start + 11 + backPointer) / 2, start, index);
            assertTruncatedAt(original, backPointer + 2, backPointer, index + 1);
        }
        assertTruncatedAt(original, 4, 0, 0);
    }

    private void assertTruncatedAt(byte[] original, int cut, long offset, int completeTags) throws Exception {
        Path file = tmp.resolve("cut-" + cut + ".flv");
        Files.write(file, Arrays.copyOf(original, cut));
        List<FlvTag> tags = new ArrayList<>();
        try (FlvReader reader = FlvReader.open(file)) {
            assertThatThrownBy(() -> {
                Optional<FlvTag> t;
                while ((t = reader.next()).isPresent()) {
                    tags.add(t.get());
                }
            }).as("cut at %d", cut)
                    .isInstanceOf(FlvFormatException.class)
                    .hasMessageStartingWith(file + ": FLV offset " + offset + ": ")
                    .extracting(e -> ((FlvFormatException) e).offset()).isEqualTo(offset);
        }
        assertThat(tags).as("complete tags before cut at %d", cut).hasSize(completeTags);
    }

    @Test
    void readerOverAChannelReportsAnUnnamedOffset() throws Exception {
        byte[] bytes = FlvTestSupport.mux(new FlvHeader(false, true),
                List.of(FlvTestSupport.tag(FlvTagType.VIDEO, 0, 0x17, 0, 0, 0, 0)));
        try (FlvReader reader = new FlvReader(Channels.newChannel(
                new ByteArrayInputStream(Arrays.copyOf(bytes, bytes.length - 7))))) {
            assertThat(reader.header()).isEqualTo(new FlvHeader(false, true));
            assertThatThrownBy(reader::next).isInstanceOf(FlvFormatException.class)
                    .hasMessage("FLV offset 13: truncated tag: 2 of 5 data bytes");
        }
        try (FlvReader reader = new FlvReader(Channels.newChannel(new ByteArrayInputStream(new byte[0])))) {
            assertThatThrownBy(reader::header).isInstanceOf(FlvFormatException.class)
                    .hasMessage("FLV offset 0: truncated FLV header: stream ended after 0 bytes");
        }
    }
}
