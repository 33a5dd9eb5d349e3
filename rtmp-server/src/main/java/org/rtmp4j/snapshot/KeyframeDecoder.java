package org.rtmp4j.snapshot;

import java.util.List;

/**
 * Turns a stream's latest keyframe into a JPEG (ISO/IEC 10918-1, JFIF) of the stream's picture size.
 * The library has no decoder of its own; the {@code examples} module has one that runs in process
 * (JCodec, H.264) and one that runs an {@code ffmpeg} child process, chained with {@link #firstOf}.
 *
 * <p>Threading: {@link Snapshots} calls {@link #decode} on its own bounded pool, never on an event
 * loop, possibly for several streams at once, so an implementation must be thread-safe. It may block
 * for as long as it needs, but must give up promptly when its thread is interrupted: that is how a
 * timeout ({@link SnapshotOptions#timeout()}) cancels it. A decoder that ignores interrupts keeps its
 * pool thread until it returns; the pool is bounded, so it costs at most the pool.
 */
@FunctionalInterface
public interface KeyframeDecoder {
    /**
     * Decodes {@code sample}'s keyframe and encodes it as a JPEG.
     *
     * @param sample the keyframe and its sequence header
     * @return the JPEG file's bytes, not empty; owned by the caller from then on
     * @throws UnsupportedCodecException if this decoder cannot decode the codec, profile, chroma
     *     format or bit depth, or is not available (a chain tries the next one)
     * @throws DecodeException if decoding or encoding this keyframe failed
     * @throws InterruptedException if interrupted (the snapshot timed out or is being shut down)
     */
    byte[] decode(KeyframeSample sample) throws UnsupportedCodecException, DecodeException, InterruptedException;

    /**
     * A decoder that tries {@code decoders} in order: the first JPEG wins; a decoder that refuses
     * ({@link UnsupportedCodecException}) or fails ({@link DecodeException}) passes the keyframe to
     * the next. If every one refused, the chain refuses with their reasons; if any failed, it fails
     * with the last failure.
     *
     * @param decoders the decoders, tried in this order
     * @return the chain
     * @throws IllegalArgumentException if the list is empty
     * @throws NullPointerException if the list or an element is null
     */
    static KeyframeDecoder firstOf(List<KeyframeDecoder> decoders) {
        List<KeyframeDecoder> chain = List.copyOf(decoders);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("no decoders");
        }
        return sample -> {
            StringBuilder refusals = new StringBuilder();
            DecodeException failure = null;
            for (KeyframeDecoder d : chain) {
                try {
                    return d.decode(sample);
                } catch (UnsupportedCodecException e) {
                    refusals.append(refusals.length() == 0 ? "" : "; ").append(e.getMessage());
                } catch (DecodeException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw failure;
            }
            throw new UnsupportedCodecException(refusals.toString());
        };
    }
}
