package org.rtmp4j.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rtmp4j.core.message.MediaMessage;

@Timeout(10)
class BackPressureScenarioTest {
    private static final OutboundLimits LIMITS =
            new OutboundLimits(1000, 10_000, 100_000, OutboundLimits.DropPolicy.DROP_TO_NEXT_KEYFRAME);

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void slowPlayerLosesInterFramesUntilTheNextKeyframeAndIsClosedAboveMaxQueued(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = new RtmpPair(split, controller, SessionConfig.defaults().withOutbound(LIMITS),
                SessionConfig.defaults());
        Steps.done(pair.connect());
        Steps.playing(pair, "cam1");
        NetStream stream = controller.plays.peek().stream();
        ServerConnection server = pair.server;

        pair.serverTransport.queuedBytes(10_001);
        assertThat(server.isWritable()).isFalse();
        server.sendMedia(stream, Media.keyframe(0, 50));          // sent: not awaiting a keyframe
        server.sendMedia(stream, Media.interFrame(40, 51));       // dropped: above high
        server.sendMedia(stream, Media.videoSequenceHeader());    // sent: never dropped
        server.sendMedia(stream, Media.interFrame(80, 52));       // dropped: awaiting keyframe
        server.sendMedia(stream, Media.keyframe(120, 53));        // dropped: still above low
        server.sendMedia(stream, Media.audio(120, 54));           // dropped: above high
        server.sendMedia(stream, Media.audioSequenceHeader());    // sent
        server.sendMetadata(stream, java.util.Map.of("k", 1.0));  // data is never dropped
        pair.serverTransport.queuedBytes(999);
        assertThat(server.isWritable()).isTrue();
        server.sendMedia(stream, Media.interFrame(160, 55));      // dropped: still awaiting
        server.sendMedia(stream, Media.keyframe(200, 56));        // sent: keyframe below low
        server.sendMedia(stream, Media.interFrame(240, 57));      // sent
        server.sendMedia(stream, Media.audio(240, 58));           // sent
        pair.pump();

        List<MediaMessage> got = List.copyOf(pair.listener.media);
        assertThat(got).extracting(MediaMessage::size).containsExactly(50, 40, 4, 56, 57, 58);
        assertThat(server.droppedMessages()).isEqualTo(5);
        assertThat(pair.listener.data).extracting(d -> d.name()).contains("onMetaData");
        assertThat(server.isClosed()).isFalse();

        pair.serverTransport.queuedBytes(100_001);
        server.sendMedia(stream, Media.videoSequenceHeader());
        pair.pump();

        assertThat(server.isClosed()).isTrue();
        assertThat(controller.closes).singleElement().isInstanceOf(OutboundOverflowException.class);
        assertThat(controller.stopPlays).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void neverPolicyDeliversEverythingBelowMaxQueued(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        OutboundLimits never = new OutboundLimits(1000, 10_000, 100_000, OutboundLimits.DropPolicy.NEVER);
        RtmpPair pair = new RtmpPair(split, controller, SessionConfig.defaults().withOutbound(never),
                SessionConfig.defaults());
        Steps.done(pair.connect());
        Steps.playing(pair, "cam1");
        NetStream stream = controller.plays.peek().stream();

        pair.serverTransport.queuedBytes(50_000);
        pair.server.sendMedia(stream, Media.interFrame(0, 10));
        pair.server.sendMedia(stream, Media.audio(0, 11));
        pair.pump();

        assertThat(pair.listener.media).extracting(MediaMessage::size).containsExactly(10, 11);
        assertThat(pair.server.droppedMessages()).isZero();
    }
}
