package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rtmp4j.client.ClientOptions;
import org.rtmp4j.client.FlvRecording;
import org.rtmp4j.client.Publisher;
import org.rtmp4j.client.RtmpClient;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.session.RtmpStatusException;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;

/**
 * Issue 11 §3, "the server tells the user what happens", through the jar run as a process: the access log, the
 * status line and {@code --log-file}; {@code --no-wait-for-publisher}; {@code play}'s exit code without media and
 * {@code --wait}; the {@code record} server's answer to a play; empty stream keys; two-segment apps.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServerLoggingIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    private CliProcess server;
    private CliProcess client;

    @AfterEach
    void stopProcesses() throws InterruptedException {
        for (CliProcess p : new CliProcess[] {client, server}) {
            if (p != null) {
                p.close();
            }
        }
    }

    private static URI url(int port, String path) {
        return URI.create("rtmp://127.0.0.1:" + port + "/" + path);
    }

    @Test
    void theAccessLogAndTheStatusLineGoToStderrAndTheLogFileWithTimestampsAndPeers() throws Exception {
        Path logFile = tmp.resolve("logs").resolve("rtmp_server.log");
        server = CliProcess.start("server", "--host", "127.0.0.1", "--port", "0", "--http-port", "0", "--status-interval", "1",
                "--log-file", logFile.toString());
        int port = server.awaitPort();
        server.awaitErr("the idle status", l -> l.endsWith("status: no connections"));

        // a player before the publisher waits, and the log says so
        FlvRecording player = RtmpClient.playToFile(url(port, "live/cam"), tmp.resolve("cam.flv"), TIMEOUT);
        String waiting = server.awaitErr("the waiting play", l -> l.contains(" play "));
        assertThat(waiting).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[.*\\] INFO access - play 127\\.0\\.0\\.1:\\d+ "
                + "app=live key=cam waiting for a publisher");

        try (RtmpClient pub = RtmpClient.connect(url(port, "live/cam"), ClientOptions.defaults())) {
            String connect = server.awaitErr("the publisher's connect", l -> l.contains(" connect "));
            assertThat(connect).matches(".* INFO access - connect 127\\.0\\.0\\.1:\\d+ app=live tcUrl=rtmp://127\\.0\\.0\\.1:"
                    + port + "/live flashVer=\".*\"");
            try (Publisher p = pub.publish("cam"); FlvReader flv = FlvReader.open(Media.h264Aac())) {
                assertThat(server.awaitErr("the publish", l -> l.contains(" publish ")))
                        .matches(".* INFO access - publish 127\\.0\\.0\\.1:\\d+ app=live key=cam");
                for (Optional<FlvTag> t = flv.next(); t.isPresent(); t = flv.next()) {
                    p.send(t.get());
                }
                assertThat(server.awaitErr("the codecs", l -> l.contains(" codecs ")))
                        .contains("app=live key=cam video h264 768x320", "audio aac 44100 Hz 2 ch");
                // the status line may have come before the codecs line: look among the lines seen too
                String status = server.errSeen().stream().filter(l -> l.contains("busiest")).findFirst().orElse(null);
                if (status == null) {
                    status = server.awaitErr("a status line naming the stream", l -> l.contains("busiest"));
                }
                assertThat(status).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[rtmp4j-status\\] INFO status - "
                        + "status: 2 connections, 1 streams, 1 players, in .*, out .*, dropped 0; "
                        + "busiest: app=live key=cam 1 player .*bit/s");
            }
            assertThat(server.awaitErr("the unpublish", l -> l.contains(" unpublish ")))
                    .matches(".* INFO access - unpublish 127\\.0\\.0\\.1:\\d+ app=live key=cam video h264 .*");
            player.done().get(10, TimeUnit.SECONDS); // UnpublishNotify ends the recording
            assertThat(server.awaitErr("the player's stop", l -> l.contains(" stop "))).endsWith("app=live key=cam");

            // an empty stream key (ffmpeg given rtmp://HOST/live) is refused and logged with the reason
            assertThatThrownBy(() -> pub.publish(""))
                    .isInstanceOfSatisfying(RtmpStatusException.class, e -> {
                        assertThat(e.status().code()).isEqualTo(StatusCodes.PUBLISH_BAD_NAME);
                        assertThat(e.status().description()).isEqualTo("empty stream key");
                    });
            assertThat(server.awaitErr("the refusal", l -> l.contains("publish refused")))
                    .matches(".* INFO access - publish refused 127\\.0\\.0\\.1:\\d+ "
                            + "app=live key=: NetStream.Publish.BadName empty stream key");
        }
        // rtmp://h/live/inst/KEY is app live/inst and key KEY, as ffmpeg splits it
        RtmpClient.publishFile(url(port, "live/inst/cam2"), Media.h264Aac(), false, TIMEOUT);
        assertThat(server.awaitErr("the two-segment app", l -> l.contains("key=cam2")))
                .contains(" publish ", "app=live/inst key=cam2");

        List<String> stderr = server.stop();
        List<String> logged = CliProcess.lines(logFile);
        assertThat(logged).as("the log file has what stderr had").containsAll(
                stderr.stream().filter(l -> l.contains("INFO")).toList());
        assertThat(logged).anyMatch(l -> l.contains("INFO access - disconnect 127.0.0.1:"));
    }

    @Test
    void withoutWaitingForPublishersAPlayOfAKeyNobodyPublishesIsStreamNotFoundAndPlayExits1() throws Exception {
        server = CliProcess.start(Map.of("RTMP_WAIT_FOR_PUBLISHER", "false"), "server", "--host", "127.0.0.1",
                "--port", "0", "--http-port", "0", "--status-interval", "0");
        int port = server.awaitPort();
        Path logFile = tmp.resolve("play.log");
        client = CliProcess.start("play", "--log-file", logFile.toString(), url(port, "live/nobody").toString(),
                tmp.resolve("nobody.flv").toString());
        assertThat(client.awaitExit()).isEqualTo(1);
        assertThat(String.join("\n", client.allErr())).contains("rtmp4j play:", StatusCodes.PLAY_STREAM_NOT_FOUND);
        assertThat(CliProcess.lines(logFile)).as("the error line reaches --log-file too")
                .anyMatch(l -> l.startsWith("rtmp4j play:") && l.contains(StatusCodes.PLAY_STREAM_NOT_FOUND));
        assertThat(server.awaitErr("the refusal", l -> l.contains("play refused")))
                .matches(".* INFO access - play refused 127\\.0\\.0\\.1:\\d+ app=live key=nobody: "
                        + "NetStream\\.Play\\.StreamNotFound nobody is not published");
    }

    @Test
    void aPlayerWaitsByDefaultAndPlayGivesUpAfterWaitWithNoMediaReceived() throws Exception {
        server = CliProcess.start("server", "--host", "127.0.0.1", "--port", "0", "--http-port", "0", "--status-interval", "0");
        int port = server.awaitPort();
        Path out = tmp.resolve("nobody.flv");
        long start = System.nanoTime();
        Path logFile = tmp.resolve("play.log");
        client = CliProcess.start("play", "--wait", "1", "--log-file", logFile.toString(), url(port, "live/nobody").toString(),
                out.toString());
        assertThat(server.awaitErr("the waiting play", l -> l.contains(" play ")))
                .endsWith("app=live key=nobody waiting for a publisher");
        assertThat(client.awaitExit()).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        String noMedia = "rtmp4j play: no media received from " + url(port, "live/nobody") + " within 1 s; " + out
                + " has no audio or video";
        assertThat(client.allErr()).contains(noMedia);
        assertThat(CliProcess.lines(logFile)).as("the error line reaches --log-file too").contains(noMedia);
        assertThat(server.awaitErr("the player's stop", l -> l.contains(" stop "))).endsWith("app=live key=nobody");
    }

    @Test
    void playExits0WithMediaAndSaysHowMuchItRecorded() throws Exception {
        server = CliProcess.start("server", "--host", "127.0.0.1", "--port", "0", "--http-port", "0", "--status-interval", "0");
        int port = server.awaitPort();
        Path out = tmp.resolve("cam.flv");
        client = CliProcess.start("play", "--wait", "30", url(port, "live/cam").toString(), out.toString());
        server.awaitErr("the waiting play", l -> l.endsWith("app=live key=cam waiting for a publisher"));
        RtmpClient.publishFile(url(port, "live/cam"), Media.h264Aac(), false, TIMEOUT);
        assertThat(client.awaitExit()).isZero();
        assertThat(client.remainingOut()).anyMatch(l -> l.matches("Stream ended; recorded \\d+ audio and video tags of .*"));
    }

    @Test
    void theRecordServerRefusesPlaysWithPlayFailedAndRecordsTwoSegmentAppsAsNestedDirectories() throws Exception {
        Path dir = tmp.resolve("rec");
        server = CliProcess.start("record", "--host", "127.0.0.1", "--port", "0", "--dir", dir.toString());
        int port = server.awaitPort();
        client = CliProcess.start("play", url(port, "live/cam").toString(), tmp.resolve("cam.flv").toString());
        assertThat(client.awaitExit()).isEqualTo(1);
        assertThat(String.join("\n", client.allErr())).contains(StatusCodes.PLAY_FAILED);
        assertThat(server.awaitErr("the refused play", l -> l.contains("play refused")))
                .endsWith("app=live key=cam: NetStream.Play.Failed " + RecordToFlv.NO_PLAYBACK);

        try (RtmpClient pub = RtmpClient.connect(url(port, "live"), ClientOptions.defaults())) {
            assertThatThrownBy(() -> pub.publish(""))
                    .isInstanceOfSatisfying(RtmpStatusException.class, e -> {
                        assertThat(e.status().code()).isEqualTo(StatusCodes.PUBLISH_BAD_NAME);
                        assertThat(e.status().description()).isEqualTo("empty stream key");
                    });
        }
        RtmpClient.publishFile(url(port, "live/_definst_/cam"), Media.h264Aac(), false, TIMEOUT);
        String publish = server.awaitErr("the publish", l -> l.contains(" publish ") && l.endsWith("app=live/_definst_ key=cam"));
        String peer = publish.replaceAll(".* publish (\\S+) .*", "$1");
        server.awaitErr("the publisher's disconnect (after the recorder closed the file)",
                l -> l.endsWith(" disconnect " + peer));
        Path appDir = dir.resolve("live").resolve("_definst_");
        List<Path> files;
        try (var listing = Files.list(appDir)) {
            files = listing.toList();
        }
        assertThat(files).as("one unique-named recording (the default --record-mode)").singleElement()
                .satisfies(f -> assertThat(f.getFileName().toString()).matches("cam-\\d{8}-\\d{6}\\.flv"));
        assertThat(Files.size(files.get(0))).isGreaterThan(300_000);
    }
}
