package org.rtmp4j.examples;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.flv.codec.MediaInfo;
import org.rtmp4j.flv.codec.MediaInfoCollector;
import org.rtmp4j.flv.media.VideoTagHeader;
import org.rtmp4j.live.StreamKey;
import org.rtmp4j.snapshot.KeyframeSample;

/** Keyframe samples cut from the repository's FLV files, as the snapshot tap would hand them to a decoder. */
final class KeyframeSamples {
    private KeyframeSamples() {}

    /** The {@code n}-th (1-based) video keyframe of {@code file} with the sequence header before it. */
    static KeyframeSample keyframe(Path file, int n) throws IOException {
        MediaInfoCollector info = new MediaInfoCollector();
        ByteBuffer sequenceHeader = ByteBuffer.allocate(0);
        int seen = 0;
        try (FlvReader r = FlvReader.open(file)) {
            for (Optional<FlvTag> t = r.next(); t.isPresent(); t = r.next()) {
                FlvTag tag = t.get();
                if (tag.type() != FlvTagType.VIDEO) {
                    continue;
                }
                ByteBuffer body = copy(tag.body());
                info.acceptVideo(body);
                VideoTagHeader h = VideoTagHeader.parse(body);
                if (h.isSequenceHeader()) {
                    sequenceHeader = body;
                } else if (h.isKeyFrame() && ++seen == n) {
                    MediaInfo m = info.mediaInfo();
                    return new KeyframeSample(new StreamKey("live", file.getFileName().toString()), m.videoCodec(),
                            m.width(), m.height(), tag.timestamp(), sequenceHeader, body);
                }
            }
        }
        throw new AssertionError(file + " has fewer than " + n + " keyframes");
    }

    /** {@code sample} with its coded bytes after the first {@code keep} of the keyframe's tag body replaced by 0x5A. */
    static KeyframeSample corrupted(KeyframeSample sample, int keep) {
        ByteBuffer k = copy(sample.keyframe());
        for (int i = keep; i < k.limit(); i++) {
            k.put(i, (byte) 0x5A);
        }
        return new KeyframeSample(sample.key(), sample.codec(), sample.width(), sample.height(), sample.timestamp(),
                sample.sequenceHeader(), k);
    }

    static ByteBuffer copy(ByteBuffer b) {
        ByteBuffer c = ByteBuffer.allocate(b.remaining());
        c.put(b.duplicate()).flip();
        return c;
    }
}
