package org.rtmp4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The {@code /APP/KEY.mp4} shape of the live fMP4 stream. */
class Fmp4StreamPathTest {
    @Test
    void appAndKeyComeFromTheTwoSegments() {
        assertThat(Fmp4StreamPath.parse("/live/key.mp4")).contains(new Fmp4StreamPath("live", "key"));
        assertThat(Fmp4StreamPath.parse("/live/a.b-c_d~e.mp4")).contains(new Fmp4StreamPath("live", "a.b-c_d~e"));
        assertThat(Fmp4StreamPath.matches("/live/key.mp4")).isTrue();
    }

    @Test
    void otherShapesIncludingHlsObjectsAndFlvDoNotMatch() {
        for (String p : new String[] {"/live/key", "/key.mp4", "/live/key/init-0.mp4", "/live/.mp4", "/../x.mp4",
                "/live/..mp4", "/live/%2e%2e.mp4", "/live/key.mp4/", "live/key.mp4", "/live/k y.mp4", "/live/key.flv",
                "/live/key.m3u8", "/live/key.MP4"}) {
            assertThat(Fmp4StreamPath.parse(p)).as(p).isEmpty();
            assertThat(Fmp4StreamPath.matches(p)).as(p).isFalse();
        }
    }
}
