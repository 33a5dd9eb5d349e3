package org.rtmp4j.examples;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rtmp4j.hls.HlsContainer;
import org.rtmp4j.hls.HlsHandler;
import org.rtmp4j.hls.HlsOptions;
import org.rtmp4j.hls.HlsPath;
import org.rtmp4j.http.HttpMethod;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.server.RtmpServer;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The {@code server} command's HLS options (issue 13 §2): HLS and LL-HLS on the HTTP port, on by default
 * whenever HTTP is. Each option has an {@code RTMP_HLS_*} environment default like the other options.
 */
final class HlsCliOptions {
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,9}(?:\\.[0-9]{1,3})?)(ms|s)?");

    @Option(
            names = "--hls",
            negatable = true,
            defaultValue = "${env:RTMP_HLS:-true}",
            fallbackValue = "true",
            description = "Serve HLS and LL-HLS at http://HOST:HTTP_PORT/APP/KEY.m3u8 (needs HTTP); --no-hls turns it off (env RTMP_HLS; default: ${DEFAULT-VALUE}).")
    boolean enabled = true;

    @Option(
            names = "--hls-segment-duration",
            paramLabel = "DURATION",
            defaultValue = "${env:RTMP_HLS_SEGMENT_DURATION:-2s}",
            description = "Target HLS segment duration, e.g. 2s or 1500ms; video segments are cut at the first keyframe after it (env RTMP_HLS_SEGMENT_DURATION; default: ${DEFAULT-VALUE}).")
    String segmentDuration;

    @Option(
            names = "--hls-segments",
            paramLabel = "N",
            defaultValue = "${env:RTMP_HLS_SEGMENTS:-7}",
            description = "Segments listed in the playlist (env RTMP_HLS_SEGMENTS; default: ${DEFAULT-VALUE}).")
    int segments;

    @Option(
            names = "--hls-part-duration",
            paramLabel = "DURATION",
            defaultValue = "${env:RTMP_HLS_PART_DURATION:-200ms}",
            description = "LL-HLS part duration (env RTMP_HLS_PART_DURATION; default: ${DEFAULT-VALUE}).")
    String partDuration;

    @Option(
            names = "--ll-hls",
            negatable = true,
            defaultValue = "${env:RTMP_HLS_LOW_LATENCY:-true}",
            fallbackValue = "true",
            description = "Low-Latency HLS: parts, preload hints, blocking playlist reload; --no-ll-hls for plain HLS (env RTMP_HLS_LOW_LATENCY; default: ${DEFAULT-VALUE}).")
    boolean lowLatency = true;

    @Option(
            names = "--hls-container",
            paramLabel = "fmp4|mpegts",
            defaultValue = "${env:RTMP_HLS_CONTAINER:-fmp4}",
            description = "Segment format: fmp4 (every codec) or mpegts (H.264/HEVC + AAC, old players) (env RTMP_HLS_CONTAINER; default: ${DEFAULT-VALUE}).")
    String container;

    @Option(
            names = "--hls-always-on",
            defaultValue = "${env:RTMP_HLS_ALWAYS_ON:-false}",
            description = "Mux every published stream to HLS from its start, not only while it has HLS viewers (env RTMP_HLS_ALWAYS_ON).")
    boolean alwaysOn;

    @Option(
            names = "--hls-dir",
            paramLabel = "DIR",
            defaultValue = "${env:RTMP_HLS_DIR}",
            description = "Also write playlists and segments to DIR/APP/KEY.m3u8 and DIR/APP/KEY/... (atomic renames, expired segments deleted) for an origin behind a CDN (env RTMP_HLS_DIR).")
    Path dir;

    /**
     * @return the library options these flags describe
     * @throws ParameterException for a bad value
     */
    HlsOptions options(CommandLine cl) {
        if (segments < 1) {
            throw new ParameterException(cl, "--hls-segments must be 1 or more: " + segments);
        }
        HlsContainer c;
        try {
            c = HlsContainer.valueOf(container.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cl, "--hls-container must be fmp4 or mpegts: " + container);
        }
        Duration segment = duration(cl, "--hls-segment-duration", segmentDuration);
        Duration part = duration(cl, "--hls-part-duration", partDuration);
        try {
            return HlsOptions.builder().segmentDuration(segment).segmentsKept(segments).partDuration(part)
                    .lowLatency(lowLatency).container(c).alwaysOn(alwaysOn).build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cl, "HLS options: " + e.getMessage());
        }
    }

    /** Parses {@code 2s}, {@code 1.5s}, {@code 200ms}; a bare number is seconds. */
    static Duration duration(CommandLine cl, String option, String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new ParameterException(cl, option + " must be a duration such as 2s or 200ms: " + text);
        }
        double value = Double.parseDouble(m.group(1));
        long ms = Math.round("ms".equals(m.group(2)) ? value : value * 1000);
        if (ms <= 0) {
            throw new ParameterException(cl, option + " must be more than 0: " + text);
        }
        return Duration.ofMillis(ms);
    }

    /**
     * Mounts the HLS routes on {@code builder} when enabled.
     *
     * @return the handler (close it after the server), or null when HLS is off
     */
    HlsHandler mount(RtmpServer.Builder builder, LiveBroadcastController relay, CommandLine cl) {
        if (!enabled) {
            return null;
        }
        HlsHandler handler = new HlsHandler(relay, options(cl), dir);
        builder.httpRoute(HttpMethod.GET, HlsPath::matches, handler)
                .httpRoute(HttpMethod.HEAD, HlsPath::matches, handler);
        return handler;
    }
}
