package org.rtmp4j.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.rtmp4j.live.StreamKey;

class PushRuleTest {
    @Test
    void aBareUrlIsTheDestinationApplicationForEveryStream() {
        PushRule rule = PushRule.parse("rtmp://yt.example/live2");
        assertThat(rule.destinationFor(new StreamKey("live", "cam"))).contains(URI.create("rtmp://yt.example/live2/cam"));
        assertThat(rule.destinationFor(new StreamKey("other", "x"))).contains(URI.create("rtmp://yt.example/live2/x"));
        assertThat(rule).hasToString("*/*=rtmp://yt.example/live2/{key}");
    }

    @Test
    void aSelectorPicksByAppAndKeyAndTheTemplateRenames() {
        PushRule rule = PushRule.parse("live/cam*=rtmp://b.example:1936/{app}_in/x-{key}?token=a=b");
        assertThat(rule.destinationFor(new StreamKey("live", "cam1")))
                .contains(URI.create("rtmp://b.example:1936/live_in/x-cam1?token=a=b"));
        assertThat(rule.destinationFor(new StreamKey("live", "other"))).isEmpty();
        assertThat(rule.destinationFor(new StreamKey("vod", "cam1"))).isEmpty();
        PushRule nested = PushRule.parse("live/_definst_/*=rtmp://h/app/{key}");
        assertThat(nested.appGlob()).isEqualTo("live/_definst_");
        assertThat(nested.destinationFor(new StreamKey("live/_definst_", "k"))).contains(URI.create("rtmp://h/app/k"));
    }

    @Test
    void anEqualsSignInTheUrlsQueryIsNotASelector() {
        PushRule rule = PushRule.parse("rtmp://h/app/{key}?auth=1");
        assertThat(rule.appGlob()).isEqualTo("*");
        assertThat(rule.destinationFor(new StreamKey("a", "k"))).contains(URI.create("rtmp://h/app/k?auth=1"));
    }

    @Test
    void globsMatchStarsAnywhere() {
        assertThat(PushRule.glob("*", "")).isTrue();
        assertThat(PushRule.glob("a*c", "abbbc")).isTrue();
        assertThat(PushRule.glob("a*c", "abbbd")).isFalse();
        assertThat(PushRule.glob("*x*", "yyxyy")).isTrue();
        assertThat(PushRule.glob("cam", "cam1")).isFalse();
    }

    @Test
    void malformedRulesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> PushRule.parse("")).hasMessageContaining("1..2048 characters");
        assertThatThrownBy(() -> PushRule.parse("http://h/app")).hasMessageContaining("not an rtmp:// or rtmps:// URL");
        assertThatThrownBy(() -> PushRule.parse("rtmp:///app")).hasMessageContaining("no host");
        assertThatThrownBy(() -> PushRule.parse("live=rtmp://h/app")).hasMessageContaining("offset 4")
                .hasMessageContaining("APP/KEY");
        assertThatThrownBy(() -> PushRule.parse("rtmp://h/app/{key} x")).hasMessageContaining("at offset");
        assertThatThrownBy(() -> PushRule.checkUrl("rtmp://h/app", "destination"))
                .hasMessageContaining("needs an application and a stream name");
    }

    @Test
    void aSourceIsAppSlashKey() {
        assertThat(PushRelays.streamKey("live/_definst_/cam")).isEqualTo(new StreamKey("live/_definst_", "cam"));
        assertThatThrownBy(() -> PushRelays.streamKey("cam")).hasMessageContaining("APP/KEY");
        assertThatThrownBy(() -> PushRelays.streamKey("live/")).hasMessageContaining("APP/KEY");
        assertThatThrownBy(() -> PushRelays.streamKey("live/c m")).hasMessageContaining("offset 6");
    }

    @Test
    void rtmpsDestinationsAreAccepted() {
        PushRule rule = PushRule.parse("rtmps://live-api-s.facebook.com:443/rtmp/{key}");
        assertThat(rule.toString()).startsWith("*/*=rtmps://live-api-s.facebook.com:443/rtmp/");
        assertThat(PushRule.checkUrl("rtmps://a.rtmps.youtube.com/live2/abcd-efgh", "push destination").getPort()).isEqualTo(-1);
        assertThat(PullUrls.parsePull("rtmps://origin.example/app/cam").destination()).isEqualTo(
                new org.rtmp4j.live.StreamKey("app", "cam"));
        assertThat(PullUrls.parseOrigin("RTMPS://origin.example/app").getScheme()).isEqualTo("RTMPS");
    }
}
