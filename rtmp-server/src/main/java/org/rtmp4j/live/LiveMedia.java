package org.rtmp4j.live;

import java.nio.ByteBuffer;
import org.rtmp4j.core.internal.EncodedMedia;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;

/**
 * One published audio or video message as the hub relays it: classified once ({@link #kind()},
 * {@link #trackId()}) and encoded at most once per wire format, whatever the number of outputs
 * (DESIGN-NOTES.md, "The live hub"):
 *
 * <ul>
 *   <li>RTMP: chunks per (chunk size, chunk stream id, message stream id), made on first need and
 *       shared read-only by every RTMP player with those settings;</li>
 *   <li>FLV: one tag (11-byte tag header, body, 4-byte PreviousTagSize; FLV 10.1 §E.3, §E.4.1),
 *       made on first need and shared read-only by every FLV output ({@link #flvTag()}). Its
 *       timestamp is the published one, its StreamID 0.</li>
 *   <li>fMP4: the fragment this message flushed from the stream's one fMP4 encoding, if any
 *       ({@code fmp4()}), shared read-only by every fMP4 player.</li>
 * </ul>
 *
 * <p>Thread-safety: immutable apart from the encodings, each made exactly once under this object's
 * lock by the first thread that needs it (the fMP4 fragment: under the stream's lock, before the
 * message reaches any output); safe from any thread. The payload is never modified.
 */
public final class LiveMedia implements RelayEvent {
    private final MediaMessage message;
    private final MediaKind kind;
    private final int trackId;
    private final EncodedMedia rtmp;
    private volatile ByteBuffer flvTag;
    private volatile SharedFragment fmp4;
    /** Set once by the stream, before any output sees the message (published to outputs by their tasks' hand-off). */
    private long holdNanos;

    LiveMedia(MediaMessage message, MediaKind kind, int trackId) {
        this.message = message;
        this.kind = kind;
        this.trackId = trackId;
        this.rtmp = EncodedMedia.classified(message, traits(message, kind));
    }

    /**
     * Classifies {@code message} by its tag header (FLV 10.1 §E.4.2.1, §E.4.3.1; E-RTMP v2 ExHeader).
     *
     * @param message audio or video as published; its payload is shared, never copied
     * @return the classified message
     * @throws NullPointerException if {@code message} is null
     */
    public static LiveMedia of(MediaMessage message) {
        return MediaClassifier.liveMedia(message);
    }

    private static int traits(MediaMessage m, MediaKind kind) {
        return (m instanceof AudioMessage ? org.rtmp4j.core.internal.MediaClassifier.AUDIO : 0)
                | (kind.isSequenceHeader() ? org.rtmp4j.core.internal.MediaClassifier.SEQUENCE_HEADER : 0)
                | (kind == MediaKind.VIDEO_KEY_FRAME ? org.rtmp4j.core.internal.MediaClassifier.KEYFRAME : 0);
    }

    /** @return the message as published (its message stream id is the publisher's) */
    public MediaMessage message() {
        return message;
    }

    /** @return how the hub treats it: sequence header, keyframe, other frame, malformed video */
    public MediaKind kind() {
        return kind;
    }

    /** @return the E-RTMP Multitrack track id (the first track's for a multi-track message), else 0 */
    public int trackId() {
        return trackId;
    }

    /** @return the published timestamp, ms (RTMP 1.0 §5.3.1.2; 32 bits, compare as serial numbers) */
    public int timestamp() {
        return message.timestamp();
    }

    /** @return the payload size, bytes */
    public int size() {
        return message.size();
    }

    /**
     * The shared RTMP chunk encodings of this message, keyed by (chunk size, message stream id) and
     * made once per key for every RTMP output: players and push relays (engine detail, for RTMP
     * outputs). Any thread.
     *
     * @return the encodings
     */
    public EncodedMedia rtmp() {
        return rtmp;
    }

    /**
     * The FLV tag of this message: tag header, body and PreviousTagSize, built once for every FLV
     * output.
     *
     * @return a read-only view (position 0) of the shared bytes; moving its position affects no one
     * @throws IllegalArgumentException if the payload exceeds an FLV tag's DataSize (2^24 − 1 bytes)
     */
    public ByteBuffer flvTag() {
        ByteBuffer b = flvTag;
        if (b == null) {
            synchronized (this) {
                b = flvTag;
                if (b == null) {
                    FlvTagType type = message instanceof AudioMessage ? FlvTagType.AUDIO : FlvTagType.VIDEO;
                    b = FlvTags.encode(new FlvTag(type, message.timestamp(), message.payload()));
                    flvTag = b;
                }
            }
        }
        return b.duplicate();
    }

    /**
     * How long an output may hold this message back for its connection's next write (audio rides
     * with video, DESIGN-NOTES.md "Audio rides with video (issue 17)"): {@code min(LiveOptions.audioHoldMax,
     * the stream's video frame interval)} for audio that is not a sequence header while the stream
     * has video; 0 for everything else (video, sequence headers, audio-only streams, a message not
     * yet published through a stream). Any thread, once an output was handed the message.
     *
     * @return the hold in nanoseconds; 0 = not holdable
     */
    public long holdNanos() {
        return holdNanos;
    }

    /** Under the stream's lock, before any output can see this message. */
    void holdNanos(long nanos) {
        this.holdNanos = nanos;
    }

    /** @return the fMP4 fragment this message flushed (the samples before it), or {@code null} */
    SharedFragment fmp4() {
        return fmp4;
    }

    /** Under the stream's lock, before any output can see this message (or, priming, any fMP4 output). */
    void fmp4(SharedFragment fragment) {
        this.fmp4 = fragment;
    }

    @Override
    public String toString() {
        return "LiveMedia[" + kind + ", ts " + Integer.toUnsignedString(message.timestamp()) + ", " + message.size()
                + " bytes]";
    }
}
