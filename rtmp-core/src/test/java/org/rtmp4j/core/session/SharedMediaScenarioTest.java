package org.rtmp4j.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.core.internal.EncodedMedia;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.VideoMessage;

/**
 * Players fed shared pre-encoded chunks ({@link EncodedMedia}) through real engines over memory:
 * what each client decodes, and the bytes on each wire.
 */
@Timeout(20)
class SharedMediaScenarioTest {

    /** One connected player. */
    private static final class Player {
        final RecordingController controller = new RecordingController();
        final RtmpPair pair;
        final NetStream stream;
        final int mark;

        Player(RtmpPair.Split split, int streamsBefore) {
            pair = new RtmpPair(split, controller);
            Steps.done(pair.connect());
            for (int i = 0; i < streamsBefore; i++) {
                Steps.createStream(pair);
            }
            Steps.playing(pair, "cam1");
            stream = controller.plays.peek().stream();
            mark = pair.serverTransport.history().length;
        }

        Player(RtmpPair.Split split) {
            this(split, 0);
        }

        /** @return what the server wrote since the player started playing */
        byte[] wireSincePlay() {
            byte[] all = pair.serverTransport.history();
            return Arrays.copyOfRange(all, mark, all.length);
        }

        void send(EncodedMedia m) {
            SharedSends.send(pair.server, stream, m);
        }
    }

    /** A stream covering chunk size changes and extended timestamps, split into phases by chunk size. */
    private static List<List<MediaMessage>> phases() {
        List<MediaMessage> first = List.of(Media.videoSequenceHeader(), Media.audioSequenceHeader(),
                Media.keyframe(0, 10_000), Media.audio(0, 300), Media.audio(23, 300), Media.interFrame(40, 5_000),
                Media.audio(46, 300), Media.interFrame(80, 5_000), Media.interFrame(120, 5_000));
        List<MediaMessage> afterChunkSize = List.of(Media.keyframe(160, 3_000), Media.audio(160, 300),
                Media.interFrame(200, 777), Media.interFrame(240, 777));
        List<MediaMessage> extended = List.of(Media.keyframe(0xFFFFF0, 2_000), Media.audio(0xFFFFF5, 300),
                Media.interFrame(0xFFFFFF, 1_500), Media.interFrame(0x01000027, 1_500), Media.audio(0x01000030, 300),
                Media.keyframe(0x7FFFFFF0, 4_000), Media.interFrame(0x80000010, 700));
        return List.of(first, afterChunkSize, extended);
    }

    private static void assertSameMedia(List<MediaMessage> got, List<MediaMessage> sent, int streamId) {
        assertThat(got).hasSameSizeAs(sent);
        for (int i = 0; i < sent.size(); i++) {
            MediaMessage g = got.get(i);
            MediaMessage s = sent.get(i);
            assertThat(g.getClass()).as("message %d", i).isEqualTo(s.getClass());
            assertThat(g.timestamp()).as("timestamp of message %d", i).isEqualTo(s.timestamp());
            assertThat(g.streamId()).as("stream id of message %d", i).isEqualTo(streamId);
            assertThat(g.payload()).as("payload of message %d", i).isEqualTo(s.payload());
        }
    }

    @Test
    void playersGetByteIdenticalWiresAndDecodeEveryMessageThroughChunkSizeChangesAndExtendedTimestamps() {
        List<Player> players = List.of(new Player(RtmpPair.Split.WHOLE), new Player(RtmpPair.Split.ONE_BYTE),
                new Player(RtmpPair.Split.RANDOM));
        List<MediaMessage> sent = new ArrayList<>();
        int[] chunkSizes = {4096, 1000, 128};
        for (int phase = 0; phase < 3; phase++) {
            for (Player p : players) {
                if (p.pair.server.fanoutTarget().chunkSizeHint() != chunkSizes[phase]) {
                    p.pair.server.setChunkSize(chunkSizes[phase]);
                }
            }
            for (MediaMessage m : phases().get(phase)) {
                EncodedMedia shared = EncodedMedia.of(m);
                for (Player p : players) {
                    p.send(shared);
                }
                assertThat(shared.encodings()).isEqualTo(1);
                assertThat(shared.entry(chunkSizes[phase], 1).chunkSize()).isEqualTo(chunkSizes[phase]);
                sent.add(m);
            }
        }
        for (Player p : players) {
            p.pair.pump();
        }

        byte[] wire = players.get(0).wireSincePlay();
        assertThat(wire.length).isGreaterThan(40_000);
        for (Player p : players) {
            assertThat(p.wireSincePlay()).isEqualTo(wire);
            assertSameMedia(List.copyOf(p.pair.listener.media), sent, 1);
            assertThat(p.pair.server.isClosed()).isFalse();
        }
    }

    @Test
    void aPlayerOnAnotherMessageStreamIdOrChunkSizeGetsItsOwnEncoding() {
        Player one = new Player(RtmpPair.Split.WHOLE);
        Player three = new Player(RtmpPair.Split.RANDOM, 2);
        Player small = new Player(RtmpPair.Split.ONE_BYTE);
        small.pair.server.setChunkSize(200);
        assertThat(three.stream.id()).isEqualTo(3);
        List<MediaMessage> sent = phases().get(0);
        List<EncodedMedia> shared = new ArrayList<>();
        for (MediaMessage m : sent) {
            EncodedMedia e = EncodedMedia.of(m);
            one.send(e);
            three.send(e);
            small.send(e);
            one.send(e);
            shared.add(e);
        }
        one.pair.pump();
        three.pair.pump();
        small.pair.pump();

        assertThat(shared).allSatisfy(e -> assertThat(e.encodings()).isEqualTo(3));
        List<MediaMessage> twice = new ArrayList<>();
        for (MediaMessage m : sent) {
            twice.add(m);
            twice.add(m);
        }
        assertSameMedia(List.copyOf(one.pair.listener.media), twice, 1);
        assertSameMedia(List.copyOf(three.pair.listener.media), sent, 3);
        assertSameMedia(List.copyOf(small.pair.listener.media), sent, 1);
    }

    @Test
    void sharedAndPerPlayerSendsInterleaveOnOneChunkStream() {
        Player p = new Player(RtmpPair.Split.RANDOM);
        ServerConnection server = p.pair.server;
        List<MediaMessage> sent = new ArrayList<>();
        // per-player messages compress (type 1/2/3) against the type-0 header the shared bytes carried
        int ts = 0xFFFF00;
        for (int i = 0; i < 24; i++) {
            VideoMessage v = i % 3 == 0 ? Media.keyframe(ts, 6_000) : Media.interFrame(ts, 400);
            AudioMessage a = Media.audio(ts + 3, 300);
            if (i % 2 == 0) {
                p.send(EncodedMedia.of(v));
                server.sendMedia(p.stream, a);
            } else {
                server.sendMedia(p.stream, v);
                p.send(EncodedMedia.of(a));
            }
            if (i == 10) {
                server.sendMetadata(p.stream, java.util.Map.of("width", 640.0));
                server.setChunkSize(333);
            }
            sent.add(v);
            sent.add(a);
            ts += 40;
        }
        p.pair.pump();

        assertSameMedia(List.copyOf(p.pair.listener.media), sent, 1);
        assertThat(p.pair.listener.data).extracting(d -> d.name()).endsWith("onMetaData");
    }

    @Test
    void aPerPlayerSendCompressesAgainstTheLastSharedMessageOnItsChunkStreamNotAnEarlierOne() {
        Player p = new Player(RtmpPair.Split.WHOLE);
        ServerConnection server = p.pair.server;
        // per-player, then several shared messages per chunk stream id, then per-player again: the
        // writer records only the last shared one in its encoder, which must equal recording each in
        // turn (a stale or skipped record would decode the per-player timestamps wrongly)
        List<MediaMessage> sent = List.of(Media.keyframe(0, 2_000), Media.audio(5, 300), Media.interFrame(40, 900),
                Media.audio(28, 300), Media.interFrame(80, 900), Media.interFrame(120, 900), Media.audio(51, 300),
                Media.interFrame(160, 900), Media.audio(74, 300), Media.audio(97, 300), Media.interFrame(200, 900));
        boolean[] shared = {false, false, true, true, true, false, false, true, true, false, false};
        for (int i = 0; i < sent.size(); i++) {
            if (shared[i]) {
                p.send(EncodedMedia.of(sent.get(i)));
            } else {
                server.sendMedia(p.stream, sent.get(i));
            }
        }
        p.pair.pump();

        assertSameMedia(List.copyOf(p.pair.listener.media), sent, 1);
    }

    @Test
    void theDropDecisionIsMadeBeforeAnythingIsEncoded() {
        RecordingController controller = new RecordingController();
        OutboundLimits limits = new OutboundLimits(1000, 10_000, 100_000, OutboundLimits.DropPolicy.DROP_TO_NEXT_KEYFRAME);
        RtmpPair pair = new RtmpPair(RtmpPair.Split.WHOLE, controller,
                SessionConfig.defaults().withOutbound(limits), SessionConfig.defaults());
        Steps.done(pair.connect());
        Steps.playing(pair, "cam1");
        NetStream stream = controller.plays.peek().stream();
        int before = pair.serverTransport.history().length;

        pair.serverTransport.queuedBytes(10_001);
        EncodedMedia inter = EncodedMedia.of(Media.interFrame(40, 5_000));
        EncodedMedia audio = EncodedMedia.of(Media.audio(40, 300));
        EncodedMedia header = EncodedMedia.of(Media.videoSequenceHeader());
        SharedSends.send(pair.server, stream, inter);
        SharedSends.send(pair.server, stream, audio);
        SharedSends.send(pair.server, stream, header);

        assertThat(pair.server.droppedMessages()).isEqualTo(2);
        assertThat(inter.encodings()).isZero();
        assertThat(audio.encodings()).isZero();
        assertThat(header.encodings()).isEqualTo(1);
        assertThat(pair.serverTransport.history().length - before).isEqualTo(12 + 40);

        pair.serverTransport.queuedBytes(100_001);
        EncodedMedia key = EncodedMedia.of(Media.keyframe(80, 5_000));
        SharedSends.send(pair.server, stream, key);
        pair.pump();
        assertThat(key.encodings()).isZero();
        assertThat(pair.server.isClosed()).isTrue();
        assertThat(controller.closes).singleElement().isInstanceOf(OutboundOverflowException.class);
    }

    @Test
    void aPlayerJoiningMidStreamDecodesAbsoluteTimestamps() {
        Player early = new Player(RtmpPair.Split.WHOLE);
        List<EncodedMedia> live = new ArrayList<>();
        List<MediaMessage> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            MediaMessage m = i % 2 == 0 ? Media.interFrame(1_000 + i * 20, 900) : Media.audio(1_000 + i * 20, 200);
            sent.add(m);
            live.add(EncodedMedia.of(m));
        }
        for (int i = 0; i < 10; i++) {
            early.send(live.get(i));
        }
        early.pair.pump();

        Player late = new Player(RtmpPair.Split.RANDOM);
        // the joiner gets a cached GOP prefix the ordinary way, then the live edge shared
        late.pair.server.sendMedia(late.stream, Media.keyframe(1_180, 4_000));
        late.pair.server.sendMedia(late.stream, Media.audio(1_180, 200));
        for (int i = 10; i < 20; i++) {
            early.send(live.get(i));
            late.send(live.get(i));
        }
        early.pair.pump();
        late.pair.pump();

        assertSameMedia(List.copyOf(early.pair.listener.media), sent, 1);
        List<MediaMessage> lateExpected = new ArrayList<>(List.of(Media.keyframe(1_180, 4_000), Media.audio(1_180, 200)));
        lateExpected.addAll(sent.subList(10, 20));
        assertSameMedia(List.copyOf(late.pair.listener.media), lateExpected, 1);
        assertThat(live).allSatisfy(e -> assertThat(e.encodings()).isEqualTo(1));
    }

    @Test
    void oneMessageToAHundredPlayersIsChunkedOnceAndSharedByAll() {
        List<Player> players = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            players.add(new Player(RtmpPair.Split.WHOLE));
        }
        VideoMessage keyframe = Media.keyframe(5_000, 100_000);
        EncodedMedia shared = EncodedMedia.of(keyframe);
        for (Player p : players) {
            SharedSends.send(p.pair.server, p.stream, shared);
        }

        assertThat(shared.encodings()).isEqualTo(1);
        byte[] wire = null;
        for (Player p : players) {
            p.pair.pump();
            assertSameMedia(List.copyOf(p.pair.listener.media), List.of(keyframe), 1);
            byte[] w = p.wireSincePlay();
            if (wire == null) {
                wire = w;
            }
            assertThat(w).isEqualTo(wire);
        }
        // 100 000 bytes at chunk size 4096: 25 chunks, 12 + 24 header bytes
        assertThat(wire).hasSize(100_000 + 12 + 24);
        assertThat(shared.entry(4096, 1).chunks().capacity()).isEqualTo(wire.length);
    }
}
