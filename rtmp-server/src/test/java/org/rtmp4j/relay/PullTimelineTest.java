package org.rtmp4j.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rtmp4j.relay.PullFixture.aacFrame;
import static org.rtmp4j.relay.PullFixture.avcSequenceHeader;
import static org.rtmp4j.relay.PullFixture.interFrame;
import static org.rtmp4j.relay.PullFixture.keyFrame;

import org.junit.jupiter.api.Test;
import org.rtmp4j.core.message.MediaMessage;

/** The pull relay's published timestamps over reconnects (DESIGN-NOTES.md "Pull relays and on-demand edges"). */
class PullTimelineTest {
    private final PullTimeline timeline = new PullTimeline();

    private long map(MediaMessage m, boolean header) {
        return timeline.map(m, header).timestamp() & 0xFFFFFFFFL;
    }

    @Test
    void theFirstConnectionsTimestampsPassUnchanged() {
        MediaMessage key = keyFrame(5000);
        assertThat(timeline.map(key, false)).isSameAs(key);
        assertThat(map(interFrame(5040), false)).isEqualTo(5040);
        assertThat(map(aacFrame(5020), false)).isEqualTo(5020);
    }

    @Test
    void afterALostConnectionTheNextFrameComesOneMillisecondAfterTheLastAndKeepsItsSpacing() {
        map(keyFrame(5000), false);
        map(interFrame(5040), false);
        timeline.discontinuity();
        assertThat(map(avcSequenceHeader(0), true)).as("a header before the first frame").isEqualTo(5040);
        assertThat(map(keyFrame(100), false)).isEqualTo(5041);
        assertThat(map(interFrame(140), false)).isEqualTo(5081);
        assertThat(map(aacFrame(120), false)).isEqualTo(5061);
    }

    @Test
    void aRestartedOriginTimelineNeverGoesBack() {
        map(keyFrame(90_000), false);
        timeline.discontinuity();
        assertThat(map(keyFrame(0), false)).isEqualTo(90_001);
        assertThat(map(interFrame(0), false)).as("a repeated timestamp stays, never lower").isEqualTo(90_001);
    }

    @Test
    void withoutADiscontinuityASuccessorCatchesUpAtTheSameOrANewerMessage() {
        map(keyFrame(1000), false);
        map(aacFrame(1010), false);
        var takeover = timeline.takeover();
        assertThat(takeover.caughtUp(interFrame(960))).isFalse();
        assertThat(takeover.caughtUp(keyFrame(1000))).as("the same message").isTrue();
        assertThat(takeover.caughtUp(interFrame(1040))).isTrue();
        assertThat(takeover.caughtUp(aacFrame(990))).isFalse();
        assertThat(takeover.caughtUp(aacFrame(1030))).isTrue();
    }

    @Test
    void aDiscontinuityForgetsWhatWasPublished() {
        map(keyFrame(90_000), false);
        timeline.discontinuity();
        assertThat(timeline.takeover().caughtUp(keyFrame(0))).isTrue();
    }

    @Test
    void timestampsPast2To31AreUnsigned() {
        long high = 0x8000_0000L + 10;
        assertThat(map(keyFrame((int) high), false)).isEqualTo(high);
        timeline.discontinuity();
        assertThat(map(keyFrame(0), false)).isEqualTo(high + 1);
    }
}
