package org.rtmp4j.examples;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.rtmp4j.flv.FlvHeader;
import org.rtmp4j.flv.FlvMuxer;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.snapshot.DecodeException;
import org.rtmp4j.snapshot.KeyframeDecoder;
import org.rtmp4j.snapshot.KeyframeSample;
import org.rtmp4j.snapshot.UnsupportedCodecException;

/**
 * Decodes a keyframe of any codec ffmpeg's FLV demuxer knows (H.264, HEVC, AV1, VP9 and the other
 * E-RTMP FourCCs, legacy H.263 and VP6) by running {@code ffmpeg} as a child process: its stdin is a
 * two-tag FLV stream (FLV 10.1 §E.2–§E.3: the sequence header, then the keyframe, both as published,
 * so no per-codec conversion to Annex B or IVF can go wrong), and it writes one JPEG to stdout:
 * {@code ffmpeg -xerror -err_detect explode -f flv -i pipe:0 -frames:v 1 -f image2 -c:v mjpeg pipe:1}.
 * Its output is the stream's picture size. A decoding error ends ffmpeg with an error ({@code -xerror},
 * {@code -err_detect explode}) instead of an error-concealed grey picture, so a corrupt keyframe is a
 * {@link DecodeException}.
 *
 * <p>Bounds: the process is killed ({@link Process#destroyForcibly()}) after {@code timeout}, or when
 * the calling thread is interrupted (the snapshot timeout), and an image over {@code maxJpegBytes} is
 * a failure. stdin, stdout and stderr are temporary files, so no pipe can fill up and block either
 * side; they are deleted after each decode. No ffmpeg (not on {@code PATH}, or the path is not
 * executable) makes every decode an {@link UnsupportedCodecException}; so does an ffmpeg without a
 * decoder for the codec.
 *
 * <p>Thread-safe: every decode has its own process and files.
 */
final class FfmpegDecoder implements KeyframeDecoder {
    /** Default bound of one decode's process, 10 s (the snapshot timeout usually ends it first). */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** Default bound of the JPEG ffmpeg may write, 16 MiB. */
    static final long DEFAULT_MAX_JPEG_BYTES = 16L << 20;

    private final Path ffmpeg;
    private final String missing;
    private final Map<String, String> environment;
    private final Duration timeout;
    private final long maxJpegBytes;

    private FfmpegDecoder(Path ffmpeg, String missing, Map<String, String> environment, Duration timeout, long maxJpegBytes) {
        this.ffmpeg = ffmpeg;
        this.missing = missing;
        this.environment = Map.copyOf(environment);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.maxJpegBytes = maxJpegBytes;
    }

    /**
     * @param command a path ({@code /usr/bin/ffmpeg}) or a name looked up in {@code PATH} ({@code ffmpeg})
     * @param environment variables added to the process's environment (e.g. {@code LD_LIBRARY_PATH})
     * @param timeout the longest one decode's process may run
     * @param maxJpegBytes the largest JPEG accepted
     * @return the decoder; one that refuses every codec when {@code command} is not found
     */
    static FfmpegDecoder locate(String command, Map<String, String> environment, Duration timeout, long maxJpegBytes) {
        Path found = find(command, System.getenv("PATH"));
        return new FfmpegDecoder(found, found == null ? "ffmpeg not found: " + command : null, environment, timeout,
                maxJpegBytes);
    }

    /** @return the ffmpeg found, or {@code null} */
    Path ffmpeg() {
        return ffmpeg;
    }

    /** {@code command} itself when it names a path, else the first executable {@code command} in {@code path}. */
    static Path find(String command, String path) {
        if (command == null || command.isBlank()) {
            return null;
        }
        if (command.contains(File.separator)) {
            Path p = Path.of(command);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? p : null;
        }
        for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, command);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    @Override
    public byte[] decode(KeyframeSample sample) throws UnsupportedCodecException, DecodeException, InterruptedException {
        if (ffmpeg == null) {
            throw new UnsupportedCodecException(missing);
        }
        Path dir = null;
        Process process = null;
        try {
            dir = Files.createTempDirectory("rtmp4j-snapshot");
            Path in = dir.resolve("in.flv");
            Path out = dir.resolve("out.jpg");
            Path err = dir.resolve("ffmpeg.log");
            writeFlv(in, sample);
            ProcessBuilder pb = new ProcessBuilder(List.of(ffmpeg.toString(), "-hide_banner", "-loglevel", "error",
                    "-xerror", "-err_detect", "explode", "-f", "flv", "-i", "pipe:0", "-an", "-frames:v", "1", "-f", "image2", "-c:v", "mjpeg", "-q:v", "3",
                    "pipe:1"))
                    .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().putAll(environment);
            process = pb.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new DecodeException("ffmpeg did not finish within " + timeout.toMillis() + " ms");
            }
            String log = tail(err);
            long size = Files.size(out);
            if (process.exitValue() != 0 || size == 0) {
                if (log.contains("Decoder not found") || log.contains("decoder not found") || log.contains("Unsupported codec")) {
                    throw new UnsupportedCodecException("ffmpeg has no " + sample.codec() + " decoder: " + log);
                }
                throw new DecodeException("ffmpeg exit code " + process.exitValue() + ", " + size + " bytes of JPEG: " + log);
            }
            if (size > maxJpegBytes) {
                throw new DecodeException("ffmpeg wrote " + size + " bytes, more than the " + maxJpegBytes + " allowed");
            }
            return Files.readAllBytes(out);
        } catch (IOException e) {
            throw new DecodeException("running " + ffmpeg + ": " + e.getMessage(), e);
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
            deleteQuietly(dir);
        }
    }

    /** The FLV header (video only), the sequence header and the keyframe, both at the keyframe's timestamp. */
    private static void writeFlv(Path file, KeyframeSample sample) throws IOException {
        FlvMuxer muxer = new FlvMuxer();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            write(ch, muxer.header(new FlvHeader(false, true)));
            if (sample.sequenceHeader().hasRemaining()) {
                for (ByteBuffer b : muxer.encode(new FlvTag(FlvTagType.VIDEO, sample.timestamp(), sample.sequenceHeader().duplicate()))) {
                    write(ch, b);
                }
            }
            for (ByteBuffer b : muxer.encode(new FlvTag(FlvTagType.VIDEO, sample.timestamp(), sample.keyframe().duplicate()))) {
                write(ch, b);
            }
        }
    }

    private static void write(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** The last 600 characters of ffmpeg's log, on one line. */
    private static String tail(Path log) throws IOException {
        String s = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).strip().replaceAll("\\s*\\R\\s*", " | ");
        return s.length() <= 600 ? s : "..." + s.substring(s.length() - 600);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        for (String name : List.of("in.flv", "out.jpg", "ffmpeg.log")) {
            try {
                Files.deleteIfExists(dir.resolve(name));
            } catch (IOException e) {
                // a temp file left behind; nothing else to do
            }
        }
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // as above
        }
    }

    @Override
    public String toString() {
        return ffmpeg == null ? "ffmpeg decoder (" + missing + ")" : "ffmpeg decoder (" + ffmpeg + ")";
    }
}
