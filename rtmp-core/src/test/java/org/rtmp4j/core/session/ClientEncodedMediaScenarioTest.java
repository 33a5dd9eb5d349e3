package org.rtmp4j.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rtmp4j.core.chunk.ChunkDecoder;
import org.rtmp4j.core.chunk.ChunkLimits;
import org.rtmp4j.core.chunk.RawMessage;
import org.rtmp4j.core.internal.EncodedMedia;
import org.rtmp4j.core.message.MediaMessage;

/**
 * A publishing client fed shared pre-encoded chunks ({@link ClientConnection#sendEncoded}, what a push relay
 * writes) against the same client calling {@link ClientConnection#sendMedia}: the wires decode to the same
 * messages, the server engine receives every message, and one encoding serves many connections.
 */
@Timeout(20)
class ClientEncodedMediaScenarioTest {

    /** A stream with metadata, audio/video interleaving, a chunk size change and extended timestamps. */
    private static void publishScript(RtmpPair pair, int streamId, BiConsumer<Integer, MediaMessage> send,
            List<MediaMessage> sent) {
        List<MediaMessage> first = List.of(Media.videoSequenceHeader(), Media.audioSequenceHeader(),
                Media.keyframe(0, 10_000), Media.audio(0, 300), Media.audio(23, 300), Media.interFrame(40, 5_000),
                Media.audio(46, 300), Media.interFrame(80, 5_000), Media.interFrame(120, 5_000));
        List<MediaMessage> small = List.of(Media.keyframe(160, 3_000), Media.audio(160, 300),
                Media.interFrame(200, 777), Media.interFrame(240, 777));
        List<MediaMessage> extended = List.of(Media.keyframe(0xFFFFF0, 2_000), Media.audio(0xFFFFF5, 300),
                Media.interFrame(0xFFFFFF, 1_500), Media.interFrame(0x01000027, 1_500), Media.audio(0x01000030, 300),
                Media.keyframe(0x7FFFFFF0, 4_000), Media.interFrame(0x80000010, 700));
        pair.client.sendMetadata(streamId, Map.of("width", 640.0, "height", 360.0));
        for (MediaMessage m : first) {
            send.accept(streamId, m);
            sent.add(m);
        }
        pair.client.setChunkSize(1000);
        for (MediaMessage m : small) {
            send.accept(streamId, m);
            sent.add(m);
        }
        pair.client.sendMetadata(streamId, Map.of("width", 1280.0));
        for (MediaMessage m : extended) {
            send.accept(streamId, m);
            sent.add(m);
        }
        pair.pump();
    }

    /** @return every message the client wrote after the handshake, as decoded raw messages */
    private static List<RawMessage> clientWire(RtmpPair pair) {
        byte[] all = pair.clientTransport.history();
        ByteBuffer in = ByteBuffer.wrap(all, WireTap.HANDSHAKE_BYTES, all.length - WireTap.HANDSHAKE_BYTES);
        List<RawMessage> out = new ArrayList<>();
        new ChunkDecoder(ChunkLimits.DEFAULT).decode(in, raw -> out.add(copy(raw)));
        return out;
    }

    private static RawMessage copy(RawMessage raw) {
        ByteBuffer p = raw.payload();
        ByteBuffer c = ByteBuffer.allocate(p.remaining()).put(p.duplicate()).flip();
        return new RawMessage(raw.typeId(), raw.timestamp(), raw.streamId(), c, raw.unwrappedTimestamp());
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void encodedMediaInterleavedWithSendMediaDecodesExactlyAsSendMediaAlone(RtmpPair.Split split) {
        RtmpPair plain = Steps.connected(split, new RecordingController());
        int plainId = Steps.publishing(plain, "cam1");
        List<MediaMessage> sentPlain = new ArrayList<>();
        publishScript(plain, plainId, plain.client::sendMedia, sentPlain);

        RtmpPair shared = Steps.connected(split, new RecordingController());
        int sharedId = Steps.publishing(shared, "cam1");
        List<EncodedMedia> encodings = new ArrayList<>();
        List<MediaMessage> sentShared = new ArrayList<>();
        publishScript(shared, sharedId, (id, m) -> {
            if (sentShared.size() % 3 == 2) { // interleaved per-connection sends compress against the shared ones
                shared.client.sendMedia(id, m);
                return;
            }
            EncodedMedia e = EncodedMedia.of(m);
            encodings.add(e);
            shared.client.sendEncoded(id, e);
        }, sentShared);

        List<RawMessage> plainWire = clientWire(plain);
        List<RawMessage> sharedWire = clientWire(shared);
        assertThat(plainWire).hasSizeGreaterThan(sentPlain.size());
        assertThat(sharedWire).hasSameSizeAs(plainWire);
        for (int i = 0; i < plainWire.size(); i++) {
            RawMessage p = plainWire.get(i);
            RawMessage s = sharedWire.get(i);
            assertThat(s.typeId()).as("type of message %d", i).isEqualTo(p.typeId());
            assertThat(s.timestamp()).as("timestamp of message %d", i).isEqualTo(p.timestamp());
            assertThat(s.unwrappedTimestamp()).as("unwrapped timestamp of message %d", i)
                    .isEqualTo(p.unwrappedTimestamp());
            assertThat(s.streamId()).as("stream id of message %d", i).isEqualTo(p.streamId());
            assertThat(s.payload()).as("payload of message %d", i).isEqualTo(p.payload());
        }
        // the shared chunks start with type-0 headers, so they are no shorter than the compressed ones
        assertThat(shared.clientTransport.history().length).isGreaterThanOrEqualTo(plain.clientTransport.history().length);
        assertThat(encodings).allSatisfy(e -> assertThat(e.encodings()).isEqualTo(1));

        List<MediaMessage> got = List.copyOf(shared.controller.media);
        assertThat(got).hasSameSizeAs(sentShared);
        for (int i = 0; i < got.size(); i++) {
            assertThat(got.get(i).timestamp()).as("timestamp of media %d", i).isEqualTo(sentShared.get(i).timestamp());
            assertThat(got.get(i).streamId()).isEqualTo(sharedId);
            assertThat(got.get(i).payload()).as("payload of media %d", i).isEqualTo(sentShared.get(i).payload());
        }
        assertThat(shared.server.isClosed()).isFalse();
        assertThat(shared.client.isClosed()).isFalse();
    }

    @Test
    void oneEncodingPreparedAheadServesEveryPublisherWithTheSameKey() {
        List<RtmpPair> pairs = List.of(Steps.connected(RtmpPair.Split.WHOLE, new RecordingController()),
                Steps.connected(RtmpPair.Split.RANDOM, new RecordingController()),
                Steps.connected(RtmpPair.Split.ONE_BYTE, new RecordingController()));
        List<Integer> ids = new ArrayList<>();
        for (RtmpPair p : pairs) {
            ids.add(Steps.publishing(p, "cam1"));
        }
        assertThat(pairs.get(0).client.chunkSizeHint()).isEqualTo(SessionConfig.defaults().chunkSize());
        List<MediaMessage> sent = List.of(Media.videoSequenceHeader(), Media.keyframe(0, 9_000),
                Media.audio(10, 300), Media.interFrame(40, 2_000));
        for (MediaMessage m : sent) {
            EncodedMedia e = EncodedMedia.of(m);
            EncodedMedia.Entry prepared = e.entry(pairs.get(0).client.chunkSizeHint(), ids.get(0)); // "publisher's thread"
            for (int i = 0; i < pairs.size(); i++) {
                pairs.get(i).client.sendEncoded(ids.get(i), e);
            }
            assertThat(e.encodings()).isEqualTo(1);
            assertThat(e.entry(pairs.get(2).client.chunkSizeHint(), ids.get(2))).isSameAs(prepared);
        }
        for (RtmpPair p : pairs) {
            p.pump();
            assertThat(List.copyOf(p.controller.media)).extracting(MediaMessage::timestamp)
                    .containsExactly(0, 0, 10, 40);
        }
    }

    @Test
    void beforeTheHandshakeItQueuesAsSendMediaAndAfterCloseItSendsNothing() {
        RtmpPair pair = new RtmpPair(RtmpPair.Split.WHOLE, new RecordingController());
        pair.client.start();
        pair.client.sendEncoded(1, EncodedMedia.of(Media.keyframe(0, 500)));
        assertThat(pair.client.chunkSizeHint()).isEqualTo(128);
        pair.pump();
        assertThat(clientWire(pair)).extracting(RawMessage::typeId, RawMessage::streamId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(9, 1));

        int written = pair.clientTransport.history().length;
        pair.client.onTransportClosed(null);
        pair.client.sendEncoded(1, EncodedMedia.of(Media.keyframe(40, 500)));
        assertThat(pair.clientTransport.history()).hasSize(written);
    }
}
