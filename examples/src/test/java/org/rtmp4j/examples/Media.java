package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared real FLV files (system property {@code rtmp4j.shared.dir}, set by the parent POM). */
final class Media {
    private Media() {}

    /** {@code media/h264-aac-avatar.flv}: 11.4 s of H.264 and AAC written by ffmpeg. */
    static Path h264Aac() {
        return shared("h264-aac-avatar.flv");
    }

    /** {@code media/av1-opus-enhanced-testsrc.flv}: 10 s of E-RTMP AV1 (980x540) and Opus (mono). */
    static Path av1Opus() {
        return shared("av1-opus-enhanced-testsrc.flv");
    }

    private static Path shared(String name) {
        String shared = System.getProperty("rtmp4j.shared.dir");
        assertThat(shared).as("system property rtmp4j.shared.dir (run the tests through Maven)").isNotBlank();
        Path file = Path.of(shared, "media", name);
        assertThat(Files.isRegularFile(file)).as("%s exists", file).isTrue();
        return file;
    }
}
