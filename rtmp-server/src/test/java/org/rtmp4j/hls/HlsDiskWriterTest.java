package org.rtmp4j.hls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtmp4j.live.StreamKey;

/** {@code --hls-dir}: files under DIR/APP/KEY..., written by rename, deleted when expired, never outside DIR. */
class HlsDiskWriterTest {
    private static final StreamKey CAM = new StreamKey("live", "cam");

    @TempDir
    Path dir;

    @Test
    void segmentsAndPlaylistsAreWrittenWithoutTemporaryFilesLeftAndExpiredOnesAreDeleted() throws Exception {
        try (HlsDiskWriter writer = new HlsDiskWriter(dir, 16)) {
            writer.write(CAM, "i1", "seg-0.m4s", ByteBuffer.wrap(new byte[] {1, 2, 3}));
            writer.playlist(CAM, "#EXTM3U\n");
            writer.flushed().get(5, TimeUnit.SECONDS);
            assertThat(Files.readAllBytes(dir.resolve("live/cam/i1/seg-0.m4s"))).containsExactly(1, 2, 3);
            assertThat(Files.readString(dir.resolve("live/cam.m3u8"))).isEqualTo("#EXTM3U\n");
            try (Stream<Path> all = Files.walk(dir)) {
                assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
            }
            writer.delete(CAM, "i1", "seg-0.m4s");
            writer.flushed().get(5, TimeUnit.SECONDS);
            assertThat(dir.resolve("live/cam/i1/seg-0.m4s")).doesNotExist();
            writer.removeStream(CAM, "i1");
            writer.flushed().get(5, TimeUnit.SECONDS);
            assertThat(dir.resolve("live/cam.m3u8")).doesNotExist();
            assertThat(dir.resolve("live/cam/i1")).doesNotExist();
        }
    }

    @Test
    void theNewestPlaylistWinsAndAFullQueueDropsInsteadOfBlocking() throws Exception {
        try (HlsDiskWriter writer = new HlsDiskWriter(dir, 1)) {
            for (int i = 0; i < 200; i++) {
                writer.playlist(CAM, "#EXTM3U\n#" + i + "\n");
                writer.write(CAM, "i1", "seg-" + i + ".m4s", ByteBuffer.wrap(new byte[1000]));
            }
            drain(writer);
            writer.playlist(CAM, "#EXTM3U\n#last\n");
            drain(writer);
            assertThat(writer.dropped()).as("a queue of one cannot take 400 writes at once").isPositive();
        }
        assertThat(Files.readString(dir.resolve("live/cam.m3u8"), StandardCharsets.UTF_8)).isEqualTo("#EXTM3U\n#last\n");
    }

    /** Waits until a flush marker gets into the queue and runs (a full queue refuses the marker too). */
    private static void drain(HlsDiskWriter writer) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (writer.flushed().handle((v, e) -> e == null).get(5, TimeUnit.SECONDS)) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the writer never drained");
    }

    @Test
    void aNameThatWouldLeaveTheDirectoryIsNotWritten() throws Exception {
        try (HlsDiskWriter writer = new HlsDiskWriter(dir.resolve("hls"), 4)) {
            writer.write(new StreamKey("..", ".."), "i1", "x", ByteBuffer.wrap(new byte[] {1}));
            writer.write(CAM, "..", "../../../escaped", ByteBuffer.wrap(new byte[] {1}));
            writer.flushed().get(5, TimeUnit.SECONDS);
        }
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.filter(Files::isRegularFile)).isEmpty();
        }
    }
}
