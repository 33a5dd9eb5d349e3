package org.rtmp4j.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.VideoMessage;

/** A successor connection's switch and the messages it skips (E-RTMP v2, Reconnect Request). */
class TakeoverTest {
    private final Takeover takeover = new Takeover();

    private static VideoMessage video(int ts, int size) {
        return new VideoMessage(ts, 1, ByteBuffer.allocate(size));
    }

    private static AudioMessage audio(int ts, int size) {
        return new AudioMessage(ts, 1, ByteBuffer.allocate(size));
    }

    private void delivered(MediaMessage... messages) {
        for (MediaMessage m : messages) {
            takeover.delivered(m);
        }
    }

    @Test
    void aSuccessorThatLosesEveryRaceStillTakesOverAtTheSameMessage() {
        delivered(video(0, 40), video(0, 900), video(40, 120), video(80, 130));
        assertThat(takeover.caughtUp(video(0, 40))).as("its GOP replay").isFalse();
        assertThat(takeover.caughtUp(video(40, 120))).isFalse();
        assertThat(takeover.caughtUp(video(80, 130))).as("the last one delivered").isTrue();
        takeover.switched();
        assertThat(takeover.isNew(video(80, 130))).as("delivered by the predecessor").isFalse();
        assertThat(takeover.isNew(video(120, 125))).isTrue();
        assertThat(takeover.isNew(video(120, 125))).as("past the switch, its own repeats pass").isTrue();
    }

    @Test
    void aMessageAtTheLastTimestampWithAnotherSizeIsNotTheSame() {
        delivered(video(1000, 40)); // a sequence header; its key frame at the same timestamp not yet delivered
        assertThat(takeover.caughtUp(video(1000, 900))).as("before the switch: wait").isFalse();
        assertThat(takeover.caughtUp(video(1000, 40))).isTrue();
        takeover.switched();
        assertThat(takeover.isNew(video(1000, 40))).isFalse();
        assertThat(takeover.isNew(video(1000, 900))).as("the key frame after the header").isTrue();
    }

    @Test
    void afterTheSwitchEachTypeSkipsWhatWasDeliveredUntilPastIt() {
        delivered(video(400, 100), audio(410, 20), audio(433, 21));
        assertThat(takeover.caughtUp(video(440, 100))).isTrue();
        takeover.switched();
        assertThat(takeover.isNew(video(440, 100))).isTrue();
        assertThat(takeover.isNew(audio(387, 20))).isFalse();
        assertThat(takeover.isNew(audio(410, 20))).isFalse();
        assertThat(takeover.isNew(audio(433, 21))).as("the last one delivered").isFalse();
        assertThat(takeover.isNew(audio(456, 22))).isTrue();
        assertThat(takeover.isNew(audio(433, 21))).as("the type is past the switch").isTrue();
    }

    @Test
    void aTypeNeverDeliveredPassesAtOnceAndNothingIsFilteredBeforeASwitch() {
        delivered(video(400, 100));
        assertThat(takeover.isNew(video(0, 100))).as("no switch: the connection's own timeline").isTrue();
        takeover.switched();
        assertThat(takeover.isNew(audio(0, 20))).isTrue();
    }

    @Test
    void forgettingStartsOver() {
        delivered(video(90_000, 100));
        takeover.switched();
        takeover.forget();
        assertThat(takeover.caughtUp(video(0, 10))).isTrue();
        assertThat(takeover.isNew(video(0, 10))).isTrue();
    }

    @Test
    void timestampsPast2To31AreUnsigned() {
        delivered(video(0x8000_0010, 100));
        assertThat(takeover.caughtUp(video(0x10, 100))).isFalse();
        assertThat(takeover.caughtUp(video(0x8000_0050, 100))).isTrue();
    }
}
