package org.rtmp4j.flv.mp4;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One movie fragment written by {@link Fmp4Muxer}: a {@code moof} box followed by its
 * {@code mdat} (ISO/IEC 14496-12 §8.8.4, §8.1.1). A media segment (HLS, RFC 8216bis §3.1.2;
 * CMAF ISO/IEC 23000-19 §7.3.2) is the concatenation of one or more fragments after the init
 * segment of the same {@link Fmp4Muxer#initVersion()}.
 *
 * <p>Immutable as long as nobody writes to {@code bytes}; readers should use
 * {@code bytes().duplicate()}.
 *
 * @param bytes the moof+mdat bytes, position 0
 * @param sequenceNumber the {@code mfhd} sequence_number, counting from 1 per muxer
 * @param baseDecodeTimeMs the decode time of the first sample in ms on the muxer's 64-bit
 *     timeline, of the video track if the fragment has video samples, else of the audio track
 * @param durationMs the summed sample durations in ms of the same track (rounded down)
 * @param independent true if the first video sample is a sync sample (key frame) or the fragment
 *     has no video: a decoder can start here (HLS {@code INDEPENDENT=YES})
 */
public record Fmp4Fragment(ByteBuffer bytes, int sequenceNumber, long baseDecodeTimeMs,
        long durationMs, boolean independent) {

    /**
     * Checks the components.
     *
     * @param bytes the bytes
     * @param sequenceNumber the sequence number
     * @param baseDecodeTimeMs the base decode time
     * @param durationMs the duration
     * @param independent whether it starts with a sync sample
     * @throws NullPointerException if {@code bytes} is null
     */
    public Fmp4Fragment {
        Objects.requireNonNull(bytes, "bytes");
    }
}
