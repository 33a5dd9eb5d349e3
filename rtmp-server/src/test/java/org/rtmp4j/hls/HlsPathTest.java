package org.rtmp4j.hls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rtmp4j.live.StreamKey;

/** The HLS URL shapes: what they name, and what never matches (404 rather than an overflow or a path escape). */
class HlsPathTest {
    @Test
    void thePlaylistAndEachResourceParse() {
        assertThat(HlsPath.parse("/live/cam.m3u8")).contains(new HlsPath("live", "cam", HlsPath.Type.PLAYLIST, "", 0, -1, false));
        assertThat(HlsPath.parse("/live/cam/k3x9/init-2.mp4"))
                .contains(new HlsPath("live", "cam", HlsPath.Type.INIT, "k3x9", 2, -1, false));
        assertThat(HlsPath.parse("/live/cam/k3x9/seg-17.m4s"))
                .contains(new HlsPath("live", "cam", HlsPath.Type.SEGMENT, "k3x9", 17, -1, false));
        assertThat(HlsPath.parse("/live/cam/k3x9/seg-17.ts"))
                .contains(new HlsPath("live", "cam", HlsPath.Type.SEGMENT, "k3x9", 17, -1, true));
        assertThat(HlsPath.parse("/live/cam/k3x9/part-17-4.m4s"))
                .contains(new HlsPath("live", "cam", HlsPath.Type.PART, "k3x9", 17, 4, false));
        assertThat(HlsPath.parse("/live/cam.m3u8").orElseThrow().streamKey()).isEqualTo(new StreamKey("live", "cam"));
    }

    @Test
    void theNamesItMakesParseBack() {
        String prefix = "/a/b/z1/";
        assertThat(HlsPath.parse(prefix + HlsPath.initName(3)).orElseThrow().number()).isEqualTo(3);
        assertThat(HlsPath.parse(prefix + HlsPath.segmentName(999_999_999_999L, false)).orElseThrow().number())
                .isEqualTo(999_999_999_999L);
        HlsPath part = HlsPath.parse(prefix + HlsPath.partName(5, 9, true)).orElseThrow();
        assertThat(part.number()).isEqualTo(5);
        assertThat(part.part()).isEqualTo(9);
        assertThat(part.ts()).isTrue();
    }

    @Test
    void hostileOrForeignPathsDoNotMatch() {
        for (String p : new String[] {"/live/cam.flv", "/live/cam", "/cam.m3u8", "/a/b/c.m3u8", "/live/../cam.m3u8",
                "/live/.cam.m3u8", "/live/cam/K3/seg-1.m4s", "/live/cam/k3/seg-1.mp4", "/live/cam/k3/seg--1.m4s",
                "/live/cam/k3/seg-1234567890123456789.m4s", "/live/cam/k3/part-1-1234567890.m4s",
                "/live/cam/k3/init-1.m4s", "/live/cam/k3/seg-1.m4s/x", "/live/ca%2fm.m3u8", "/live/cam/k3/seg-1 .m4s",
                "/live/cam/12345678901234567/seg-1.m4s", ""}) {
            assertThat(HlsPath.parse(p)).as(p).isEmpty();
            assertThat(HlsPath.matches(p)).as(p).isFalse();
        }
    }
}
