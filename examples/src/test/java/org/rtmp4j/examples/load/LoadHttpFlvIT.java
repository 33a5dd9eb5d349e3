package org.rtmp4j.examples.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.http.FlvStreamPath;
import org.rtmp4j.http.HttpMethod;
import org.rtmp4j.live.HttpFlvPlayer;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.server.RtmpServer;
import picocli.CommandLine;

/** {@code load --http-flv}: an RTMP synthetic publisher and HTTP-FLV players against an in-process server. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoadHttpFlvIT {
    private RtmpServer server;

    @BeforeEach
    void start() throws Exception {
        LiveBroadcastController relay = new LiveBroadcastController();
        server = RtmpServer.builder().port(0).eventLoops(1).controller(relay).http(0)
                .httpRoute(HttpMethod.GET, FlvStreamPath::matches, new HttpFlvPlayer(relay)).build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyHttpFlvPlayerGetsMediaAndLatencyIsMeasured() {
        StringWriter out = new StringWriter();
        int code = new CommandLine(new LoadCommand()).setOut(new PrintWriter(out)).execute(
                "rtmp://127.0.0.1:" + server.port() + "/live/bench", "--http-flv",
                "http://127.0.0.1:" + server.httpPort() + "/live/bench.flv", "--players", "5", "--duration", "3",
                "--synthetic", "500", "--loops", "1", "--json");
        assertThat(code).as(out.toString()).isZero();
        String json = out.toString().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow();
        assertThat(json).contains("\"url\":\"http://127.0.0.1:" + server.httpPort() + "/live/bench.flv\"");
        assertThat((int) field(json, "withMedia")).isEqualTo(5);
        assertThat((int) field(json, "connected")).isEqualTo(5);
        assertThat((int) field(json, "disconnected")).isZero();
        assertThat((int) field(json, "keptUp")).isEqualTo(5);
        assertThat((int) field(json, "withKeyframe")).isEqualTo(5);
        assertThat((long) field(json, "latencySamples")).isGreaterThan(5L * 25);
        assertThat(field(json, "latencyP99Ms")).isPositive().isLessThan(2000);
        // the AAC frames beside the video (43 per second), mapped back to their send times
        assertThat((long) field(json, "audioSamples")).isGreaterThan(5L * 43);
        assertThat(field(json, "audioP50Ms")).isPositive().isLessThan(2000);
        assertThat(field(json, "audioP99Ms")).isPositive().isLessThan(2000);
        assertThat((long) field(json, "bytes")).isGreaterThan(5L * 3 * 500_000 / 8 / 2);
        // the steady window a harness divides the server's CPU over: every player playing, then --duration
        double steadyMs = field(json, "steadyEndEpochMs") - field(json, "steadyStartEpochMs");
        assertThat(steadyMs).isBetween(2900.0, 4000.0);
        assertThat((long) field(json, "steadyBytes")).isPositive().isLessThanOrEqualTo((long) field(json, "bytes"))
                .isGreaterThan(5L * 2 * 500_000 / 8 / 2);
    }

    @Test
    void aMissingStreamIsReportedAsNoMedia() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new LoadCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(
                "http://127.0.0.1:" + server.httpPort() + "/live/nobody.flv", "--players", "2", "--duration", "1",
                "--loops", "1");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("no player received media");
    }

    private static double field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(-?[0-9.]+)").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
