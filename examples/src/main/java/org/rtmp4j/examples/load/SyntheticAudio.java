package org.rtmp4j.examples.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;

/**
 * Real AAC-LC audio for the load tool, looped: 44.1 kHz stereo, about 128 kbit/s, 1024 samples per frame
 * (43.07 frames/s). The frames and the AudioSpecificConfig (ISO 14496-3 §1.6.2.1) come from a 3-second
 * audio-only FLV resource ({@value #RESOURCE}, encoded once from {@code media/h264-aac-avatar.flv}, see
 * {@code media/README.md}), in the FLV form (FLV 10.1 §E.4.2.1: {@code 0xAF}, AACPacketType 0 sequence header
 * or 1 raw frame). A decoder accepts them; they cannot carry a send time, so players map their timestamps back
 * to send times through {@link AudioSendTimes}.
 *
 * <p>Timestamps come from the sample count, {@code floor(index × 1024 × 1000 / 44100)} ms, so they never
 * drift however long the stream runs. Thread-safety: immutable (every call returns fresh buffers).
 */
final class SyntheticAudio {
    /** The resource with the frames, relative to this class. */
    static final String RESOURCE = "aac-lc-44100-stereo-128k.flv";
    /** Samples per second. */
    static final int SAMPLE_RATE = 44_100;
    /** Samples per AAC-LC frame. */
    static final int SAMPLES_PER_FRAME = 1024;

    private static final SyntheticAudio LOOP = load();

    private final byte[] sequenceHeader;
    private final List<byte[]> frames;
    private final long totalFrameBytes;

    private SyntheticAudio(byte[] sequenceHeader, List<byte[]> frames) {
        this.sequenceHeader = sequenceHeader;
        this.frames = frames;
        long sum = 0;
        for (byte[] f : frames) {
            sum += f.length;
        }
        this.totalFrameBytes = sum;
    }

    /** @return the looped AAC of {@value #RESOURCE} */
    static SyntheticAudio aac() {
        return LOOP;
    }

    /**
     * @param index audio frame number from 0
     * @return its timestamp in ms: the start of its first sample, rounded down
     */
    static long timestampMs(long index) {
        return index * SAMPLES_PER_FRAME * 1000 / SAMPLE_RATE;
    }

    /**
     * The inverse of {@link #timestampMs}: frames are more than 1 ms apart, so each timestamp belongs to at most one
     * frame.
     *
     * @param timestampMs a timestamp in ms, &gt;= 0
     * @return the number of the frame with that timestamp, or -1 if no frame has it
     */
    static long frameIndex(long timestampMs) {
        long scaled = timestampMs * SAMPLE_RATE;
        long index = (scaled + SAMPLES_PER_FRAME * 1000L - 1) / (SAMPLES_PER_FRAME * 1000L);
        return timestampMs(index) == timestampMs ? index : -1;
    }

    /** @return frames in the loop */
    int frameCount() {
        return frames.size();
    }

    /** @return the mean audio tag body bytes per second over the loop (2-byte tag header included) */
    double bytesPerSecond() {
        return (double) totalFrameBytes / frames.size() * SAMPLE_RATE / SAMPLES_PER_FRAME;
    }

    /** @return the AAC sequence header (AudioSpecificConfig) at timestamp 0 */
    AudioMessage sequenceHeader() {
        return new AudioMessage(0, 0, ByteBuffer.wrap(sequenceHeader).asReadOnlyBuffer());
    }

    /**
     * @param index audio frame number from 0; the loop repeats every {@link #frameCount()} frames
     * @return the frame body (tag header and raw AAC), timestamp {@link #timestampMs(long) timestampMs(index)}
     */
    AudioMessage frame(long index) {
        byte[] body = frames.get((int) (index % frames.size()));
        return new AudioMessage((int) timestampMs(index), 0, ByteBuffer.wrap(body).asReadOnlyBuffer());
    }

    /**
     * @param index audio frame number from 0
     * @return the body bytes of that frame
     */
    int frameBytes(long index) {
        return frames.get((int) (index % frames.size())).length;
    }

    /**
     * @param payload an audio tag body (not moved)
     * @return whether it is a raw AAC frame (SoundFormat 10, AACPacketType 1), not a sequence header
     */
    static boolean isAacFrame(ByteBuffer payload) {
        int p = payload.position();
        return payload.remaining() >= 2 && (payload.get(p) & 0xF0) == 0xA0 && payload.get(p + 1) == 1;
    }

    private static SyntheticAudio load() {
        try (InputStream in = SyntheticAudio.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing class path resource " + RESOURCE);
            }
            return parse(new FlvReader(Channels.newChannel(in)));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
    }

    private static SyntheticAudio parse(FlvReader reader) throws IOException {
        byte[] header = null;
        List<byte[]> frames = new ArrayList<>();
        Optional<FlvTag> t;
        while ((t = reader.next()).isPresent()) {
            FlvTag tag = t.get();
            if (tag.type() != FlvTagType.AUDIO) {
                continue;
            }
            byte[] body = new byte[tag.body().remaining()];
            tag.body().duplicate().get(body);
            if (body.length < 2 || (body[0] & 0xF0) != 0xA0) {
                throw new IOException(RESOURCE + ": audio tag at " + tag.timestamp() + " ms is not AAC");
            }
            if (body[1] == 0) {
                header = body;
            } else {
                frames.add(body);
            }
        }
        if (header == null || frames.isEmpty()) {
            throw new IOException(RESOURCE + ": no AAC sequence header or no frames");
        }
        return new SyntheticAudio(header, List.copyOf(frames));
    }
}
