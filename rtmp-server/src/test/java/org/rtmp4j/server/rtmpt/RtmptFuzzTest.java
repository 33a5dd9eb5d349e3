package org.rtmp4j.server.rtmpt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import org.rtmp4j.http.HttpRequestException;

/**
 * Fuzzes RTMPT request handling: path parsing ({@link RtmptRequest#parse}) and one session's state machine
 * ({@link RtmptSession}) over an inline loop and a fake engine that echoes what it is fed (and closes itself on a
 * 0x7F byte, as a protocol error would). Invariants: a parse failure is only {@link HttpRequestException} 400
 * with an offset inside the path, and a parsed request formats to a path that parses to it again; a reply is 200 (polling-delay byte
 * 0x01..0x21, at most {@code maxReplyBytes} RTMP bytes after it), 400 (a sequence number that did not increase;
 * the session then ends) or 404 (ended); the engine is fed exactly the {@code send} bodies of accepted requests,
 * never padding; the reply bytes are, in order, a prefix of what the engine wrote; the engine hears the end once.
 *
 * <p>Input layout: byte 0 = {@code maxReplyBytes} from a table of 1, 7, 100 and 32 KiB; then steps, each an
 * opcode byte and its operands (see {@link #run}). Regression inputs:
 * {@code src/test/resources/org/rtmp4j/server/rtmpt/RtmptFuzzTestInputs/requests/}.
 */
class RtmptFuzzTest {
    private static final int[] MAX_REPLY = {1, 7, 100, 32 * 1024};

    @FuzzTest
    void requests(byte[] data) {
        if (data.length == 0) {
            return;
        }
        new Run(data).run();
    }

    /** One fuzz input's run. */
    private static final class Run {
        private final byte[] data;
        private int at = 1;
        private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
        private final FakeEngine engine = new FakeEngine();
        private final RtmptOptions options;
        private final RtmptSession session;
        private long now;
        private long lastSequence = -1;
        private boolean ended;
        private final ByteArrayOutputStream delivered = new ByteArrayOutputStream();

        Run(byte[] data) {
            this.data = data;
            this.options = RtmptOptions.defaults().withMaxReplyBytes(MAX_REPLY[(data[0] & 0xFF) % MAX_REPLY.length]);
            RtmptLoop loop = new RtmptLoop() {
                @Override
                public void execute(Runnable task) {
                    tasks.add(task);
                }

                @Override
                public void schedule(Runnable task, long delayNanos) {
                    tasks.add(task);
                }

                @Override
                public boolean inLoop() {
                    return true;
                }

                @Override
                public Object executorKey() {
                    return this;
                }
            };
            session = new RtmptSession("id", new InetSocketAddress("127.0.0.1", 1), options, loop, s -> {}, () -> now);
            engine.transport = session;
            session.start(engine, now);
        }

        private int next() {
            return at < data.length ? data[at++] & 0xFF : 0;
        }

        private byte[] take(int n) {
            int k = Math.min(n, data.length - at);
            byte[] b = Arrays.copyOfRange(data, at, at + k);
            at += k;
            return b;
        }

        /**
         * Opcodes (byte % 6): 0 path (length byte, then that many bytes), 1 send (sequence step byte: the number
         * is the last one + step - 2, so 0 and 1 go back and 2 repeats; body length byte; body), 2 idle (step
         * byte), 3 close (step byte), 4 time passes (byte x 100 ms) and the session ticks, 5 the engine writes
         * (length byte) or, on an odd length, closes.
         */
        void run() {
            while (at < data.length) {
                int op = next() % 6;
                switch (op) {
                    case 0 -> path(new String(take(next()), StandardCharsets.ISO_8859_1));
                    case 1 -> request(RtmptRequest.Command.SEND, next(), take(next()));
                    case 2 -> request(RtmptRequest.Command.IDLE, next(), new byte[] {0});
                    case 3 -> request(RtmptRequest.Command.CLOSE, next(), new byte[] {0});
                    case 4 -> {
                        now += next() * 100_000_000L;
                        session.onTick(now);
                    }
                    default -> {
                        int n = next();
                        if (n % 2 == 1) {
                            engine.closedItself = true; // a kick: the engine closes its transport
                            session.close();
                        } else {
                            engine.write(new byte[n]);
                        }
                    }
                }
                runTasks();
                check();
            }
        }

        private void runTasks() {
            for (Runnable t = tasks.poll(); t != null; t = tasks.poll()) {
                t.run();
            }
        }

        private void path(String path) {
            if (!RtmptRequest.matches(path)) {
                return;
            }
            try {
                RtmptRequest r = RtmptRequest.parse(path);
                assertThat(RtmptRequest.parse(format(r))).isEqualTo(r); // leading zeros are accepted
            } catch (HttpRequestException e) {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.offset()).isBetween(0L, (long) path.length());
            }
        }

        private static String format(RtmptRequest r) {
            return switch (r.command()) {
                case OPEN -> "/open/1";
                case IDENT -> "/fcs/ident2";
                default -> "/" + r.command().name().toLowerCase(java.util.Locale.ROOT) + "/" + r.sessionId() + "/"
                        + r.sequence();
            };
        }

        private void request(RtmptRequest.Command command, int step, byte[] body) {
            long sequence = Math.max(0, lastSequence + step - 2);
            String path = "/" + command.name().toLowerCase(java.util.Locale.ROOT) + "/id/" + sequence;
            RtmptRequest r = RtmptRequest.parse(path);
            ended |= session.isClosed(); // expired, or kicked with nothing queued
            int fedBefore = engine.fedCalls;
            boolean engineWasOpen = !engine.closedItself;
            RtmptReply[] reply = new RtmptReply[1];
            assertThatCode(() -> reply[0] = session.handle(r, ByteBuffer.wrap(body), now)).doesNotThrowAnyException();
            int status = reply[0].status();
            if (ended) {
                assertThat(status).as("after the end").isEqualTo(404);
                return;
            }
            if (sequence <= lastSequence) {
                assertThat(status).isEqualTo(400);
                ended = true;
                return;
            }
            if (status == 404) {
                assertThat(session.isClosed()).isTrue();
                ended = true;
                return;
            }
            assertThat(status).isEqualTo(200);
            lastSequence = sequence;
            if (command == RtmptRequest.Command.SEND && engineWasOpen && body.length > 0) {
                assertThat(engine.fedCalls).isEqualTo(fedBefore + 1);
                assertThat(engine.lastFed).isEqualTo(body);
            } else {
                assertThat(engine.fedCalls).as("padding is not RTMP data").isEqualTo(fedBefore);
            }
            ByteBuffer b = reply[0].body();
            assertThat(b.remaining()).isBetween(1, 1 + options.maxReplyBytes());
            assertThat(b.get() & 0xFF).isBetween(PollingDelay.MIN, PollingDelay.MAX);
            byte[] rest = new byte[b.remaining()];
            b.get(rest);
            delivered.writeBytes(rest);
            if (command == RtmptRequest.Command.CLOSE || session.isClosed()) {
                ended = true;
            }
        }

        private void check() {
            byte[] written = engine.written.toByteArray();
            byte[] got = delivered.toByteArray();
            assertThat(got.length).isLessThanOrEqualTo(written.length);
            assertThat(Arrays.copyOf(written, got.length)).as("replies carry the engine's bytes in order").isEqualTo(got);
            assertThat(engine.closedCalls).isEqualTo(session.isClosed() ? 1 : 0);
            if (!session.isClosed()) {
                assertThat(session.queuedBytes()).isEqualTo(written.length - got.length);
            }
        }
    }

    /** Echoes what it is fed, inverted, in two buffers; closes its transport on a 0x7F byte. */
    private static final class FakeEngine implements RtmptEngine {
        RtmptSession transport;
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        byte[] lastFed;
        int fedCalls;
        int closedCalls;
        boolean closedItself;

        @Override
        public void onBytes(ByteBuffer in) {
            byte[] b = new byte[in.remaining()];
            in.get(b);
            fedCalls++;
            lastFed = b;
            byte[] echo = b.clone();
            for (int i = 0; i < echo.length; i++) {
                echo[i] ^= (byte) 0xFF;
            }
            write(echo);
            for (byte x : b) {
                if (x == 0x7F) {
                    closedItself = true;
                    transport.close();
                    return;
                }
            }
        }

        void write(byte[] b) {
            if (transport.isClosed()) {
                return;
            }
            written.writeBytes(b);
            int half = b.length / 2;
            transport.write(List.of(ByteBuffer.wrap(b, 0, half).slice(), ByteBuffer.wrap(b, half, b.length - half).slice()));
        }

        @Override
        public void onTick(long nowNanos) {}

        @Override
        public void countBytes(long in, long out) {}

        @Override
        public void closed(Throwable causeOrNull) {
            closedCalls++;
        }
    }
}
