package org.rtmp4j.examples.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The write floor's two modes: the same messages and bytes, 73 writes per second (one per message) or 30 (one per
 * video frame with its audio). Counted on the plan, then on a loopback connection driven by a fake clock.
 */
class WritePlanTest {
    private static final SyntheticAudio AAC = SyntheticAudio.aac();
    private static final int FRAME_BYTES = new SyntheticVideo(2000, 30, AAC.bytesPerSecond()).frameBytes();

    private record Count(long writes, long bytes) { }

    private static Count count(WritePlan plan, long seconds) {
        long writes = 0;
        long bytes = 0;
        long prev = -1;
        while (plan.dueNanos() < TimeUnit.SECONDS.toNanos(seconds)) {
            assertThat(plan.dueNanos()).isGreaterThanOrEqualTo(prev);
            prev = plan.dueNanos();
            writes++;
            bytes += plan.bytes();
            plan.advance();
        }
        return new Count(writes, bytes);
    }

    @Test
    void perMessageWritesEachOfThe73MessagesASecondOnItsOwn() {
        Count c = count(new WritePlan(FRAME_BYTES, 30, AAC, WritePlan.Mode.PER_MESSAGE, 1), 60);
        assertThat(c.writes()).isEqualTo(60 * 30 + 2584); // 1800 video frames + ceil(60 × 44100 / 1024) AAC frames
        assertThat(c.bytes() * 8 / 60 / 1000.0).isCloseTo(2000, org.assertj.core.data.Offset.offset(10.0));
    }

    @Test
    void perFrameWrites30TimesASecondCarryingTheSameBytes() {
        Count perFrame = count(new WritePlan(FRAME_BYTES, 30, AAC, WritePlan.Mode.PER_FRAME, 1), 60);
        Count perMessage = count(new WritePlan(FRAME_BYTES, 30, AAC, WritePlan.Mode.PER_MESSAGE, 1), 60);
        assertThat(perFrame.writes()).isEqualTo(1800);
        // the same stream, except the audio after the last frame of the minute that would ride with the next one
        assertThat(perMessage.bytes() - perFrame.bytes()).isBetween(0L, 2L * 600);
    }

    @Test
    void perFrameCarriesTheAudioDueUpToItsVideoFrame() {
        WritePlan p = new WritePlan(1000, 30, AAC, WritePlan.Mode.PER_FRAME, 1);
        assertThat(p.dueNanos()).isZero(); // v0 + a0
        assertThat(p.bytes()).isEqualTo(1000 + AAC.frameBytes(0));
        p.advance(); // v33 + a23
        assertThat(p.dueNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(33));
        assertThat(p.bytes()).isEqualTo(1000 + AAC.frameBytes(1));
        p.advance(); // v66 + a46
        assertThat(p.bytes()).isEqualTo(1000 + AAC.frameBytes(2));
        p.advance(); // v100 + a69 + a92
        assertThat(p.dueNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
        assertThat(p.bytes()).isEqualTo(1000 + AAC.frameBytes(3) + AAC.frameBytes(4));
    }

    @Test
    void videoOnlyWithTwoFramesPerWriteIsTheOldFloorX2() {
        Count c = count(new WritePlan(4000, 25, null, WritePlan.Mode.PER_FRAME, 2), 10);
        assertThat(c.writes()).isEqualTo(125);
        assertThat(c.bytes()).isEqualTo(250 * 4000L);
        assertThatThrownBy(() -> new WritePlan(4000, 25, AAC, WritePlan.Mode.PER_MESSAGE, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(WritePlan.Mode.parse("Per-Message")).isEqualTo(WritePlan.Mode.PER_MESSAGE);
        assertThatThrownBy(() -> WritePlan.Mode.parse("per-gop")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSenderMakesOneWritePerPlannedWriteOnALoopbackConnection() throws IOException {
        assertThat(writesOverLoopback(WritePlan.Mode.PER_MESSAGE)).isEqualTo(10 * 30 + 431); // 431 = ceil(10 × 44100 / 1024)
        assertThat(writesOverLoopback(WritePlan.Mode.PER_FRAME)).isEqualTo(10 * 30);
    }

    /** 10 s of a fake clock in 1 ms steps, the reader draining as it goes; @return write(2) calls. */
    private static long writesOverLoopback(WritePlan.Mode mode) throws IOException {
        WritePlan plan = new WritePlan(FRAME_BYTES, 30, AAC, mode, 1);
        long expectedBytes = count(new WritePlan(FRAME_BYTES, 30, AAC, mode, 1), 10).bytes();
        try (WriteFloorSender sender = new WriteFloorSender(new InetSocketAddress("127.0.0.1", 0), plan);
                SocketChannel reader = SocketChannel.open(sender.localAddress())) {
            reader.configureBlocking(false);
            sender.acceptPending();
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            long read = 0;
            for (long ms = 0; ms < 10_000; ms++) {
                sender.writeDue(TimeUnit.MILLISECONDS.toNanos(ms) + 999_999);
                for (int n; (n = reader.read(buf.clear())) > 0; ) {
                    read += n;
                }
            }
            assertThat(sender.bytesWritten()).isEqualTo(expectedBytes);
            reader.configureBlocking(true);
            while (read < expectedBytes) {
                read += reader.read(buf.clear());
            }
            assertThat(read).isEqualTo(expectedBytes);
            return sender.writes();
        }
    }
}
