package org.rtmp4j.examples.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.http.HttpHeaders;
import org.rtmp4j.http.HttpMethod;
import org.rtmp4j.server.RtmpServer;
import picocli.CommandLine;

/** {@code load-http}: keep-alive clients fetching one object from an in-process server. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpLoadIT {
    private static final int BODY = 100_000;
    private final AtomicLong served = new AtomicLong();
    private RtmpServer server;

    @BeforeEach
    void start() throws Exception {
        ByteBuffer body = ByteBuffer.allocate(BODY);
        server = RtmpServer.builder().port(0).eventLoops(1).http(0)
                .httpRoute(HttpMethod.GET, "/seg.m4s"::equals, exchange -> {
                    served.incrementAndGet();
                    exchange.respond(200, HttpHeaders.of("Content-Type", "video/mp4"), body.duplicate());
                }).build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyResponseIsCountedAndTheServerAgrees() {
        StringWriter out = new StringWriter();
        int code = new CommandLine(new HttpLoadCommand()).setOut(new PrintWriter(out)).execute(
                "http://127.0.0.1:" + server.httpPort() + "/seg.m4s", "--clients", "20", "--duration", "2", "--json");
        assertThat(code).as(out.toString()).isZero();
        String json = out.toString().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow();
        long responses = (long) field(json, "responses");
        assertThat(responses).isGreaterThan(20);
        assertThat((long) field(json, "non200")).isZero();
        assertThat((long) field(json, "failures")).isZero();
        assertThat((long) field(json, "bytes")).isGreaterThanOrEqualTo(responses * BODY);
        // each client may have one request in flight that the server answered after the clients stopped reading
        assertThat(served.get()).isBetween(responses, responses + 20);
        assertThat(field(json, "latencyP99Ms")).isPositive();
    }

    @Test
    void aMissingObjectExitsWithOne() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new HttpLoadCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(
                "http://127.0.0.1:" + server.httpPort() + "/nothing.m4s", "--clients", "2", "--duration", "1", "--json");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("no 200 response");
        assertThat(out.toString()).contains("\"non200\":");
    }

    private static double field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":([-0-9.]+)").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
