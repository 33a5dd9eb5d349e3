package org.rtmp4j.snapshot;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;

/**
 * The answer of {@link Snapshots#snapshot}: a JPEG, or why there is none.
 */
public sealed interface SnapshotResult permits SnapshotResult.Image, SnapshotResult.Unavailable {

    /**
     * A decoded keyframe.
     *
     * @param jpeg the JPEG file; shared by every request until the next decode, never modified
     * @param codec the stream's codec ({@link KeyframeSample#codec()})
     * @param timestamp the keyframe's timestamp, ms
     * @param decodeTime how long the decoder took
     */
    record Image(byte[] jpeg, String codec, int timestamp, Duration decodeTime) implements SnapshotResult {
        /** @throws NullPointerException if an object argument is null */
        public Image {
            Objects.requireNonNull(jpeg, "jpeg");
            Objects.requireNonNull(codec, "codec");
            Objects.requireNonNull(decodeTime, "decodeTime");
        }

        /** @return a read-only view of {@link #jpeg()}, for a response body */
        public ByteBuffer body() {
            return ByteBuffer.wrap(jpeg).asReadOnlyBuffer();
        }
    }

    /**
     * No image.
     *
     * @param reason why, with its HTTP status
     * @param detail a human-readable explanation (the decoder's message)
     */
    record Unavailable(Reason reason, String detail) implements SnapshotResult {
        /** @throws NullPointerException if an argument is null */
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Why there is no image, and the HTTP status (RFC 9110 §15) {@link SnapshotHandler} answers. */
    enum Reason {
        /** The stream is not live or has had no video keyframe yet: 404. */
        NO_KEYFRAME(404),
        /** No decoder can decode the stream's codec: 503. */
        UNSUPPORTED_CODEC(503),
        /** The decoder failed on this keyframe: 500. */
        DECODE_FAILED(500),
        /** The decode took longer than {@link SnapshotOptions#timeout()} and was cancelled: 503. */
        TIMED_OUT(503),
        /** The decode pool and its queue are full ({@link SnapshotOptions#maxQueued()}): 503. */
        BUSY(503);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        /** @return the HTTP status code */
        public int httpStatus() {
            return status;
        }
    }
}
