package org.rtmp4j.relay;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exec relay: one supervised external process for one published stream (issue 15 §3, nginx-rtmp's
 * {@code exec}). It starts the process at once (on {@link Relays#blocking()}: a fork may block), counts
 * as {@link RelayState#LIVE} once it has run {@link ExecOptions#liveAfter()}, and restarts it on the
 * {@link ExecOptions#backoff()} schedule whenever it exits while the stream is live ({@code RETRYING},
 * the exit code as the last error). When the stream ends ({@link #streamEnded()}) or the relay is
 * stopped, the process and its descendants get TERM, then KILL after {@link ExecOptions#grace()}
 * ({@code ProcessTree}); {@link #stop()}'s future completes when they are gone.
 *
 * <p>The process runs without a shell (the arguments are given as they are), with stdin from the null
 * device and stdout and stderr merged into the relay's bounded {@link ExecLog} ({@link #logTail()}),
 * read by one daemon thread {@code rtmp4j-exec-ID} per running process that ends with the process's
 * output; the number of exec relays running at once is bounded by {@link ExecOptions#maxProcesses()}
 * ({@link ExecRelays}). A program that cannot be started at all (not found, not executable) makes the
 * relay {@link RelayState#FAILED}: retrying cannot cure it.
 *
 * <p>Bytes ({@link RelayInfo#bytes()}) are the stream's media bytes published while a process ran,
 * counted by the owner through {@link #countMedia}: what the process could play from {@code {url}}.
 *
 * <p>Thread-safety: thread-safe; no method blocks.
 */
public final class ExecRelay implements Relay {
    private static final Logger log = LoggerFactory.getLogger(ExecRelay.class);
    private static final File NULL_DEVICE = new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");

    private final RelayStatus status;
    private final List<String> arguments;
    private final ExecOptions options;
    private final Relays relays;
    private final ExecLog output;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private Process process; // guarded by this
    private ScheduledFuture<?> pending; // a restart, the liveAfter or the drain deadline; guarded by this
    private boolean launching; // guarded by this
    private boolean started; // a process ran at least once; guarded by this
    private boolean ended; // the stream ended: no more restarts; guarded by this
    private boolean stopping; // guarded by this
    private volatile boolean running;

    /**
     * A relay not yet started; call {@link #start()}.
     *
     * @param id its id ({@link Relays#nextId})
     * @param source the stream, {@code APP/KEY}
     * @param command the command as configured, for {@link RelayInfo#destination()}
     * @param arguments the command's arguments with the placeholders replaced ({@link ExecCommand#expand})
     * @param options bounds and schedule
     * @param relays the registry whose timer and blocking pool it uses
     */
    public ExecRelay(String id, String source, ExecCommand command, List<String> arguments, ExecOptions options,
            Relays relays) {
        this.status = new RelayStatus(id, RelayKind.EXEC, source, command.line(), relays.clock());
        this.arguments = List.copyOf(arguments);
        if (this.arguments.isEmpty()) {
            throw new IllegalArgumentException("no program to run");
        }
        this.options = Objects.requireNonNull(options, "options");
        this.relays = relays;
        this.output = new ExecLog(options.maxLogLines(), options.maxLineLength());
    }

    /**
     * Starts the first process (in the background). Call once.
     *
     * @return this relay
     */
    public ExecRelay start() {
        submitLaunch();
        return this;
    }

    @Override
    public String id() {
        return status.id();
    }

    @Override
    public RelayKind kind() {
        return RelayKind.EXEC;
    }

    @Override
    public RelayInfo info() {
        return status.info();
    }

    /** @return the last lines of the processes' output and the supervisor's notes, at most {@link ExecOptions#maxLogLines()} */
    @Override
    public List<String> logTail() {
        return output.tail();
    }

    /** @return the arguments the process runs with, placeholders replaced */
    public List<String> arguments() {
        return arguments;
    }

    /** @return the running process's id, empty while none runs */
    public synchronized OptionalLong pid() {
        return process == null ? OptionalLong.empty() : OptionalLong.of(process.pid());
    }

    /**
     * Counts media bytes of the stream, when a process is running.
     *
     * @param bytes a message's payload size
     */
    public void countMedia(long bytes) {
        if (running) {
            status.addBytes(bytes);
        }
    }

    /**
     * The stream ended: no more restarts; the process gets {@link ExecOptions#drain()} to exit on its
     * own, then is stopped as by {@link #stop()}. Returns at once.
     */
    public void streamEnded() {
        boolean now;
        synchronized (this) {
            if (stopping || ended) {
                return;
            }
            ended = true;
            now = process == null || options.drain().isZero();
            if (!now) {
                cancelPending();
                output.note("stream ended: stopping in " + options.drain().toMillis() + " ms unless the process exits");
                now = !schedule(this::stop, options.drain());
            }
        }
        if (now) {
            stop();
        }
    }

    @Override
    public CompletableFuture<Void> stop() {
        Process p;
        synchronized (this) {
            if (stopping) {
                return stopped;
            }
            stopping = true;
            cancelPending();
            p = process;
            if (p == null && launching) {
                status.stopped();
                return stopped; // the launch under way ends what it starts
            }
        }
        status.stopped();
        end(p);
        return stopped;
    }

    /** @return completes once the relay is final and its process is gone */
    public CompletableFuture<Void> whenDone() {
        return stopped;
    }

    private void end(Process p) {
        if (p == null) {
            finish();
            return;
        }
        output.note("stopping pid " + p.pid() + ": TERM, KILL after " + options.grace().toMillis() + " ms");
        ProcessTree.terminate(p.toHandle(), options.grace(), relays.timer()).whenComplete((v, e) -> {
            synchronized (this) {
                if (process == p) {
                    process = null; // gone: pid() says so before the stop completes, whatever onExit's timing
                }
            }
            finish();
        });
    }

    private void finish() {
        running = false;
        stopped.complete(null);
    }

    private void submitLaunch() {
        try {
            relays.blocking().execute(this::launch);
        } catch (RejectedExecutionException e) {
            status.failed("relays are closed");
            finish();
        }
    }

    private void launch() {
        synchronized (this) {
            pending = null;
            if (stopping) {
                return;
            }
            launching = true;
            status.connecting();
        }
        ProcessBuilder builder = new ProcessBuilder(arguments).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(NULL_DEVICE));
        builder.environment().putAll(options.environment());
        Process p;
        try {
            p = builder.start();
        } catch (IOException | RuntimeException e) {
            cannotStart(e);
            return;
        }
        ProcessTree.track(p);
        boolean stopNow;
        synchronized (this) {
            launching = false;
            process = p;
            started = true;
            running = true;
            stopNow = stopping;
            if (!stopNow) {
                if (options.liveAfter().isZero() || !schedule(() -> markLive(p), options.liveAfter())) {
                    status.live();
                }
            }
        }
        output.note("started pid " + p.pid() + ": " + String.join(" ", arguments));
        log.info("{}: started pid {}", id(), p.pid());
        Thread reader = new Thread(() -> read(p), "rtmp4j-exec-" + id());
        reader.setDaemon(true);
        reader.start();
        if (stopNow) {
            end(p);
            return;
        }
        p.onExit().thenRun(() -> exited(p));
    }

    private void cannotStart(Exception e) {
        String why = "cannot start " + arguments.get(0) + ": " + e.getMessage();
        output.note(why);
        log.warn("{}: {}", id(), why);
        boolean retry;
        synchronized (this) {
            launching = false;
            retry = started && !stopping;
            if (stopping) {
                finish();
                return;
            }
        }
        if (retry) {
            retryAfter(why);
        } else {
            status.failed(why);
            finish();
        }
    }

    private synchronized void markLive(Process p) {
        if (process == p && !stopping) {
            status.live();
        }
    }

    private void exited(Process p) {
        String why = "pid " + p.pid() + " exited with code " + p.exitValue();
        boolean stopNow;
        synchronized (this) {
            if (process != p) {
                return;
            }
            process = null;
            running = false;
            if (stopping) {
                return; // end() completes the stop
            }
            cancelPending();
            stopNow = ended;
        }
        output.note(why);
        if (stopNow) {
            stop();
        } else {
            retryAfter(why);
        }
    }

    private void retryAfter(String why) {
        int attempt = status.retrying(why);
        if (attempt == 0) {
            return; // already final
        }
        if (!options.backoff().allows(attempt - 1)) {
            status.failed(why + "; gave up after " + (attempt - 1) + " restarts");
            output.note("giving up after " + (attempt - 1) + " restarts");
            finish();
            return;
        }
        Duration delay = options.backoff().delay(attempt, ThreadLocalRandom.current());
        output.note("restarting in " + delay.toMillis() + " ms (attempt " + attempt + ")");
        log.warn("{}: {}; restarting in {} ms", id(), why, delay.toMillis());
        synchronized (this) {
            if (stopping) {
                return;
            }
            if (!schedule(this::submitLaunch, delay)) {
                status.failed("relays are closed");
                finish();
            }
        }
    }

    /** @return false when the timer refused (shut down) */
    private boolean schedule(Runnable task, Duration delay) {
        try {
            pending = relays.timer().schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private void cancelPending() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    private void read(Process p) {
        byte[] buffer = new byte[8192];
        try (InputStream in = p.getInputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                output.append(buffer, 0, n);
            }
        } catch (IOException e) {
            // the pipe closed under us: the process is gone
        }
        output.flush();
    }

    @Override
    public String toString() {
        return "exec relay " + id() + " " + arguments;
    }
}
