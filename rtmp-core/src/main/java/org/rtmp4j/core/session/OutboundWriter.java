package org.rtmp4j.core.session;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.rtmp4j.core.chunk.ChunkEncoder;
import org.rtmp4j.core.chunk.ChunkStreamIds;
import org.rtmp4j.core.chunk.RawMessage;
import org.rtmp4j.core.internal.EncodedMedia;
import org.rtmp4j.core.message.MessageCodec;
import org.rtmp4j.core.message.RtmpMessage;
import org.rtmp4j.core.message.SetChunkSize;

/**
 * The outbound half of an engine: encodes messages, chunks them on the chunk stream id for their
 * kind and hands the buffers to the {@link Transport}. Not thread-safe: connection thread only.
 *
 * <p>Shared media ({@link #writeEncoded}) runs once per player per relayed message, so it touches
 * only this object: the type-0 header it sent is not recorded in the {@link ChunkEncoder} at once
 * but kept here, one per chunk stream id (audio, video), and recorded just before the encoder next
 * chunks a message on that chunk stream id. The encoder's state is then what it would have been.
 */
final class OutboundWriter {
    private static final VarHandle BYTES_OUT;

    static {
        try {
            BYTES_OUT = MethodHandles.lookup().findVarHandle(OutboundWriter.class, "bytesOut", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Transport transport;
    private final ChunkEncoder encoder = new ChunkEncoder();
    /** The encoder's chunk size, readable from other threads (to pre-encode shared media there). */
    private volatile int chunkSizeHint = ChunkEncoder.DEFAULT_CHUNK_SIZE;
    /** The last shared audio message written and not yet recorded in the encoder, or null. */
    private RawMessage unrecordedAudio;
    /** The last shared video message written and not yet recorded in the encoder, or null. */
    private RawMessage unrecordedVideo;

    OutboundWriter(Transport transport) {
        this.transport = transport;
    }

    /** Writes raw bytes (handshake). */
    void writeRaw(ByteBuffer bytes) {
        if (bytes != null && bytes.hasRemaining()) {
            List<ByteBuffer> out = new ArrayList<>(1);
            out.add(bytes);
            count(out);
            transport.write(out);
        }
    }

    /** Encodes and writes {@code message} on the chunk stream id for its type. */
    void write(RtmpMessage message) {
        RawMessage raw = MessageCodec.encode(message);
        int chunkStreamId = chunkStreamIdFor(message);
        recordShared(chunkStreamId);
        List<ByteBuffer> out = new ArrayList<>(4);
        encoder.encode(raw, chunkStreamId, out);
        count(out);
        transport.write(out);
    }

    /**
     * Writes the shared chunks of {@code media} for message stream id {@code streamId} (type-0 first
     * header, so independent of this connection's history) and records that header in the encoder,
     * (lazily, see the class doc) so later messages on that chunk stream id compress against it. No
     * payload copy; allocates a buffer view.
     */
    void writeEncoded(EncodedMedia media, int streamId) {
        writeEncoded(media, streamId, 0);
    }

    /**
     * As {@link #writeEncoded(EncodedMedia, int)}, handing {@code holdNanos} to {@link
     * Transport#writeMedia(ByteBuffer, long)}: how long holdable audio may wait for this connection's
     * next write (0: not holdable).
     */
    void writeEncoded(EncodedMedia media, int streamId, long holdNanos) {
        EncodedMedia.Entry e = media.entry(chunkSizeHint, streamId);
        int chunkStreamId = media.chunkStreamId();
        if (chunkStreamId == ChunkStreamIds.VIDEO) {
            unrecordedVideo = e.raw();
        } else if (chunkStreamId == ChunkStreamIds.AUDIO) {
            unrecordedAudio = e.raw();
        } else {
            encoder.recordType0(e.raw(), chunkStreamId);
        }
        ByteBuffer chunks = e.chunks().duplicate();
        addBytesOut(chunks.remaining());
        if (holdNanos > 0) {
            transport.writeMedia(chunks, holdNanos);
        } else {
            transport.writeMedia(chunks);
        }
    }

    /** Records in the encoder the shared message last written on {@code chunkStreamId}, if any. */
    private void recordShared(int chunkStreamId) {
        if (chunkStreamId == ChunkStreamIds.VIDEO && unrecordedVideo != null) {
            encoder.recordType0(unrecordedVideo, chunkStreamId);
            unrecordedVideo = null;
        } else if (chunkStreamId == ChunkStreamIds.AUDIO && unrecordedAudio != null) {
            encoder.recordType0(unrecordedAudio, chunkStreamId);
            unrecordedAudio = null;
        }
    }

    /** Sends Set Chunk Size with the old size, then switches the encoder (RTMP 1.0 §5.4.1). */
    void changeChunkSize(int chunkSize) {
        write(new SetChunkSize(chunkSize));
        encoder.setChunkSize(chunkSize);
        chunkSizeHint = chunkSize;
    }

    /** @return the outgoing chunk size as last set; any thread (may be stale by one change) */
    int chunkSizeHint() {
        return chunkSizeHint;
    }

    /** @return the chunk stream id rtmp4j uses for {@code message}'s type (see {@link ChunkStreamIds}) */
    static int chunkStreamIdFor(RtmpMessage message) {
        switch (message.type()) {
            case SET_CHUNK_SIZE:
            case ABORT:
            case ACKNOWLEDGEMENT:
            case USER_CONTROL:
            case WINDOW_ACK_SIZE:
            case SET_PEER_BANDWIDTH:
                return ChunkStreamIds.CONTROL;
            case AUDIO:
                return ChunkStreamIds.AUDIO;
            case VIDEO:
            case AGGREGATE:
                return ChunkStreamIds.VIDEO;
            case DATA_AMF0:
            case DATA_AMF3:
                return ChunkStreamIds.DATA;
            default:
                return ChunkStreamIds.COMMAND;
        }
    }

    // ---------------------------------------------------------------- counters (SessionStats)

    private volatile long bytesOut; // single writer: the connection's thread

    /** @return bytes handed to the transport so far (any thread) */
    long bytesOut() {
        return bytesOut;
    }

    private void count(List<ByteBuffer> out) {
        long n = 0;
        for (int i = 0; i < out.size(); i++) {
            n += out.get(i).remaining();
        }
        addBytesOut(n);
    }

    /**
     * Single writer, so a release store suffices: readers still see whole, increasing values, and
     * the writer skips the full fence of a volatile store (once per player per relayed message).
     */
    private void addBytesOut(long n) {
        BYTES_OUT.setRelease(this, bytesOut + n);
    }
}
