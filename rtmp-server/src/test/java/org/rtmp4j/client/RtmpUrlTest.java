package org.rtmp4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RtmpUrlTest {
    @Test
    void withTwoSegmentsTheFirstIsTheAppAndTheSecondTheStreamName() {
        RtmpUrl t = RtmpUrl.parse(URI.create("rtmp://127.0.0.1:1940/live/cam"));
        assertThat(t.host()).isEqualTo("127.0.0.1");
        assertThat(t.port()).isEqualTo(1940);
        assertThat(t.app()).isEqualTo("live");
        assertThat(t.streamName()).isEqualTo("cam");
        assertThat(t.tcUrl()).isEqualTo("rtmp://127.0.0.1:1940/live");
    }

    @Test
    void withThreeSegmentsTheFirstTwoAreTheAppAsInFfmpegAndLibrtmp() {
        RtmpUrl t = RtmpUrl.parse(URI.create("rtmp://127.0.0.1:1940/live/_definst_/cam?token=x"));
        assertThat(t.app()).isEqualTo("live/_definst_");
        assertThat(t.streamName()).isEqualTo("cam?token=x");
        assertThat(t.tcUrl()).isEqualTo("rtmp://127.0.0.1:1940/live/_definst_");
    }

    @Test
    void withFourSegmentsTheRestAfterTwoIsTheStreamNameAsInFfmpeg() {
        RtmpUrl t = RtmpUrl.parse(URI.create("rtmp://h/live/inst/cam/one"));
        assertThat(t.app()).isEqualTo("live/inst");
        assertThat(t.streamName()).isEqualTo("cam/one");
    }

    @Test
    void aColonInTheSecondSegmentMakesItAPlayPath() {
        RtmpUrl t = RtmpUrl.parse(URI.create("rtmp://h/vod/mp4:dir/file.mp4"));
        assertThat(t.app()).isEqualTo("vod");
        assertThat(t.streamName()).isEqualTo("mp4:dir/file.mp4");
    }

    @Test
    void portDefaultsTo1935AndTheQueryStaysWithTheStreamName() {
        RtmpUrl t = RtmpUrl.parse(URI.create("rtmp://example.org/app/key?token=abc"));
        assertThat(t.port()).isEqualTo(1935);
        assertThat(t.streamName()).isEqualTo("key?token=abc");
        assertThat(t.tcUrl()).isEqualTo("rtmp://example.org:1935/app");
    }

    @Test
    void anAppWithoutStreamNameIsAllowed() {
        RtmpUrl t = RtmpUrl.parse(URI.create("rtmp://localhost/live"));
        assertThat(t.app()).isEqualTo("live");
        assertThat(t.streamName()).isEmpty();
    }

    @Test
    void rejectsOtherSchemesAndMissingApp() {
        assertThatThrownBy(() -> RtmpUrl.parse(URI.create("http://localhost/live")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RtmpUrl.parse(URI.create("rtmp://localhost/")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ipv6HostsAreBracketedInTcUrl() {
        RtmpUrl t = RtmpUrl.parse(URI.create("rtmp://[::1]:1935/live/s"));
        assertThat(t.tcUrl()).isEqualTo("rtmp://[::1]:1935/live");
    }

    @Test
    void aTcUrlIsAllApplication() {
        RtmpUrl t = RtmpUrl.parseTcUrl(URI.create("rtmp://h:1936/live/_definst_"));
        assertThat(t.app()).isEqualTo("live/_definst_");
        assertThat(t.streamName()).isEmpty();
        assertThat(t.tcUrl()).isEqualTo("rtmp://h:1936/live/_definst_");
        assertThat(RtmpUrl.parseTcUrl(URI.create("rtmp://h/live")).tcUrl()).isEqualTo("rtmp://h:1935/live");
    }

    @Test
    void rtmpsDefaultsToPort443AndKeepsItsSchemeInTheTcUrlForFacebookAndYouTubeShapes() {
        RtmpUrl fb = RtmpUrl.parse(URI.create("rtmps://live-api-s.facebook.com:443/rtmp/FB-123-0-Ab"));
        assertThat(fb.tls()).isTrue();
        assertThat(fb.port()).isEqualTo(443);
        assertThat(fb.app()).isEqualTo("rtmp");
        assertThat(fb.streamName()).isEqualTo("FB-123-0-Ab");
        assertThat(fb.tcUrl()).isEqualTo("rtmps://live-api-s.facebook.com:443/rtmp");

        RtmpUrl yt = RtmpUrl.parse(URI.create("rtmps://a.rtmps.youtube.com/live2/abcd-efgh"));
        assertThat(yt.port()).isEqualTo(443);
        assertThat(yt.app()).isEqualTo("live2");
        assertThat(yt.tcUrl()).isEqualTo("rtmps://a.rtmps.youtube.com:443/live2");

        assertThat(RtmpUrl.parse(URI.create("rtmp://h/live/k")).tls()).isFalse();
        assertThatThrownBy(() -> RtmpUrl.parse(URI.create("https://h/live/k")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rtmps://");
    }
}
