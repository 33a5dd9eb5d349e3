package org.rtmp4j.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test helper: the {@code server} command run as a child process ({@code java -cp <test class path> Main server
 * --host 127.0.0.1 --port 0 --http-port 0 ...}), its stdout and stderr collected line by line on a daemon thread,
 * the ports read from its "listening" lines. {@link #close()} destroys it (forcibly after 10 s). Thread-safe.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern RTMP_LINE = Pattern.compile("listening on rtmp://127\\.0\\.0\\.1:(\\d+)/");
    private static final Pattern HTTP_LINE = Pattern.compile("HTTP listening on http://127\\.0\\.0\\.1:(\\d+)/");

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private boolean ended;

    private ServerProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::read, "server-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts the server with RTMP and HTTP on free loopback ports.
     *
     * @param extra more options
     * @return the process, once both ports were printed (else it is destroyed and this throws)
     */
    static ServerProcess start(String... extra) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "server", "--host", "127.0.0.1", "--port", "0", "--http-port", "0"));
        command.addAll(List.of(extra));
        ServerProcess p = new ServerProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
        try {
            p.awaitLine(l -> HTTP_LINE.matcher(l).find(), 0, Duration.ofSeconds(30));
        } catch (AssertionError | InterruptedException e) {
            p.close();
            throw e;
        }
        return p;
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                synchronized (this) {
                    lines.add(line);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // the process ended
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    /** @return the RTMP port the server printed */
    int rtmpPort() {
        return port(RTMP_LINE);
    }

    /** @return the HTTP port the server printed */
    int httpPort() {
        return port(HTTP_LINE);
    }

    private synchronized int port(Pattern p) {
        for (String l : lines) {
            Matcher m = p.matcher(l);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("no line matching " + p + " in " + lines);
    }

    /** @return the number of lines printed so far (an index for {@link #awaitLine}) */
    synchronized int lineCount() {
        return lines.size();
    }

    /**
     * @param wanted the line to wait for
     * @param from the first line index to look at
     * @param timeout how long to wait
     * @return the first matching line at or after {@code from}
     * @throws AssertionError on timeout or when the process ended first, with the output
     */
    synchronized String awaitLine(Predicate<String> wanted, int from, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = from; ; ) {
            for (; i < lines.size(); i++) {
                if (wanted.test(lines.get(i))) {
                    return lines.get(i);
                }
            }
            long left = deadline - System.nanoTime();
            if (ended || left <= 0) {
                throw new AssertionError((ended ? "the server ended" : "timed out") + " without the line; output:\n"
                        + String.join("\n", lines));
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** @return everything printed so far */
    synchronized String output() {
        return String.join("\n", lines);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
