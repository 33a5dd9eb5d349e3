package org.rtmp4j.core.session;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.rtmp4j.core.chunk.ChunkEncoder;
import org.rtmp4j.core.chunk.ChunkStreamIds;
import org.rtmp4j.core.chunk.RawMessage;
import org.rtmp4j.core.message.MessageCodec;
import org.rtmp4j.core.message.RtmpMessage;
import org.rtmp4j.core.message.SetChunkSize;

/**
 * The outbound half of an engine: encodes messages, chunks them on the chunk stream id for their
 * kind and hands the buffers to the {@link Transport}. Not thread-safe: connection thread only.
 */
final class OutboundWriter {
    private final Transport transport;
    private final ChunkEncoder encoder = new ChunkEncoder();
    /** The encoder's chunk size, readable from other threads (to pre-encode shared media there). */
    private volatile int chunkSizeHint = ChunkEncoder.DEFAULT_CHUNK_SIZE;

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
        List<ByteBuffer> out = new ArrayList<>(4);
        encoder.encode(raw, chunkStreamIdFor(message), out);
        count(out);
        transport.write(out);
    }

    /**
     * Writes the shared chunks of {@code media} for message stream id {@code streamId} (type-0 first
     * header, so independent of this connection's history) and records that header in the encoder,
     * so later messages on that chunk stream id compress against it. No payload copy; allocates a
     * buffer view.
     */
    void writeEncoded(EncodedMedia media, int streamId) {
        EncodedMedia.Entry e = media.entry(encoder.chunkSize(), streamId);
        encoder.recordType0(e.raw(), media.chunkStreamId());
        ByteBuffer chunks = e.chunks().duplicate();
        bytesOut += chunks.remaining();
        transport.write(chunks);
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

    int chunkSize() {
        return encoder.chunkSize();
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
        bytesOut += n;
    }
}
