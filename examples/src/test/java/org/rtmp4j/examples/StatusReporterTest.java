package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.live.LiveStats;
import org.rtmp4j.server.RtmpServer;

@Timeout(10)
class StatusReporterTest {
    /** Hands each flushed chunk of text to a queue, from the reporter's thread. */
    static final class QueueWriter extends Writer {
        final BlockingQueue<String> flushed = new LinkedBlockingQueue<>();
        final BlockingQueue<Boolean> daemon = new LinkedBlockingQueue<>();
        private final StringBuilder buf = new StringBuilder();

        @Override
        public synchronized void write(char[] c, int off, int len) {
            buf.append(c, off, len);
        }

        @Override
        public synchronized void flush() {
            flushed.add(buf.toString());
            daemon.add(Thread.currentThread().isDaemon());
            buf.setLength(0);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void printsOneStatusLinePerIntervalOnADaemonThreadUntilClosed() throws Exception {
        RtmpServer server = RtmpServer.builder().port(0).build(); // not started: all counters zero
        QueueWriter w = new QueueWriter();
        try (StatusReporter r = StatusReporter.start(server, () -> new LiveStats(0, 0, 0), new PrintWriter(w), Duration.ofMillis(20))) {
            for (int i = 0; i < 2; i++) {
                assertThat(w.flushed.poll(5, TimeUnit.SECONDS)).isEqualTo(
                        "status: 0 connections, 0 streams, 0 players, in 0 bit/s, out 0 bit/s, dropped 0" + System.lineSeparator());
                assertThat(w.daemon.poll(5, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            server.close();
        }
    }
}
