package org.rtmp4j.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rtmp4j.testkit.Eventually.eventually;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Supervision of a real child process ({@link FakeChild}, a JVM, so no shell or Unix tool is assumed). */
@Timeout(120)
class ExecRelayTest {
    private static final ExecOptions FAST = ExecOptions.DEFAULT.withLiveAfter(Duration.ZERO)
            .withBackoff(new Backoff(Duration.ofMillis(100), Duration.ofMillis(100), 0, 0));

    private final Relays relays = new Relays();
    private ExecRelay relay;

    @AfterEach
    void tearDown() throws Exception {
        if (relay != null) {
            relay.stop().get(20, TimeUnit.SECONDS);
        }
        relays.close();
    }

    private ExecRelay start(ExecOptions options, List<String> arguments) {
        relay = new ExecRelay(relays.nextId(RelayKind.EXEC), "live/cam", ExecCommand.parse("fake"), arguments, options,
                relays).start();
        return relay;
    }

    private boolean logHas(String line) {
        return relay.logTail().contains(line);
    }

    @Test
    void runsTheArgumentsAsGivenAndKeepsTheOutput() throws Exception {
        start(FAST, FakeChild.command("print", "a b", "'q'", "$HOME"));
        eventually("output", () -> logHas("arg:$HOME"));
        assertThat(relay.logTail()).contains("arg:a b", "arg:'q'");
        assertThat(relay.logTail().get(0)).startsWith("[rtmp4j] started pid ");
        RelayInfo info = relay.info();
        assertThat(info.state()).isEqualTo(RelayState.LIVE);
        assertThat(info.kind()).isEqualTo(RelayKind.EXEC);
        assertThat(info.source()).isEqualTo("live/cam");
        assertThat(info.destination()).isEqualTo("fake");
        long pid = relay.pid().orElseThrow();

        relay.stop().get(20, TimeUnit.SECONDS);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(relay.info().state()).isEqualTo(RelayState.STOPPED);
        assertThat(relay.pid()).isEmpty();
    }

    @Test
    void aKilledProcessIsRestartedAndTheRelayIsLiveAgainWithOneRetry() throws Exception {
        start(FAST, FakeChild.command("print", "x"));
        eventually("first process", () -> logHas("arg:x"));
        long first = relay.pid().orElseThrow();
        ProcessHandle.of(first).orElseThrow().destroyForcibly();

        eventually("a second process", () -> relay.pid().isPresent() && relay.pid().getAsLong() != first
                && relay.info().state() == RelayState.LIVE);
        RelayInfo info = relay.info();
        assertThat(info.retries()).isEqualTo(1);
        assertThat(info.lastError()).isEqualTo("pid " + first + " exited with code 137");
        assertThat(relay.logTail()).anySatisfy(l -> assertThat(l).startsWith("[rtmp4j] restarting in 100 ms"));
    }

    @Test
    void aProcessThatKeepsExitingBacksOffAndFailsAfterItsRetries() throws Exception {
        ExecOptions options = ExecOptions.DEFAULT.withLiveAfter(Duration.ofSeconds(30))
                .withBackoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(50), 0, 2));
        start(options, FakeChild.command("exit", "3"));
        relay.whenDone().get(60, TimeUnit.SECONDS);
        RelayInfo info = relay.info();
        assertThat(info.state()).isEqualTo(RelayState.FAILED);
        assertThat(info.retries()).isEqualTo(3);
        assertThat(info.lastError()).endsWith("exited with code 3; gave up after 2 restarts");
        assertThat(relay.logTail().stream().filter(l -> l.startsWith("[rtmp4j] started pid"))).hasSize(3);
        assertThat(relay.logTail()).contains("bye");
    }

    @Test
    void aProcessThatIgnoresTermGetsKillAfterTheGracePeriod() throws Exception {
        Duration grace = Duration.ofMillis(500);
        start(FAST.withGrace(grace), FakeChild.command("stubborn"));
        eventually("the TERM handler", () -> logHas("stubborn"));
        long pid = relay.pid().orElseThrow();
        long t0 = System.nanoTime();
        relay.stop().get(20, TimeUnit.SECONDS);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(tookMillis).as("TERM was ignored, so KILL after the grace").isGreaterThanOrEqualTo(grace.toMillis());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void stoppingEndsTheDescendantsToo() throws Exception {
        start(FAST.withGrace(Duration.ofMillis(500)), FakeChild.command("spawn"));
        eventually("the child's pid", () -> relay.logTail().stream().anyMatch(l -> l.startsWith("child:")));
        long child = Long.parseLong(relay.logTail().stream().filter(l -> l.startsWith("child:")).findFirst()
                .orElseThrow().substring("child:".length()));
        ProcessHandle handle = ProcessHandle.of(child).orElseThrow();
        eventually("the grandchild's TERM handler", () -> logHas("stubborn"));

        relay.stop().get(20, TimeUnit.SECONDS);
        handle.onExit().get(20, TimeUnit.SECONDS);
        assertThat(handle.isAlive()).isFalse();
    }

    @Test
    void aJvmThatExitsWithoutStoppingItsRelaysLeavesNoOrphan() throws Exception {
        Process jvm = new ProcessBuilder(FakeChild.command("supervise")).redirectErrorStream(true).start();
        try (var out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
            // the supervising JVM's log lines (stderr, merged) may come before or after the child's pid line
            String line = out.readLine();
            for (int i = 0; i < 50 && line != null && !line.startsWith("child:"); i++) {
                line = out.readLine();
            }
            assertThat(line).startsWith("child:");
            ProcessHandle child = ProcessHandle.of(Long.parseLong(line.substring("child:".length()))).orElseThrow();
            assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).as("the supervising JVM exits").isTrue();
            child.onExit().get(20, TimeUnit.SECONDS);
            assertThat(child.isAlive()).isFalse();
        } finally {
            jvm.destroyForcibly();
        }
    }

    @Test
    void aProgramThatCannotStartFailsAtOnce() throws Exception {
        start(FAST, List.of("/nonexistent/rtmp4j-no-such-program"));
        relay.whenDone().get(20, TimeUnit.SECONDS);
        assertThat(relay.info().state()).isEqualTo(RelayState.FAILED);
        assertThat(relay.info().lastError()).startsWith("cannot start /nonexistent/rtmp4j-no-such-program");
        assertThat(relay.info().retries()).isZero();
    }

    @Test
    void theStreamsEndStopsTheProcessAfterTheDrainWithoutARestart() throws Exception {
        start(FAST.withDrain(Duration.ofMillis(200)), FakeChild.command("print", "y"));
        eventually("output", () -> logHas("arg:y"));
        long pid = relay.pid().orElseThrow();
        relay.streamEnded();
        relay.whenDone().get(20, TimeUnit.SECONDS);
        assertThat(relay.info().state()).isEqualTo(RelayState.STOPPED);
        assertThat(relay.info().retries()).isZero();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(relay.logTail()).contains("[rtmp4j] stream ended: stopping in 200 ms unless the process exits");
    }

    @Test
    void theLogStaysBoundedWhateverTheProcessWrites() throws Exception {
        ExecOptions options = FAST.withLog(10, 100).withLiveAfter(Duration.ofSeconds(30))
                .withBackoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(50), 0, 1));
        start(options, FakeChild.command("flood", "1000"));
        relay.whenDone().get(60, TimeUnit.SECONDS);
        List<String> tail = relay.logTail();
        assertThat(tail).hasSize(10);
        assertThat(tail).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(101));
        assertThat(tail).anySatisfy(l -> assertThat(l).startsWith("999xxx").endsWith("…"));
    }
}
