package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.rtmp4j.flv.codec.MediaInfo;
import org.rtmp4j.live.StreamInfo;
import org.rtmp4j.live.StreamKey;

class AccessLogTest {
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
}
