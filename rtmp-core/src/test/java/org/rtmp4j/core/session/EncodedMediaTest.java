package org.rtmp4j.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.core.chunk.ChunkEncoder;
import org.rtmp4j.core.chunk.ChunkStreamIds;
import org.rtmp4j.core.internal.EncodedMedia;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.MessageCodec;
import org.rtmp4j.core.message.VideoMessage;

@Timeout(10)
class EncodedMediaTest {

    private static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    @Test
    void chunksAreTheStandaloneEncodingForTheKeyInADirectReadOnlyBuffer() {
        MediaMessage key = Media.keyframe(1234, 10_000);
        EncodedMedia e = EncodedMedia.of(key);

        ByteBuffer chunks = e.chunks(4096, 1);

        assertThat(chunks.isDirect()).isTrue();
        assertThat(chunks.isReadOnly()).isTrue();
        assertThat(e.chunkStreamId()).isEqualTo(ChunkStreamIds.VIDEO);
        assertThat(bytes(chunks)).isEqualTo(bytes(ChunkEncoder.encodeStandalone(MessageCodec.encode(key), 6, 4096)));
        // type-0 basic header on csid 6, absolute timestamp 1234, length 10000, type 9, stream id 1 LE
        assertThat(chunks.get(0)).isEqualTo((byte) 0x06);
        assertThat(chunks.getInt(0) & 0xFFFFFF).isEqualTo(1234);
        assertThat(chunks.get(7)).isEqualTo((byte) 9);
        assertThat(chunks.order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(8)).isEqualTo(1);
        // 3 chunks: 12 + 4096 + 1 + 4096 + 1 + 1808
        assertThat(chunks.remaining()).isEqualTo(12 + 10_000 + 2);
        assertThat(chunks.get(12 + 4096)).isEqualTo((byte) 0xC6);
    }

    @Test
    void aKeyIsEncodedOnceAndEachDistinctKeyOnce() {
        EncodedMedia e = EncodedMedia.of(Media.audio(40, 300));

        ByteBuffer a = e.entry(4096, 1).chunks();
        ByteBuffer b = e.entry(4096, 1).chunks();
        assertThat(b).isSameAs(a);
        assertThat(e.encodings()).isEqualTo(1);

        ByteBuffer other = e.entry(4096, 2).chunks();
        ByteBuffer small = e.entry(128, 1).chunks();
        assertThat(e.encodings()).isEqualTo(3);
        assertThat(e.entry(4096, 2).chunks()).isSameAs(other);
        assertThat(e.entry(128, 1).chunks()).isSameAs(small);
        assertThat(e.entry(4096, 1).chunks()).isSameAs(a);
        assertThat(e.encodings()).isEqualTo(3);
        assertThat(e.chunkStreamId()).isEqualTo(ChunkStreamIds.AUDIO);
        // the message stream id is in the type-0 header: bytes 8..11, little-endian
        assertThat(other.get(8)).isEqualTo((byte) 2);
        assertThat(a.get(8)).isEqualTo((byte) 1);
        // chunk size 128: 300 bytes in 3 chunks
        assertThat(small.remaining()).isEqualTo(12 + 300 + 2);
    }

    @Test
    void viewsAreIndependent() {
        EncodedMedia e = EncodedMedia.of(Media.audio(0, 10), false);
        ByteBuffer first = e.chunks(4096, 1);
        first.position(first.limit());
        ByteBuffer second = e.chunks(4096, 1);
        assertThat(second.position()).isZero();
        assertThat(second.remaining()).isEqualTo(22);
        assertThat(second.isDirect()).isFalse();
    }

    @Test
    void extendedTimestampsAreRepeatedOnEveryContinuationChunk() {
        VideoMessage late = Media.keyframe(0x01000010, 300);
        ByteBuffer chunks = EncodedMedia.of(late).chunks(128, 1);

        // first: 1 + 11 + 4 extended, then per continuation 1 + 4
        assertThat(chunks.remaining()).isEqualTo(16 + 128 + 5 + 128 + 5 + 44);
        assertThat(chunks.getInt(0) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        assertThat(chunks.getInt(12)).isEqualTo(0x01000010);
        assertThat(chunks.get(16 + 128)).isEqualTo((byte) 0xC6);
        assertThat(chunks.getInt(16 + 128 + 1)).isEqualTo(0x01000010);
        assertThat(chunks.getInt(16 + 128 + 5 + 128 + 1)).isEqualTo(0x01000010);
    }

    @Test
    void threadsRacingForOneKeyEncodeItOnce() throws Exception {
        EncodedMedia e = EncodedMedia.of(Media.keyframe(0, 100_000));
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<ByteBuffer>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            CompletableFuture<ByteBuffer> f = new CompletableFuture<>();
            results.add(f);
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    f.complete(e.entry(4096, 1).chunks());
                } catch (Throwable x) {
                    f.completeExceptionally(x);
                }
            });
            t.start();
        }
        start.countDown();
        ByteBuffer first = results.get(0).get(5, TimeUnit.SECONDS);
        for (CompletableFuture<ByteBuffer> f : results) {
            assertThat(f.get(5, TimeUnit.SECONDS)).isSameAs(first);
        }
        assertThat(e.encodings()).isEqualTo(1);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> EncodedMedia.of(null)).isInstanceOf(NullPointerException.class);
        EncodedMedia e = EncodedMedia.of(Media.audio(0, 10));
        assertThatThrownBy(() -> e.chunks(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(e.encodings()).isZero();
    }

    @Test
    void encodeStandaloneIntoADestinationChecksRoom() {
        var raw = MessageCodec.encode(Media.audio(0, 10));
        assertThat(ChunkEncoder.standaloneLength(raw, 4, 4096)).isEqualTo(22);
        ByteBuffer tooSmall = ByteBuffer.allocate(21);
        assertThatThrownBy(() -> ChunkEncoder.encodeStandalone(raw, 4, 4096, tooSmall))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("21 bytes remaining, 22 needed");
        assertThat(tooSmall.position()).isZero();
        ByteBuffer room = ByteBuffer.allocateDirect(30).position(3);
        ChunkEncoder.encodeStandalone(raw, 4, 4096, room);
        assertThat(room.position()).isEqualTo(25);
        assertThat(raw.payload().position()).isZero();
    }
}
