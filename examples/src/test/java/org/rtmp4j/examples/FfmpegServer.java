package org.rtmp4j.examples;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Test fixture of the ffmpeg interop tests (a JUnit extension: register it with {@code @RegisterExtension}): before
 * each test it picks the test's output directory ({@link Ffmpeg#outputDir}) and locates ffmpeg there (aborting the
 * test if there is none, see {@link Ffmpeg}); the test starts the {@link LoopbackServer} with its controller. After
 * each test (after the test's own {@code @AfterEach} methods) it kills every ffmpeg/ffprobe process it started, then
 * closes the server.
 */
final class FfmpegServer extends LoopbackServer implements BeforeEachCallback {
    private final boolean byDisplayName;
    private final boolean clean;
    private Path out;
    private Ffmpeg ffmpeg;

    private FfmpegServer(boolean byDisplayName, boolean clean) {
        this.byDisplayName = byDisplayName;
        this.clean = clean;
    }

    /** Output directory named after the test method (the same for every invocation of a parameterized test). */
    static FfmpegServer perTestMethod() {
        return new FfmpegServer(false, false);
    }

    /** Output directory named after the test's display name (one per parameterized invocation). */
    static FfmpegServer perDisplayName() {
        return new FfmpegServer(true, false);
    }

    /** The same fixture, but deleting what an earlier run left in the output directory first. */
    FfmpegServer cleaningOutput() {
        return new FfmpegServer(byDisplayName, true);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        String name = byDisplayName ? context.getDisplayName() : context.getRequiredTestMethod().getName();
        out = Ffmpeg.outputDir(context.getRequiredTestClass(), name);
        if (clean) {
            Ffmpeg.deleteRecursively(out);
        }
        ffmpeg = Ffmpeg.locate(out);
    }

    /** The test's output directory: ffmpeg logs and whatever the test writes. */
    Path out() {
        return out;
    }

    Ffmpeg ffmpeg() {
        return ffmpeg;
    }

    /** Kills every process ffmpeg started, then closes the server. */
    @Override
    void close() {
        if (ffmpeg != null) {
            ffmpeg.close();
        }
        super.close();
    }
}
