package org.rtmp4j.examples;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns SIGINT (Ctrl-C) and SIGTERM ({@code kill}, {@code systemctl stop}, {@code docker stop}) into a
 * graceful stop that the command finishes itself, so the process exits with the command's own code (0
 * after a clean stop) instead of the 130 or 143 a JVM killed by the signal reports.
 *
 * <p>Without a handler the JVM runs its shutdown hooks and then exits with 128 + the signal number, whatever
 * the command would have returned; a service manager reads 143 as a failure. The handler instead runs
 * {@code onStop} once, on the JVM's signal thread, and leaves the process running until the command's
 * {@code call()} returns. A second Ctrl-C while the stop is still running falls back to the JVM's default
 * (the shutdown hooks, then exit 130), so an impatient user is never stuck.
 *
 * <p>Uses {@code sun.misc.Signal} (module {@code jdk.unsupported}, in every JDK since 9). Where it is missing
 * or a signal is reserved (a JVM started with {@code -Xrs}) nothing is installed and the JVM's default
 * applies; the commands keep their shutdown hooks for that case.
 */
@SuppressWarnings("restriction")
final class StopSignals {
    private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);

    private StopSignals() {}

    /**
     * Installs handlers for INT and TERM that run {@code onStop} once.
     *
     * @return whether both handlers are installed (false: the JVM's default behaviour stays)
     */
    static boolean onStop(Runnable onStop) {
        AtomicBoolean stopping = new AtomicBoolean();
        try {
            for (String name : new String[] {"INT", "TERM"}) {
                sun.misc.Signal signal = new sun.misc.Signal(name);
                sun.misc.SignalHandler[] previous = new sun.misc.SignalHandler[1];
                previous[0] = sun.misc.Signal.handle(signal, s -> {
                    if (stopping.compareAndSet(false, true)) {
                        LOG.info("SIG{}: stopping gracefully (again to stop at once)", s.getName());
                        onStop.run();
                    } else {
                        previous[0].handle(s);
                    }
                });
            }
            return true;
        } catch (IllegalArgumentException | LinkageError e) {
            LOG.debug("signal handlers not installed; Ctrl-C exits 130", e);
            return false;
        }
    }
}
