package org.rtmp4j.examples.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** {@code write-floor}: the protocol-free sender paces its writes, and the sink counts what arrives. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WriteFloorIT {
    private static final int FRAME_BYTES = 4000; // 800 kbit/s at 25 fps
    private WriteFloorSender sender;
    private CompletableFuture<Void> running;

    @BeforeEach
    void start() throws Exception {
        sender = new WriteFloorSender(new InetSocketAddress("127.0.0.1", 0), FRAME_BYTES, 25, 2);
        running = CompletableFuture.runAsync(() -> {
            try {
                sender.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        sender.close();
        running.get(10, TimeUnit.SECONDS);
    }

    @Test
    void everyConnectionGetsTheRateInWritesOfTheRequestedFramesAndKeepsUp() throws Exception {
        WriteFloorSink.Result r = new WriteFloorSink().run(sender.localAddress(), 3, 0, Duration.ofSeconds(2), 100_000);

        assertThat(r.connected()).isEqualTo(3);
        assertThat(r.keptUp()).isEqualTo(3);
        // 100 kB/s for about 2 s to each of 3 connections, written 2 frames (8000 bytes) at a time
        assertThat(r.bytes()).isBetween(3 * 150_000L, 3 * 2 * 100_000L + 3 * 8000L * 4);
        assertThat(r.bytes() % 8000).as("whole writes of 2 frames").isZero();
        assertThat(r.window().endEpochMs() - r.window().startEpochMs()).isBetween(1900L, 3000L);
        assertThat(r.window().bytes()).isBetween(3 * 150_000L, r.bytes());
        assertThat(sender.bytesWritten()).isGreaterThanOrEqualTo(r.bytes());
        assertThat(sender.writes()).isGreaterThanOrEqualTo(r.bytes() / 8000);
    }

    @Test
    void aSlowJoinerIsCountedAsNotKeptUpWhenItLagsBeyondTheLimit() throws Exception {
        // the sink claims a rate 10x what the sender sends: everyone lags by more than 2 s after 3 s
        WriteFloorSink.Result r = new WriteFloorSink().run(sender.localAddress(), 2, 0, Duration.ofSeconds(3), 1_000_000);

        assertThat(r.connected()).isEqualTo(2);
        assertThat(r.keptUp()).isZero();
    }

    @Test
    void theSinkCommandPrintsJsonWithTheLoadToolsKeys() throws Exception {
        StringWriter out = new StringWriter();
        int code = new CommandLine(new WriteFloorCommand()).setOut(new PrintWriter(out)).execute(
                "sink", "--port", String.valueOf(sender.localAddress().getPort()), "--players", "2", "--duration", "1",
                "--kbps", "800", "--json");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("2 of 2 connected, 2 kept up")
                .containsPattern("\\{\"players\":2,\"connected\":2,\"keptUp\":2,\"bytes\":[1-9][0-9]*,");
    }

    @Test
    void serveRefusesNonPositiveRates() {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new WriteFloorCommand()).setErr(new PrintWriter(err)).execute("serve", "--kbps", "0");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("must be > 0");
    }
}
