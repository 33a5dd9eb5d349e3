package org.rtmp4j.hls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rtmp4j.live.StreamKey;

/** Session tokens: their shape, the query parameter, expiry and counts per stream. */
class HlsQueryTest {
    private static final StreamKey CAM = new StreamKey("live", "cam");

    @Test
    void tokensAre128RandomBitsInBase64Url() {
        HlsSessions sessions = new HlsSessions(1_000, 10);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String t = sessions.newToken();
            assertThat(HlsSessions.wellFormed(t)).as(t).isTrue();
            assertThat(t).hasSize(22);
            seen.add(t);
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void theTokenIsReadFromTheQueryAndOtherParametersAreIgnored() {
        String t = "AAAAAAAAAAAAAAAAAAAAAA";
        assertThat(HlsQuery.token("")).isNull();
        assertThat(HlsQuery.token("_HLS_msn=3&_HLS_part=1")).isNull();
        assertThat(HlsQuery.token("_HLS_msn=3&hls_ctx=" + t + "&x")).isEqualTo(t);
        assertThatThrownBy(() -> HlsQuery.token("hls_ctx=" + t + "&hls_ctx=" + t)).hasMessageContaining("repeated");
        assertThatThrownBy(() -> HlsQuery.token("hls_ctx=../../etc")).hasMessageContaining("not a session token");
        assertThatThrownBy(() -> HlsQuery.token("hls_ctx")).hasMessageContaining("not a session token");
        assertThatThrownBy(() -> HlsQuery.token("hls_ctx=" + t + "A")).hasMessageContaining("not a session token");
    }

    @Test
    void sessionsExpireWhenIdleAndAreCountedPerStream() {
        HlsSessions sessions = new HlsSessions(1_000, 3);
        StreamKey other = new StreamKey("live", "other");
        assertThat(sessions.open("a", CAM, 0)).isTrue();
        assertThat(sessions.open("b", CAM, 0)).isTrue();
        assertThat(sessions.open("c", other, 0)).isTrue();
        assertThat(sessions.open("d", other, 0)).as("the cap").isFalse();
        assertThat(sessions.count(CAM)).isEqualTo(2);
        assertThat(sessions.counts()).containsEntry(CAM, 2).containsEntry(other, 1);
        assertThat(sessions.touch("c", CAM, 900)).as("a token of another stream").isFalse();
        assertThat(sessions.touch("a", CAM, 900)).isTrue();
        assertThat(sessions.expire(999)).isZero();
        assertThat(sessions.expire(1_000)).isEqualTo(2);
        assertThat(sessions.count(CAM)).isEqualTo(1);
        assertThat(sessions.expire(1_900)).isEqualTo(1);
        assertThat(sessions.size()).isZero();
    }
}
