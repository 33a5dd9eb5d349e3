package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.flv.media.VideoTagHeader;

/**
 * The coded video frames of an FLV file, for comparing what a player received with what was published: the
 * payload bytes after each video tag header (FLV 10.1 §E.4.3.1), in file order, without sequence headers,
 * sequence ends and command frames, which a relay or muxer may legitimately repeat or add.
 */
record FlvFrames(List<Frame> frames) {
    /** One coded frame: its bytes after the video tag header, and whether it is a keyframe. */
    record Frame(byte[] data, boolean keyFrame) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Frame f && f.keyFrame == keyFrame && Arrays.equals(f.data, data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return (keyFrame ? "key" : "inter") + "[" + data.length + " bytes, hash " + Integer.toHexString(hashCode()) + "]";
        }
    }

    /** Reads the coded video frames of {@code file} with {@link FlvReader}. */
    static FlvFrames read(Path file) throws IOException {
        List<Frame> frames = new ArrayList<>();
        try (FlvReader reader = FlvReader.open(file)) {
            for (Optional<FlvTag> tag = reader.next(); tag.isPresent(); tag = reader.next()) {
                if (tag.get().type() != FlvTagType.VIDEO || !tag.get().body().hasRemaining()) {
                    continue;
                }
                ByteBuffer body = tag.get().body();
                VideoTagHeader header = VideoTagHeader.parse(body);
                if (header.isSequenceHeader() || header.isSequenceEnd() || header.isCommandFrame()) {
                    continue;
                }
                ByteBuffer data = body.duplicate();
                data.position(data.position() + header.headerSize());
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                frames.add(new Frame(bytes, header.isKeyFrame()));
            }
        }
        return new FlvFrames(List.copyOf(frames));
    }

    int size() {
        return frames.size();
    }

    /**
     * Asserts that {@code received} is this (the published) sequence from some keyframe on, to the end: a player
     * that joins late starts at a keyframe of the source (the GOP cache), then gets every later frame in order.
     */
    void assertReceivedFromKeyFrameToEnd(FlvFrames received, String who) {
        assertThat(received.frames).as("%s received video frames", who).isNotEmpty();
        Frame first = received.frames.get(0);
        assertThat(first.keyFrame()).as("%s's first video frame is a keyframe", who).isTrue();
        int start = frames.indexOf(first);
        assertThat(start).as("%s's first frame %s is one of the published frames", who, first).isNotNegative();
        assertThat(received.frames)
                .as("%s's frames equal the published frames %d..%d, in order", who, start, frames.size() - 1)
                .containsExactlyElementsOf(frames.subList(start, frames.size()));
    }

    /** Asserts that {@code received} is exactly this sequence, from the first frame on. */
    void assertReceivedAll(FlvFrames received, String who) {
        assertThat(received.frames).as("%s's video frames equal all published frames", who).containsExactlyElementsOf(frames);
    }
}
