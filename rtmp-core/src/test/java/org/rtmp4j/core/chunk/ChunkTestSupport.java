package org.rtmp4j.core.chunk;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Helpers shared by the chunk tests: building messages and feeding decoders in pieces. */
final class ChunkTestSupport {
    private ChunkTestSupport() {}

    static RawMessage message(int typeId, int timestamp, int streamId, int length, long seed) {
        byte[] body = new byte[length];
        new Random(seed).nextBytes(body);
        return new RawMessage(typeId, timestamp, streamId, ByteBuffer.wrap(body).asReadOnlyBuffer());
    }

    static RawMessage message(int typeId, int timestamp, int streamId, byte... body) {
        return new RawMessage(typeId, timestamp, streamId, ByteBuffer.wrap(body).asReadOnlyBuffer());
    }

    static RawMessage setChunkSize(int size) {
        return new RawMessage(1, 0, 0, ByteBuffer.allocate(4).putInt(0, size).asReadOnlyBuffer());
    }

    static RawMessage abort(int chunkStreamId) {
        return new RawMessage(2, 0, 0, ByteBuffer.allocate(4).putInt(0, chunkStreamId).asReadOnlyBuffer());
    }

    /** Concatenates buffers (without moving their positions). */
    static byte[] concat(List<ByteBuffer> buffers) {
        int total = 0;
        for (ByteBuffer b : buffers) {
            total += b.remaining();
        }
        byte[] out = new byte[total];
        int p = 0;
        for (ByteBuffer b : buffers) {
            b.get(b.position(), out, p, b.remaining());
            p += b.remaining();
        }
        return out;
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] join(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p, 0, p.length);
        }
        return out.toByteArray();
    }

    static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }

    /** Decodes all of {@code data} in one call. */
    static List<RawMessage> decodeWhole(ChunkDecoder decoder, byte[] data) {
        List<RawMessage> out = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(data);
        decoder.decode(in, out::add);
        if (in.hasRemaining()) {
            throw new AssertionError("decoder left " + in.remaining() + " bytes");
        }
        return out;
    }

    /** Decodes {@code data} one byte per call, moving the limit of one buffer (no allocation per byte). */
    static List<RawMessage> decodeByteAtATime(ChunkDecoder decoder, byte[] data) {
        List<RawMessage> out = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(data);
        for (int i = 0; i < data.length; i++) {
            in.limit(i + 1);
            decoder.decode(in, out::add);
            if (in.position() != i + 1) {
                throw new AssertionError("decoder did not consume byte " + i);
            }
        }
        return out;
    }

    /** Decodes {@code data} in random pieces of 1..maxPiece bytes, each in a fresh buffer. */
    static List<RawMessage> decodeRandomSplits(ChunkDecoder decoder, byte[] data, long seed, int maxPiece) {
        List<RawMessage> out = new ArrayList<>();
        Random random = new Random(seed);
        int i = 0;
        while (i < data.length) {
            int n = Math.min(data.length - i, 1 + random.nextInt(maxPiece));
            ByteBuffer piece = ByteBuffer.allocate(n).put(data, i, n).flip();
            decoder.decode(piece, out::add);
            if (piece.hasRemaining()) {
                throw new AssertionError("decoder left bytes of a piece");
            }
            i += n;
        }
        return out;
    }

    static ChunkDecoder decoder() {
        return new ChunkDecoder(ChunkLimits.DEFAULT);
    }
}
