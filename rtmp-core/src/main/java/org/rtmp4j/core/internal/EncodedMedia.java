package org.rtmp4j.core.internal;

import java.nio.ByteBuffer;
import org.rtmp4j.core.chunk.ChunkEncoder;
import org.rtmp4j.core.chunk.ChunkStreamIds;
import org.rtmp4j.core.chunk.RawMessage;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.MessageCodec;

/**
 * One media message chunked once per distinct (chunk size, chunk stream id, message stream id) and
 * shared read-only by every player with those settings: "encode once, write many" (DESIGN-NOTES.md,
 * "Merged writes"). A relay makes one per published message and hands it to every RTMP player ({@link FanoutTarget}).
 *
 * <p>Each encoding is {@link ChunkEncoder#encodeStandalone(RawMessage, int, int, ByteBuffer)}: a
 * type-0 first chunk with the absolute timestamp, then type-3 continuation chunks repeating the
 * extended timestamp when it is used (RTMP 1.0 §5.3.1.2, §5.3.1.3). The bytes therefore do not
 * depend on what a player received before; a player's own encoder is told with {@link
 * ChunkEncoder#recordType0} so its later messages on that chunk stream id compress against them.
 * The chunk stream id follows the message type: {@link ChunkStreamIds#AUDIO} for audio, {@link
 * ChunkStreamIds#VIDEO} for video, as the engines send them.
 *
 * <p>Memory: one encoded buffer per distinct key, {@link ChunkEncoder#standaloneLength} bytes
 * (payload plus 12..18 bytes of first header plus 1..7 bytes per further chunk), direct by default
 * so that socket writes to N players do not copy it N times into temporary direct buffers. It is
 * freed by the GC once the last write queue lets go; no reference counting. Players normally share
 * one key (the server's chunk size, message stream id 1), so a message is chunked once; a player
 * with another chunk size or message stream id adds a second entry.
 *
 * <p>Thread-safety: safe from any thread. Look-ups are lock-free (a volatile array scanned in
 * order, so the common single key is found at index 0); a missing key is encoded under this
 * object's lock, exactly once per key, by the first thread that needs it.
 */
public final class EncodedMedia {
    /**
     * One encoding: the key, the raw message with that message stream id and its chunks.
     *
     * @param chunkSize the outgoing chunk size it was chunked with, bytes
     * @param streamId the message stream id it carries
     * @param raw the encoded message (header fields and shared payload)
     * @param chunks the read-only chunks; duplicate before moving its position
     */
    public record Entry(int chunkSize, int streamId, RawMessage raw, ByteBuffer chunks) {}

    private static final Entry[] NONE = new Entry[0];

    private final MediaMessage media;
    private final int chunkStreamId;
    private final int traits;
    private final boolean direct;
    private volatile Entry[] entries = NONE;

    private EncodedMedia(MediaMessage media, boolean direct) {
        this(media, MediaClassifier.traits(media), direct);
    }

    private EncodedMedia(MediaMessage media, int traits, boolean direct) {
        if (media == null) {
            throw new NullPointerException("media");
        }
        this.media = media;
        this.chunkStreamId = media instanceof AudioMessage ? ChunkStreamIds.AUDIO : ChunkStreamIds.VIDEO;
        this.traits = traits;
        this.direct = direct;
    }

    /**
     * Wraps {@code media} for sharing; nothing is encoded until a player needs it. Encodings go
     * into direct buffers.
     *
     * @param media the message as published; its payload is shared, never modified
     * @return a new, empty cache
     * @throws NullPointerException if {@code media} is null
     */
    public static EncodedMedia of(MediaMessage media) {
        return new EncodedMedia(media, true);
    }

    /**
     * Wraps {@code media} for sharing, choosing where encodings go.
     *
     * @param media the message as published; its payload is shared, never modified
     * @param direct {@code true} for direct buffers (no per-write copy by the JDK), {@code false}
     *     for heap buffers
     * @return a new, empty cache
     * @throws NullPointerException if {@code media} is null
     */
    public static EncodedMedia of(MediaMessage media, boolean direct) {
        return new EncodedMedia(media, direct);
    }

    /**
     * Wraps {@code media} whose classification the caller already made (the live relay classifies
     * each published message once, with rtmp-flv's tag parsers), so it is not read again here.
     * Encodings go into direct buffers.
     *
     * @param media the message as published; its payload is shared, never modified
     * @param traits its {@link MediaClassifier#AUDIO}, {@link MediaClassifier#SEQUENCE_HEADER} and
     *     {@link MediaClassifier#KEYFRAME} bits
     * @return a new, empty cache
     * @throws NullPointerException if {@code media} is null
     */
    public static EncodedMedia classified(MediaMessage media, int traits) {
        return new EncodedMedia(media, traits, true);
    }

    /** @return the message as published (its own message stream id is not used for encoding) */
    public MediaMessage media() {
        return media;
    }

    /** @return the chunk stream id the encodings use: 4 for audio, 6 for video */
    public int chunkStreamId() {
        return chunkStreamId;
    }

    /**
     * The chunks for a connection with outgoing {@code chunkSize} and a player on {@code
     * messageStreamId}, encoding them first if no thread has yet.
     *
     * @param chunkSize the connection's outgoing chunk size, 1..2147483647 bytes
     * @param messageStreamId the player's message stream id
     * @return a read-only view (position 0) of the shared bytes; moving its position affects no one
     * @throws IllegalArgumentException on a chunk size below 1
     */
    public ByteBuffer chunks(int chunkSize, int messageStreamId) {
        return entry(chunkSize, messageStreamId).chunks().duplicate();
    }

    /** @return the message's {@link MediaClassifier#traits}, classified once for every player */
    public int traits() {
        return traits;
    }

    /** @return how many distinct keys have been encoded so far (each exactly once) */
    public int encodings() {
        return entries.length;
    }

    /**
     * @param chunkSize the connection's outgoing chunk size, bytes
     * @param messageStreamId the player's message stream id
     * @return the encoding for the key, made now if missing; its buffer must be duplicated before use
     */
    public Entry entry(int chunkSize, int messageStreamId) {
        Entry[] current = entries;
        for (Entry e : current) {
            if (e.chunkSize == chunkSize && e.streamId == messageStreamId) {
                return e;
            }
        }
        return encode(chunkSize, messageStreamId);
    }

    private synchronized Entry encode(int chunkSize, int messageStreamId) {
        Entry[] current = entries;
        for (Entry e : current) {
            if (e.chunkSize == chunkSize && e.streamId == messageStreamId) {
                return e;
            }
        }
        RawMessage raw = MessageCodec.encode(media.streamId() == messageStreamId ? media
                : media.withStreamId(messageStreamId));
        int length = ChunkEncoder.standaloneLength(raw, chunkStreamId, chunkSize);
        ByteBuffer chunks = direct ? ByteBuffer.allocateDirect(length) : ByteBuffer.allocate(length);
        ChunkEncoder.encodeStandalone(raw, chunkStreamId, chunkSize, chunks);
        Entry e = new Entry(chunkSize, messageStreamId, raw, chunks.flip().asReadOnlyBuffer());
        Entry[] next = new Entry[current.length + 1];
        System.arraycopy(current, 0, next, 0, current.length);
        next[current.length] = e;
        entries = next;
        return e;
    }

    @Override
    public String toString() {
        return "EncodedMedia[" + media.type() + ", ts " + Integer.toUnsignedString(media.timestamp()) + ", "
                + media.size() + " bytes, " + entries.length + " encodings]";
    }
}
