package org.rtmp4j.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.core.internal.EncodedMedia;

@Timeout(10)
class SessionStatsScenarioTest {
    private static final OutboundLimits LIMITS =
            new OutboundLimits(1000, 10_000, 100_000, OutboundLimits.DropPolicy.DROP_TO_NEXT_KEYFRAME);

    @Test
    void aSlowPlayersCountersShowDroppedVideoAndAudioKeyframeWaitsPeakQueueAndOverflow() {
        RecordingController controller = new RecordingController();
        RtmpPair pair = new RtmpPair(RtmpPair.Split.WHOLE, controller, SessionConfig.defaults().withOutbound(LIMITS),
                SessionConfig.defaults());
        Steps.done(pair.connect());
        Steps.playing(pair, "cam1");
        NetStream stream = controller.plays.peek().stream();
        ServerConnection server = pair.server;
        long bytesBefore = server.stats().bytesOut();
        assertThat(bytesBefore).isPositive(); // handshake, connect result, play statuses
        assertThat(server.stats().droppedMediaMessages()).isZero();

        pair.serverTransport.queuedBytes(10_001);
        server.sendMedia(stream, Media.interFrame(0, 50));        // dropped, starts a keyframe wait
        server.sendMedia(stream, Media.interFrame(40, 50));       // dropped
        server.sendMedia(stream, Media.audio(40, 20));            // dropped
        server.sendMedia(stream, Media.videoSequenceHeader());    // sent
        pair.serverTransport.queuedBytes(500);
        server.sendMedia(stream, Media.keyframe(80, 60));         // sent, ends the wait
        pair.serverTransport.queuedBytes(10_002);
        server.sendMedia(stream, Media.interFrame(120, 50));      // dropped, a second wait
        pair.pump();

        SessionStats s = server.stats();
        assertThat(s.droppedVideoMessages()).isEqualTo(3);
        assertThat(s.droppedAudioMessages()).isEqualTo(1);
        assertThat(s.droppedMediaMessages()).isEqualTo(server.droppedMessages()).isEqualTo(4);
        assertThat(s.keyframeWaits()).isEqualTo(2);
        assertThat(s.queuedBytesPeak()).isEqualTo(10_002);
        assertThat(s.bytesOut()).isGreaterThan(bytesBefore + 60);
        assertThat(s.closedForOverflow()).isFalse();
        assertThat(((RtmpSession) server).stats()).isEqualTo(s);

        pair.serverTransport.queuedBytes(100_001);
        server.sendMedia(stream, Media.videoSequenceHeader());
        pair.pump();
        assertThat(server.stats().closedForOverflow()).isTrue();
        assertThat(server.isClosed()).isTrue();
    }

    @Test
    void sharedPreEncodedMediaCountsInBytesOut() {
        RecordingController controller = new RecordingController();
        RtmpPair pair = new RtmpPair(RtmpPair.Split.WHOLE, controller, SessionConfig.defaults(), SessionConfig.defaults());
        Steps.done(pair.connect());
        Steps.playing(pair, "cam1");
        NetStream stream = controller.plays.peek().stream();
        ServerConnection server = pair.server;
        long before = server.stats().bytesOut();

        SharedSends.send(server, stream, EncodedMedia.of(Media.keyframe(80, 10_000)));
        pair.pump();

        // 10,000 payload bytes in chunks of 4096: a 12-byte type-0 header and two 1-byte type-3 headers
        assertThat(server.stats().bytesOut() - before).isEqualTo(10_000 + 12 + 2);
    }
}
