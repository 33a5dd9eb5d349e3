package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtmp4j.core.command.Publish;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.message.CommandMessage;
import org.rtmp4j.core.session.NetStream;
import org.rtmp4j.core.session.PublishRequest;
import org.rtmp4j.flv.codec.MediaInfo;
import org.rtmp4j.live.StreamInfo;
import org.rtmp4j.live.StreamKey;

class AccessLogTest {
    /** A publish request that records whether it was decided; the first decision wins, as in the library. */
    private static final class Decision implements PublishRequest {
        boolean done;

        @Override
        public Publish command() {
            throw new UnsupportedOperationException();
        }

        @Override
        public CommandMessage message() {
            throw new UnsupportedOperationException();
        }

        @Override
        public NetStream stream() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void accept() {
            done = true;
        }

        @Override
        public void reject(Status status) {
            done = true;
        }

        @Override
        public void reject(String description) {
            done = true;
        }

        @Override
        public boolean isDone() {
            return done;
        }
    }

    private static StreamInfo info(MediaInfo media) {
        return new StreamInfo(new StreamKey("live", "cam"), true, Instant.EPOCH, 0, 0, 0, null, 0, media, 0,
                Duration.ZERO);
    }

    @Test
    void codecsAreDescribedWithWhatIsKnown() {
        assertThat(AccessLog.codecs(info(new MediaInfo("h264", 1280, 720, 29.97, "aac", 48_000, 2))))
                .isEqualTo("video h264 1280x720 29.97 fps, audio aac 48000 Hz 2 ch");
        assertThat(AccessLog.codecs(info(new MediaInfo("hevc", 0, 0, 25.0, null, 0, 0))))
                .isEqualTo("video hevc 25 fps, audio none");
        assertThat(AccessLog.codecs(info(MediaInfo.EMPTY))).isEqualTo("video none, audio none");
    }

    @Test
    void onlyTheDecidingCallIsLoggedWithTheStatusCodeAndReason() {
        List<String> log = new ArrayList<>();
        Decision real = new Decision();
        PublishRequest wrapped = new AccessLogRequests.Publish(real, () -> log.add("accepted"), r -> log.add("refused " + r));

        wrapped.reject(Status.error(StatusCodes.PUBLISH_REJECTED, "invalid stream key"));
        wrapped.accept(); // too late: the first decision won
        wrapped.reject("again");

        assertThat(real.isDone()).isTrue();
        assertThat(log).containsExactly("refused NetStream.Publish.Rejected invalid stream key");
    }

    @Test
    void aRejectionWithTheDefaultCodeLogsItsDescription() {
        List<String> log = new ArrayList<>();
        new AccessLogRequests.Publish(new Decision(), () -> log.add("accepted"), r -> log.add("refused " + r))
                .reject("app and stream name must be plain file names");
        assertThat(log).containsExactly("refused app and stream name must be plain file names");
    }
}
