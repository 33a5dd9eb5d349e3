package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test fixture: {@code java -jar examples/target/rtmp4j.jar ARGS} as a child process (the shaded jar that
 * {@code package} builds before the failsafe ITs run), its stdout and stderr read line by line on daemon
 * threads into queues, so a test waits for a line with a bounded timeout. {@link #close()} stops it
 * (SIGTERM, then SIGKILL after 10 s) and is idempotent.
 */
final class CliProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on rtmp://[^:]+:(\\d+)/");

    private final Process process;
    private final BlockingQueue<String> out = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> err = new LinkedBlockingQueue<>();
    private final List<String> errSeen = new ArrayList<>();
    private final Thread outReader;
    private final Thread errReader;

    private CliProcess(Process process) {
        this.process = process;
        this.outReader = pump(process.getInputStream(), out, "out");
        this.errReader = pump(process.getErrorStream(), err, "err");
    }

    /**
     * @param args the command line after {@code -jar rtmp4j.jar}
     * @return the started process
     */
    static CliProcess start(String... args) throws IOException {
        return start(java.util.Map.of(), args);
    }

    /**
     * @param env environment variables to set (any other {@code RTMP_*} is removed)
     * @param args the command line after {@code -jar rtmp4j.jar}
     * @return the started process
     */
    static CliProcess start(java.util.Map<String, String> env, String... args) throws IOException {
        Path jar = Path.of("target", "rtmp4j.jar");
        assertThat(jar).as("the shaded jar (run the ITs through mvn verify)").isRegularFile();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m", "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("RTMP_")); // the options under test, not the caller's
        pb.environment().putAll(env);
        return new CliProcess(pb.start());
    }

    private static Thread pump(InputStream in, BlockingQueue<String> lines, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("<" + name + " read failed: " + e + ">");
            }
        }, "cli-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** @return the port from the server's "listening on rtmp://HOST:PORT/" line (waits up to 30 s) */
    int awaitPort() throws InterruptedException {
        for (;;) {
            String line = out.poll(30, TimeUnit.SECONDS);
            assertThat(line).as("the listening line on stdout; stderr so far: %s", drainErr()).isNotNull();
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
    }

    /**
     * Waits up to 30 s for a stdout line matching {@code wanted}; lines before it are dropped.
     *
     * @return the line
     */
    String awaitOut(String description, Predicate<String> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (;;) {
            String line = out.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(line).as("a stdout line with %s; stderr: %s", description, drainErr()).isNotNull();
            if (wanted.test(line)) {
                return line;
            }
        }
    }

    /**
     * Waits up to 30 s for a stderr line matching {@code wanted}; lines before it are kept in {@link #errSeen()}.
     *
     * @return the line
     */
    String awaitErr(String description, Predicate<String> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (;;) {
            String line = err.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(line).as("a stderr line with %s; seen: %s", description, errSeen).isNotNull();
            errSeen.add(line);
            if (wanted.test(line)) {
                return line;
            }
        }
    }

    /** @return the server process's id (its children are exec relays' processes) */
    long pid() {
        return process.pid();
    }

    /** @return the stderr lines consumed so far by {@link #awaitErr} */
    List<String> errSeen() {
        return errSeen;
    }

    private List<String> drainErr() {
        List<String> rest = new ArrayList<>();
        err.drainTo(rest);
        errSeen.addAll(rest);
        return errSeen;
    }

    /**
     * Waits for the process to exit by itself (up to 60 s) and for its output to be read.
     *
     * @return the exit code
     */
    int awaitExit() throws InterruptedException {
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the process exits; stderr: %s", drainErr()).isTrue();
        outReader.join(10_000);
        errReader.join(10_000);
        return process.exitValue();
    }

    /** @return all stdout lines not yet consumed (after {@link #awaitExit}: the rest of the output) */
    List<String> remainingOut() {
        List<String> rest = new ArrayList<>();
        out.drainTo(rest);
        return rest;
    }

    /** @return all stderr lines, consumed or not */
    List<String> allErr() {
        return drainErr();
    }

    /**
     * Sends a signal with {@code kill -NAME PID} ({@code INT} is what Ctrl-C in a terminal sends); does not
     * wait. ({@link Process#destroy()} would also close the process's output streams, losing its last lines.)
     */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).as("kill -%s returns", name).isTrue();
        assertThat(kill.exitValue()).as("kill -%s %d", name, process.pid()).isZero();
    }

    /** Stops gracefully (SIGTERM: the shutdown hooks run), waits, and returns the stderr lines. */
    List<String> stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        errReader.join(10_000);
        return drainErr();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    /** @return the lines of {@code file} as UTF-8 */
    static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }
}
