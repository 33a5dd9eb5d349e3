package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's real FLV files ({@code media/} at the top of the checkout; system property {@code rtmp4j.media.dir}). */
final class Media {
    private Media() {}

    /** {@code media/h264-aac-avatar.flv}: 11.4 s of H.264 and AAC written by ffmpeg. */
    static Path h264Aac() {
        return file("h264-aac-avatar.flv");
    }

    /** {@code media/av1-opus-enhanced-testsrc.flv}: 10 s of E-RTMP AV1 (980x540) and Opus (mono). */
    static Path av1Opus() {
        return file("av1-opus-enhanced-testsrc.flv");
    }

    private static Path file(String name) {
        Path file = Path.of(System.getProperty("rtmp4j.media.dir", "../media"), name);
        assertThat(Files.isRegularFile(file)).as("%s exists", file).isTrue();
        return file;
    }
}
