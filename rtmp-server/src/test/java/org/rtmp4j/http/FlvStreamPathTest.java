package org.rtmp4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The {@code /APP/KEY.flv} shape and the HTTP listener's options. */
class FlvStreamPathTest {
    @Test
    void appAndKeyComeFromTheTwoSegments() {
        assertThat(FlvStreamPath.parse("/live/key.flv")).contains(new FlvStreamPath("live", "key"));
        assertThat(FlvStreamPath.parse("/live/a.b-c_d~e.flv")).contains(new FlvStreamPath("live", "a.b-c_d~e"));
        assertThat(FlvStreamPath.matches("/live/key.flv")).isTrue();
    }

    @Test
    void otherShapesDoNotMatch() {
        for (String p : new String[] {"/live/key", "/key.flv", "/a/b/c.flv", "/live/.flv", "/../x.flv", "/live/..flv",
                "/live/%2e%2e.flv", "/live/key.flv/", "live/key.flv", "/live/k y.flv"}) {
            assertThat(FlvStreamPath.parse(p)).as(p).isEmpty();
            assertThat(FlvStreamPath.matches(p)).as(p).isFalse();
        }
    }

    @Test
    void optionsHaveTheDocumentedDefaultsAndRefuseBadValues() {
        HttpOptions d = HttpOptions.defaults();
        assertThat(d.allowOrigin()).isEqualTo("*");
        assertThat(d.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(d.maxPipelinedBytes()).isEqualTo(64 * 1024);
        assertThat(d.maxWebSocketMessageSize()).isEqualTo(WebSocketFrameDecoder.DEFAULT_MAX_MESSAGE_SIZE);
        assertThat(d.limits()).isEqualTo(HttpLimits.defaults());
        assertThat(d.withAllowOrigin("https://a.example").allowOrigin()).isEqualTo("https://a.example");
        assertThatThrownBy(() -> d.withAllowOrigin("a\r\nSet-Cookie: x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withIdleTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
