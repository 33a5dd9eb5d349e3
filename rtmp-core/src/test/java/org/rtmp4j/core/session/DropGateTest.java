package org.rtmp4j.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rtmp4j.core.internal.MediaClassifier.traits;

import org.junit.jupiter.api.Test;
import org.rtmp4j.core.session.DropGate.Decision;

class DropGateTest {
    private static final OutboundLimits LIMITS =
            new OutboundLimits(100, 1000, 10_000, OutboundLimits.DropPolicy.DROP_TO_NEXT_KEYFRAME);
    private final DropGate gate = new DropGate();

    @Test
    void sendsEverythingBelowTheHighWatermark() {
        assertThat(gate.decide(traits(Media.interFrame(0, 10)), 1000, LIMITS)).isEqualTo(Decision.SEND);
        assertThat(gate.decide(traits(Media.audio(0, 10)), 1000, LIMITS)).isEqualTo(Decision.SEND);
    }

    @Test
    void dropsVideoToTheNextKeyframeBelowTheLowWatermark() {
        assertThat(gate.decide(traits(Media.interFrame(0, 10)), 1001, LIMITS)).isEqualTo(Decision.DROP);
        assertThat(gate.awaitingKeyframe()).isTrue();
        assertThat(gate.decide(traits(Media.interFrame(0, 10)), 50, LIMITS)).isEqualTo(Decision.DROP);
        assertThat(gate.decide(traits(Media.keyframe(0, 10)), 500, LIMITS)).isEqualTo(Decision.DROP);
        assertThat(gate.decide(traits(Media.videoSequenceHeader()), 5000, LIMITS)).isEqualTo(Decision.SEND);
        assertThat(gate.decide(traits(Media.keyframe(0, 10)), 99, LIMITS)).isEqualTo(Decision.SEND);
        assertThat(gate.awaitingKeyframe()).isFalse();
        assertThat(gate.decide(traits(Media.interFrame(0, 10)), 500, LIMITS)).isEqualTo(Decision.SEND);
    }

    @Test
    void keyframeIsSentAboveTheHighWatermarkWhenNotAwaitingOne() {
        assertThat(gate.decide(traits(Media.keyframe(0, 10)), 5000, LIMITS)).isEqualTo(Decision.SEND);
    }

    @Test
    void audioIsDroppedFromHighUntilBelowLow() {
        assertThat(gate.decide(traits(Media.audio(0, 10)), 1001, LIMITS)).isEqualTo(Decision.DROP);
        assertThat(gate.decide(traits(Media.audio(0, 10)), 500, LIMITS)).isEqualTo(Decision.DROP);
        assertThat(gate.decide(traits(Media.audioSequenceHeader()), 5000, LIMITS)).isEqualTo(Decision.SEND);
        assertThat(gate.decide(traits(Media.audio(0, 10)), 99, LIMITS)).isEqualTo(Decision.SEND);
    }

    @Test
    void aboveMaxQueuedTheSessionCloses() {
        assertThat(gate.decide(traits(Media.videoSequenceHeader()), 10_001, LIMITS)).isEqualTo(Decision.CLOSE);
    }

    @Test
    void neverPolicySendsUntilMaxQueued() {
        OutboundLimits never = new OutboundLimits(100, 1000, 10_000, OutboundLimits.DropPolicy.NEVER);
        assertThat(gate.decide(traits(Media.interFrame(0, 10)), 9_999, never)).isEqualTo(Decision.SEND);
        assertThat(gate.decide(traits(Media.interFrame(0, 10)), 10_001, never)).isEqualTo(Decision.CLOSE);
    }
}
