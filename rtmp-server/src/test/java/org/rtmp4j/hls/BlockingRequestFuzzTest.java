package org.rtmp4j.hls;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes {@link BlockingRequest#parse(String)} (RFC 8216bis §6.2.5) and the decision a playlist makes
 * on what it parsed (§6.2.5.2). The only failure allowed is {@link HlsRequestException} with status
 * 400, a reason, and an offset inside the query or at its end (parse) or -1 (decision). A parsed request reads back
 * from {@link BlockingRequest#toQuery()} to an equal record, and other parameters appended to the
 * query change nothing.
 *
 * <p>Input layout: the raw query, as UTF-8. Regression inputs:
 * {@code src/test/resources/org/rtmp4j/hls/BlockingRequestFuzzTestInputs/parse/}.
 */
class BlockingRequestFuzzTest {
    private static final MediaPlaylist PLAYLIST = playlist();

    private static MediaPlaylist playlist() {
        MediaPlaylist p = new MediaPlaylist(HlsOptions.defaults(), "k/");
        for (int s = 0; s < 9; s++) {
            for (int i = 0; i < 10; i++) {
                p.addPart("p" + s + "-" + i, 0.2, i == 0);
            }
            p.closeSegment("s" + s, 2, null);
        }
        p.addPart("p9-0", 0.2, true);
        return p;
    }

    @FuzzTest
    void parse(byte[] data) {
        String query = new String(data, StandardCharsets.UTF_8);
        BlockingRequest request;
        try {
            request = BlockingRequest.parse(query);
        } catch (HlsRequestException e) {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.offset()).isBetween(0, query.length());
            assertThat(e.reason()).isNotBlank();
            return;
        }
        try {
            assertThat(BlockingRequest.parse(request.toQuery())).isEqualTo(request);
            assertThat(BlockingRequest.parse(query + "&hls_ctx=abc&_HLS_later=1")).isEqualTo(request);
        } catch (HlsRequestException e) {
            throw new AssertionError("a parsed request no longer parses", e);
        }
        try {
            ReloadDecision d = PLAYLIST.check(request);
            assertThat(d).isNotNull();
            if (!request.blocking()) {
                assertThat(d).isEqualTo(ReloadDecision.READY);
            }
        } catch (HlsRequestException e) {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.offset()).isEqualTo(-1);
            assertThat(request.msn().getAsLong()).isGreaterThan(PLAYLIST.lastSegmentMsn());
        }
        assertThat(PLAYLIST.render(request.skip(), "?hls_ctx=abc")).startsWith("#EXTM3U\n");
    }
}
