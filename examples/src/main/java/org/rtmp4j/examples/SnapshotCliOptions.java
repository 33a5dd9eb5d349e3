package org.rtmp4j.examples;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.rtmp4j.examples.load.DurationConverter;
import org.rtmp4j.http.HttpMethod;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.StreamInfo;
import org.rtmp4j.server.RtmpServer;
import org.rtmp4j.snapshot.KeyframeDecoder;
import org.rtmp4j.snapshot.SnapshotHandler;
import org.rtmp4j.snapshot.SnapshotOptions;
import org.rtmp4j.snapshot.SnapshotPath;
import org.rtmp4j.snapshot.Snapshots;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The {@code server} options of JPEG snapshots (issue 14 §3, §5) and their wiring: {@code GET
 * /APP/KEY.jpg} and {@code /api/v1/streams/APP/KEY/snapshot.jpg} on the HTTP port, decoded by
 * {@link JCodecDecoder} and then {@link FfmpegDecoder}, optionally written to a directory.
 */
final class SnapshotCliOptions {
    @Option(
            names = "--snapshot-interval",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "${env:RTMP_SNAPSHOT_INTERVAL:-5s}",
            description = "At most one snapshot decode per stream per DURATION (500ms, 5s, 1m); GET /APP/KEY.jpg serves the "
                    + "cached JPEG meanwhile (env RTMP_SNAPSHOT_INTERVAL; default: ${DEFAULT-VALUE}).")
    Duration interval = SnapshotOptions.DEFAULT_INTERVAL;

    @Option(
            names = "--snapshot-timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "${env:RTMP_SNAPSHOT_TIMEOUT:-3s}",
            description = "A snapshot decode still running after DURATION is cancelled and answered 503 "
                    + "(env RTMP_SNAPSHOT_TIMEOUT; default: ${DEFAULT-VALUE}).")
    Duration timeout = SnapshotOptions.DEFAULT_TIMEOUT;

    @Option(
            names = "--snapshot-ffmpeg",
            paramLabel = "PATH",
            defaultValue = "${env:RTMP_SNAPSHOT_FFMPEG:-ffmpeg}",
            description = "The ffmpeg that decodes snapshots of what the in-process H.264 decoder cannot (HEVC, AV1, VP9, "
                    + "...): a path, or a name looked up in PATH; without it those snapshots answer 503 "
                    + "(env RTMP_SNAPSHOT_FFMPEG; default: ${DEFAULT-VALUE}).")
    String ffmpeg = "ffmpeg";

    @Option(
            names = "--snapshot-dir",
            paramLabel = "DIR",
            defaultValue = "${env:RTMP_SNAPSHOT_DIR}",
            description = "Also write each live stream's snapshot to DIR/APP/KEY.jpg once per --snapshot-interval, "
                    + "replaced atomically (env RTMP_SNAPSHOT_DIR).")
    Path dir;

    /** Refuses a zero or negative timeout as a usage error (exit code 2). */
    void validate(CommandLine commandLine) {
        if (timeout.isZero() || timeout.isNegative()) {
            throw new ParameterException(commandLine, "--snapshot-timeout must be more than 0: " + timeout);
        }
    }

    /** @return one closeable that closes {@code first}, then {@code second} */
    static AutoCloseable closingBoth(AutoCloseable first, AutoCloseable second) {
        return () -> {
            try {
                first.close();
            } finally {
                second.close();
            }
        };
    }

    /**
     * @return the options as the library takes them
     * @throws IllegalArgumentException if the timeout is zero
     */
    SnapshotOptions options() {
        return SnapshotOptions.DEFAULT.withInterval(interval).withTimeout(timeout);
    }

    /** JCodec in process first, then the ffmpeg process (bounded by the snapshot timeout as well). */
    KeyframeDecoder decoder() {
        return KeyframeDecoder.firstOf(List.of(new JCodecDecoder(),
                FfmpegDecoder.locate(ffmpeg, Map.of(), FfmpegDecoder.DEFAULT_TIMEOUT, FfmpegDecoder.DEFAULT_MAX_JPEG_BYTES)));
    }

    /**
     * Mounts the snapshot routes on {@code builder} when {@code http} (exact paths, so add them before any
     * broader route) and starts the directory writer when {@code --snapshot-dir} is set.
     *
     * @return what to close at shutdown
     */
    AutoCloseable install(LiveBroadcastController relay, RtmpServer.Builder builder, boolean http) {
        if (!http && dir == null) {
            return () -> { };
        }
        Snapshots snapshots = new Snapshots(relay, decoder(), options());
        if (http) {
            SnapshotHandler handler = new SnapshotHandler(snapshots);
            builder.httpRoute(HttpMethod.GET, SnapshotPath::matches, handler)
                    .httpRoute(HttpMethod.HEAD, SnapshotPath::matches, handler);
        }
        SnapshotDirWriter writer = dir == null ? null : SnapshotDirWriter.start(snapshots, () -> relay.activeStreams().stream()
                .filter(StreamInfo::live).map(StreamInfo::key).collect(Collectors.toSet()), dir);
        return () -> {
            if (writer != null) {
                writer.close();
            }
            snapshots.close();
        };
    }
}
