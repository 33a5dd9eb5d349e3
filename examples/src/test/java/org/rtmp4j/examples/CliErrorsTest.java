package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rtmp4j.live.LiveBroadcastController;
import picocli.CommandLine;

/** Issue 11 §5: every error is one line with its context, the last line on stderr, with the right exit code. */
@Timeout(60)
class CliErrorsTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    @RegisterExtension
    final LoopbackServer server = new LoopbackServer();

    private int run(String... args) {
        CommandLine cmd = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        return cmd.execute(args);
    }

    private List<String> errLines() {
        return err.toString().lines().filter(l -> !l.isBlank()).toList();
    }

    private String lastErrLine() {
        List<String> lines = errLines();
        assertThat(lines).as("stderr").isNotEmpty();
        return lines.get(lines.size() - 1);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void addressAlreadyInUseNamesHostAndPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThat(run("server", "--host", "127.0.0.1", "--port", String.valueOf(port), "--status-interval", "0")).isEqualTo(1);
            assertThat(lastErrLine()).isEqualTo("rtmp4j server: Address already in use: 127.0.0.1:" + port);
        }
    }

    @Test
    void connectionRefusedNamesTheUrl() throws Exception {
        String url = "rtmp://127.0.0.1:" + freePort() + "/live/cam";
        assertThat(run("play", url, dir.resolve("out.flv").toString(), "--timeout", "5")).isEqualTo(1);
        assertThat(lastErrLine()).startsWith("rtmp4j play: Connection refused: " + url + " (127.0.0.1:");
        assertThat(errLines()).hasSize(1);
    }

    @Test
    void anMp4GivenToPublishSaysItIsNotFlvAndHowToRemuxItBeforeConnecting() throws Exception {
        Path mp4 = dir.resolve("in.mp4");
        Files.write(mp4, new byte[] {0, 0, 0, 0x20, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0});
        // port 1: nothing listens there, so a connect attempt would fail differently
        assertThat(run("publish", mp4.toString(), "rtmp://127.0.0.1:1/live/cam")).isEqualTo(1);
        assertThat(lastErrLine())
                .startsWith("rtmp4j publish: " + mp4 + ": FLV offset 0: not an FLV file (it is an MP4/MOV file")
                .endsWith("ffmpeg -i " + mp4 + " -c copy -f flv " + dir.resolve("in.flv"));
        assertThat(errLines()).hasSize(1);
    }

    @Test
    void aMissingFileToPublishIsAUsageErrorWhoseLineComesAfterTheUsage() {
        Path missing = dir.resolve("nope.flv");
        assertThat(run("publish", missing.toString(), "rtmp://127.0.0.1/live/cam")).isEqualTo(2);
        assertThat(lastErrLine()).isEqualTo("rtmp4j publish: Not a file: " + missing + " (no such file)");
        assertThat(err.toString()).contains("Usage: rtmp4j publish");
        assertThat(err.toString().indexOf("Usage:")).isLessThan(err.toString().indexOf("Not a file"));
    }

    @Test
    void flvInfoOnAMissingFileNamesThePathAndWhatWasBeingDone() {
        Path missing = dir.resolve("nope.flv");
        assertThat(run("flv-info", missing.toString())).isEqualTo(1);
        assertThat(lastErrLine()).isEqualTo("rtmp4j flv-info: cannot read " + missing + " to describe it: no such file or directory");
    }

    @Test
    void aMissingParameterAndAMistypedOptionEndWithTheErrorLine() {
        assertThat(run("publish", "in.flv")).isEqualTo(2);
        assertThat(err.toString()).contains("Usage: rtmp4j publish");
        assertThat(lastErrLine()).startsWith("rtmp4j publish: Missing required parameter").contains("URL");

        err.getBuffer().setLength(0);
        assertThat(run("server", "--prot", "1935")).isEqualTo(2);
        assertThat(err.toString()).contains("Usage: rtmp4j server");
        assertThat(lastErrLine()).startsWith("rtmp4j server: Unknown option").contains("'--prot'");
    }

    @Test
    void aRecordingThatCannotBeCreatedNamesThePathAndWhatWasBeingDone() throws Exception {
        server.start(new LiveBroadcastController());
        Path out = dir.resolve("missing-dir").resolve("out.flv");
        assertThat(run("play", server.url("live/cam"), out.toString(), "--timeout", "5")).isEqualTo(1);
        assertThat(lastErrLine()).isEqualTo("rtmp4j play: cannot create " + out + " to record "
                + server.url("live/cam") + " into: no such file or directory");
    }

    @Test
    void loadWithoutSyntheticFramesPrintsNotApplicableAndFailsWhenNoPlayerGotMedia() throws Exception {
        server.start(new LiveBroadcastController());
        String url = server.url("live/nobody");
        assertThat(run("load", url, "--players", "1", "--duration", "1", "--timeout", "5")).isEqualTo(1);
        assertThat(out.toString()).doesNotContain("NaN").containsPattern("latency +n/a \\(needs --synthetic\\)")
                .containsPattern("players that got media +0 of 1");
        assertThat(lastErrLine()).startsWith("rtmp4j load: no player received media from " + url);
    }

    @Test
    void loadWithASyntheticPublisherMeasuresLatencyAndSucceeds() throws Exception {
        server.start(new LiveBroadcastController());
        assertThat(run("load", server.url("live/synth"), "--players", "1", "--duration", "1", "--timeout", "5",
                "--synthetic", "200")).isZero();
        assertThat(out.toString()).doesNotContain("NaN", "n/a (needs").containsPattern("latency +p50 ")
                .containsPattern("audio latency +p50 ");
    }
}
