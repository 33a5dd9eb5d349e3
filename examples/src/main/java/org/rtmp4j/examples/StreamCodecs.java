package org.rtmp4j.examples;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.rtmp4j.flv.FlvFormatException;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.flv.media.AudioTagHeader;
import org.rtmp4j.flv.media.VideoTagHeader;

/**
 * What a decoder needs to know to go on decoding a stream: the video and audio codec names and their latest
 * sequence headers (the whole FLV tag body, FLV 10.1 §E.4.2 / §E.4.3, E-RTMP {@code SequenceStart}). Two
 * streams with equal {@code StreamCodecs} can be concatenated into one FLV file ({@link RecordMode#APPEND}).
 *
 * @param videoCodec the video codec name ({@link VideoTagHeader#codecName()}), or null without video
 * @param videoSequenceHeader the last video sequence header's tag body, read-only, or null if none was seen
 * @param audioCodec the audio codec name ({@link AudioTagHeader#codecName()}) with, for legacy formats without
 *     a sequence header, its rate, size and channel flags; or null without audio
 * @param audioSequenceHeader the last audio sequence header's tag body, read-only, or null if none was seen
 */
record StreamCodecs(String videoCodec, ByteBuffer videoSequenceHeader, String audioCodec, ByteBuffer audioSequenceHeader) {

    /**
     * Why {@code stream} cannot continue a file with these codecs.
     *
     * @param stream the new stream's codecs
     * @return empty when they match, else a reason such as {@code "video codec h264 in the file, hevc in the stream"}
     */
    Optional<String> mismatch(StreamCodecs stream) {
        if (!Objects.equals(videoCodec, stream.videoCodec)) {
            return Optional.of("video codec " + orNone(videoCodec) + " in the file, " + orNone(stream.videoCodec) + " in the stream");
        }
        if (!Objects.equals(audioCodec, stream.audioCodec)) {
            return Optional.of("audio codec " + orNone(audioCodec) + " in the file, " + orNone(stream.audioCodec) + " in the stream");
        }
        if (!Objects.equals(videoSequenceHeader, stream.videoSequenceHeader)) {
            return Optional.of("the " + videoCodec + " video sequence header (decoder configuration) differs");
        }
        if (!Objects.equals(audioSequenceHeader, stream.audioSequenceHeader)) {
            return Optional.of("the " + audioCodec + " audio sequence header (decoder configuration) differs");
        }
        return Optional.empty();
    }

    private static String orNone(String codec) {
        return codec == null ? "none" : codec;
    }

    /**
     * Reads a whole FLV file (sequentially, once) for the codecs in force at its end, and the interval between its
     * last two video (else audio) timestamps.
     *
     * @param file an FLV file
     * @return what the file ends with
     * @throws FlvFormatException if the file is not FLV (its header is not whole or not {@code FLV}); damage
     *     after the header ends the reading there
     * @throws IOException if the file cannot be read
     */
    static FileEnd ofFile(Path file) throws IOException {
        Tracker t = new Tracker();
        try (FlvReader reader = FlvReader.open(file)) {
            reader.header();
            try {
                for (Optional<FlvTag> tag = reader.next(); tag.isPresent(); tag = reader.next()) {
                    t.accept(tag.get().type(), tag.get().timestamp(), tag.get().body());
                }
            } catch (FlvFormatException damagedTail) {
                // FlvWriter.append cuts the tail off; the codecs are those of the whole tags before it
            }
        }
        return new FileEnd(t.codecs(), t.lastInterval());
    }

    /**
     * The codecs a file ends with and how far apart its last two frames were.
     *
     * @param codecs the codecs in force at the end of the file
     * @param lastIntervalMs the last positive difference between consecutive video timestamps (audio if the file
     *     has no video), in ms; 0 if there were not two distinct timestamps
     */
    record FileEnd(StreamCodecs codecs, long lastIntervalMs) {}

    /** Collects {@link StreamCodecs} from audio and video tag bodies in stream order. Not thread-safe. */
    static final class Tracker {
        private String videoCodec;
        private ByteBuffer videoSequenceHeader;
        private String audioCodec;
        private ByteBuffer audioSequenceHeader;
        private boolean videoFrame;
        private boolean audioFrame;
        private long lastVideoTs = -1;
        private long lastAudioTs = -1;
        private long videoInterval;
        private long audioInterval;

        /**
         * Takes one tag (script tags are ignored, as are bodies whose header does not parse).
         *
         * @param type the tag type
         * @param timestamp the tag timestamp, ms (unsigned 32-bit)
         * @param body the tag body (RTMP message payload); not consumed
         */
        void accept(FlvTagType type, int timestamp, ByteBuffer body) {
            long ts = Integer.toUnsignedLong(timestamp);
            try {
                if (type == FlvTagType.VIDEO) {
                    VideoTagHeader h = VideoTagHeader.parse(body.duplicate());
                    if (h.isCommandFrame()) {
                        return;
                    }
                    videoCodec = h.codecName();
                    if (h.isSequenceHeader()) {
                        videoSequenceHeader = copy(body);
                    } else if (!h.isSequenceEnd()) {
                        videoFrame = true;
                        videoInterval = ts > lastVideoTs && lastVideoTs >= 0 ? ts - lastVideoTs : videoInterval;
                        lastVideoTs = ts;
                    }
                } else if (type == FlvTagType.AUDIO) {
                    AudioTagHeader h = AudioTagHeader.parse(body.duplicate());
                    audioCodec = h.exHeader() || h.soundFormat() == AudioTagHeader.FORMAT_AAC ? h.codecName()
                            : h.codecName() + "/" + h.soundRate() + "/" + h.soundSize() + "/" + h.soundType();
                    if (h.isSequenceHeader()) {
                        audioSequenceHeader = copy(body);
                    } else {
                        audioFrame = true;
                        audioInterval = ts > lastAudioTs && lastAudioTs >= 0 ? ts - lastAudioTs : audioInterval;
                        lastAudioTs = ts;
                    }
                }
            } catch (FlvFormatException e) {
                // not a frame we can classify; it does not change the codecs
            }
        }

        /** Whether a coded frame (not a sequence header) of video arrived. */
        boolean videoFrame() {
            return videoFrame;
        }

        /** Whether a coded frame (not a sequence header) of audio arrived. */
        boolean audioFrame() {
            return audioFrame;
        }

        /** The codecs seen so far. */
        StreamCodecs codecs() {
            return new StreamCodecs(videoCodec, videoSequenceHeader, audioCodec, audioSequenceHeader);
        }

        long lastInterval() {
            return videoInterval > 0 ? videoInterval : audioInterval;
        }

        private static ByteBuffer copy(ByteBuffer body) {
            ByteBuffer b = ByteBuffer.allocate(body.remaining()).put(body.duplicate()).flip();
            return b.asReadOnlyBuffer();
        }
    }
}
