package org.rtmp4j.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.rtmp4j.live.StreamKey;

/** The {@code --pull} and {@code --origin} forms. */
class PullUrlsTest {
    @Test
    void aPullWithoutANameKeepsTheOriginsAppAndKey() {
        PullUrls.PullSpec spec = PullUrls.parsePull("rtmp://origin:1936/live/cam");
        assertThat(spec.source()).isEqualTo(URI.create("rtmp://origin:1936/live/cam"));
        assertThat(spec.destination()).isEqualTo(new StreamKey("live", "cam"));
    }

    @Test
    void aPullWithANamePublishesUnderIt() {
        PullUrls.PullSpec spec = PullUrls.parsePull("rtmp://origin/live/cam?token=a=b=mirror/cam2");
        assertThat(spec.source()).isEqualTo(URI.create("rtmp://origin/live/cam?token=a=b"));
        assertThat(spec.destination()).isEqualTo(new StreamKey("mirror", "cam2"));
    }

    @Test
    void aQuerysEqualsSignIsNoName() {
        PullUrls.PullSpec spec = PullUrls.parsePull("rtmp://origin/live/cam?token=secret");
        assertThat(spec.source().getRawQuery()).isEqualTo("token=secret");
        assertThat(spec.destination()).isEqualTo(new StreamKey("live", "cam"));
    }

    @Test
    void malformedFormsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> PullUrls.parsePull("http://origin/live/cam")).hasMessageContaining("rtmp://");
        assertThatThrownBy(() -> PullUrls.parsePull("rtmp://origin/live")).hasMessageContaining("stream key");
        assertThatThrownBy(() -> PullUrls.parsePull("rtmp://origin/live/")).hasMessageContaining("stream key");
        assertThatThrownBy(() -> PullUrls.parseKey("cam")).hasMessageContaining("APP/KEY");
        assertThatThrownBy(() -> PullUrls.parseOrigin("rtmp://origin")).hasMessageContaining("application");
        assertThatThrownBy(() -> PullUrls.parseOrigin("rtmp://origin/live app")).hasMessageContaining("not a URL");
    }

    @Test
    void anOriginLosesItsTrailingSlashAndPlaysKeysBelowIt() {
        URI origin = PullUrls.parseOrigin("rtmp://origin:1936/live/");
        assertThat(PullUrls.playUrl(origin, new StreamKey("live", "cam"))).isEqualTo(URI.create("rtmp://origin:1936/live/cam"));
    }
}
