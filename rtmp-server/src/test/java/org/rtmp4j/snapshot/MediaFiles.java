package org.rtmp4j.snapshot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.VideoMessage;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.flv.media.VideoTagHeader;
import org.rtmp4j.live.Ingest;

/** Publishes the repository's real FLV files ({@code rtmp4j.media.dir}) into an {@link Ingest}, tag by tag. */
final class MediaFiles {
    private MediaFiles() {}

    static Path h264Aac() {
        return Path.of(System.getProperty("rtmp4j.media.dir", "../media"), "h264-aac-avatar.flv");
    }

    /** Publishes audio and video tags of {@code file} until (and including) its {@code keyframes}-th video keyframe. */
    static void publishUntilKeyframe(Ingest ingest, Path file, int keyframes) throws IOException {
        int seen = 0;
        try (FlvReader r = FlvReader.open(file)) {
            for (Optional<FlvTag> t = r.next(); t.isPresent() && seen < keyframes; t = r.next()) {
                FlvTag tag = t.get();
                ByteBuffer body = copy(tag.body());
                if (tag.type() == FlvTagType.VIDEO) {
                    VideoTagHeader h = VideoTagHeader.parse(body);
                    if (h.isKeyFrame() && !h.isSequenceHeader()) {
                        seen++;
                    }
                    ingest.media(new VideoMessage(tag.timestamp(), 1, body));
                } else if (tag.type() == FlvTagType.AUDIO) {
                    ingest.media(new AudioMessage(tag.timestamp(), 1, body));
                }
            }
        }
    }

    private static ByteBuffer copy(ByteBuffer b) {
        ByteBuffer c = ByteBuffer.allocate(b.remaining());
        c.put(b.duplicate()).flip();
        return c;
    }
}
