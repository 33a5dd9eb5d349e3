package org.rtmp4j.flv.ts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;

/** The repository's H.264/AAC file as tags, and small synthetic tags built from its sequence headers. */
final class TsTestMedia {
    private TsTestMedia() {}

    static List<FlvTag> avatar() {
        Path file = Path.of(System.getProperty("rtmp4j.media.dir", "../media"), "h264-aac-avatar.flv");
        List<FlvTag> tags = new ArrayList<>();
        try (FlvReader reader = FlvReader.open(file)) {
            for (Optional<FlvTag> t = reader.next(); t.isPresent(); t = reader.next()) {
                tags.add(t.get());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tags;
    }

    /** The file's AVC sequence header (legacy, AVCPacketType 0). */
    static FlvTag avcSequenceHeader(int timestamp) {
        return retime(avatar().stream().filter(t -> t.type() == FlvTagType.VIDEO && (t.body().get(t.body().position() + 1)) == 0)
                .findFirst().orElseThrow(), timestamp);
    }

    /** The file's AAC sequence header (AudioSpecificConfig 0x12 0x10: LC, 44.1 kHz, stereo). */
    static FlvTag aacSequenceHeader(int timestamp) {
        return tag(FlvTagType.AUDIO, timestamp, 0xAF, 0x00, 0x12, 0x10);
    }

    /** A legacy AVC coded frame with one 4-byte-length NAL unit of {@code nal}. */
    static FlvTag avcFrame(int timestamp, boolean key, int compositionTime, int... nal) {
        int[] body = new int[5 + 4 + nal.length];
        body[0] = key ? 0x17 : 0x27;
        body[1] = 1;
        body[2] = compositionTime >> 16 & 0xFF;
        body[3] = compositionTime >> 8 & 0xFF;
        body[4] = compositionTime & 0xFF;
        body[8] = nal.length;
        System.arraycopy(nal, 0, body, 9, nal.length);
        return tag(FlvTagType.VIDEO, timestamp, body);
    }

    /** A legacy raw AAC frame. */
    static FlvTag aacFrame(int timestamp, int... raw) {
        int[] body = new int[2 + raw.length];
        body[0] = 0xAF;
        body[1] = 1;
        System.arraycopy(raw, 0, body, 2, raw.length);
        return tag(FlvTagType.AUDIO, timestamp, body);
    }

    static FlvTag tag(FlvTagType type, int timestamp, int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return new FlvTag(type, timestamp, ByteBuffer.wrap(b));
    }

    static FlvTag retime(FlvTag t, int timestamp) {
        return new FlvTag(t.type(), timestamp, t.body());
    }
}
