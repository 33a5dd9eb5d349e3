package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Test fixture for the external ffmpeg/ffprobe tools: finds them, runs them with bounded timeouts, logs each
 * process's output to a file and kills whatever is still running on {@link #close()} (call it from
 * {@code @AfterEach}).
 *
 * <p>Where the binaries come from, in order: {@code -Dffmpeg.path} (a directory holding {@code ffmpeg} and
 * {@code ffprobe}, or the {@code ffmpeg} binary itself), then {@code -Dffmpeg.dir}, which the examples POM points
 * at bytedeco's ffmpeg unpacked from Maven Central into {@code target/ffmpeg}. If no working ffmpeg is found, the
 * test is aborted (skipped) with the reason, except when the environment has {@code CI=true}: then it fails,
 * so that CI cannot pass without running the interop tests.
 */
final class Ffmpeg implements AutoCloseable {
    /** ffprobe's description of one stream. {@code frames} is {@code nb_read_frames} (-1 if not reported). */
    record StreamInfo(String codecType, String codecName, long frames) {}

    /** ffprobe's description of a file; {@code durationSeconds} is the container duration (NaN if unknown). */
    record ProbeInfo(List<StreamInfo> streams, double durationSeconds) {
        StreamInfo stream(String codecType) {
            return streams.stream()
                    .filter(s -> s.codecType().equals(codecType))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no " + codecType + " stream in " + streams));
        }
    }

    /** A started ffmpeg process and the file its stdout and stderr go to. */
    record Run(String name, Process process, Path log) {
        /**
         * Waits for the process to exit.
         *
         * @return its exit code
         * @throws AssertionError if it is still running after {@code timeout} (it is then killed)
         */
        int await(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(name + " still running after " + timeout + "; log:\n" + logTail());
            }
            return process.exitValue();
        }

        /** Waits for a clean exit (code 0) within {@code timeout}. */
        void awaitSuccess(Duration timeout) throws InterruptedException {
            int code = await(timeout);
            assertThat(code).as("%s exit code; log:%n%s", name, logTail()).isZero();
        }

        /** Asks ffmpeg to stop (SIGTERM): it finishes the output file and exits. */
        void stop() {
            process.destroy();
        }

        String logTail() {
            try {
                String text = Files.readString(log, StandardCharsets.UTF_8);
                return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }
    }

    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(20);
    private static volatile Located located;

    private record Located(Path ffmpeg, Path ffprobe, Path libraryDir) {}

    private final Located tools;
    private final Path workDir;
    private final List<Process> started = new CopyOnWriteArrayList<>();
    private int counter;

    private Ffmpeg(Located tools, Path workDir) {
        this.tools = tools;
        this.workDir = workDir;
    }

    /**
     * Finds a working ffmpeg, or aborts the test (fails it under {@code CI=true}).
     *
     * @param workDir where process logs are written
     */
    static Ffmpeg locate(Path workDir) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Located found = located;
        if (found == null) {
            synchronized (Ffmpeg.class) {
                if (located == null) {
                    located = find();
                }
                found = located;
            }
        }
        return new Ffmpeg(found, workDir);
    }

    /** The directory for test output of {@code testClass}: {@code target/interop/<class>} (or the temp dir). */
    static Path outputDir(Class<?> testClass, String testName) {
        String base = System.getProperty("rtmp4j.test.output");
        Path root = base == null || base.isBlank() ? Path.of(System.getProperty("java.io.tmpdir"), "rtmp4j-interop") : Path.of(base);
        return root.resolve(testClass.getSimpleName()).resolve(testName.replaceAll("[^A-Za-z0-9_.-]", "_"));
    }

    /** Deletes {@code dir} and everything below it, if it exists (output of an earlier run). */
    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static Located find() throws IOException, InterruptedException {
        String path = System.getProperty("ffmpeg.path", "").trim();
        String dir = System.getProperty("ffmpeg.dir", "").trim();
        Path ffmpeg;
        if (!path.isEmpty()) {
            Path p = Path.of(path);
            ffmpeg = Files.isDirectory(p) ? p.resolve("ffmpeg") : p;
        } else if (!dir.isEmpty()) {
            ffmpeg = Path.of(dir).resolve("ffmpeg");
        } else {
            return unavailable("neither -Dffmpeg.path nor -Dffmpeg.dir is set (run the tests through Maven)");
        }
        Path ffprobe = ffmpeg.resolveSibling("ffprobe");
        if (!Files.isRegularFile(ffmpeg) || !Files.isRegularFile(ffprobe)) {
            return unavailable("no ffmpeg/ffprobe at " + ffmpeg.getParent()
                    + " (the examples POM unpacks org.bytedeco:ffmpeg there unless -DskipTests; or set -Dffmpeg.path)");
        }
        Path libraryDir = ffmpeg.getParent();
        if (!path.isEmpty()) {
            libraryDir = null; // a system ffmpeg finds its own libraries
        } else {
            prepareBytedecoDir(libraryDir);
        }
        ffmpeg.toFile().setExecutable(true);
        ffprobe.toFile().setExecutable(true);
        Located candidate = new Located(ffmpeg, ffprobe, libraryDir);
        Path log = Files.createTempFile("ffmpeg-version", ".log");
        try {
            Process p = builder(candidate, List.of(ffmpeg.toString(), "-hide_banner", "-version"), log).start();
            boolean exited = p.waitFor(VERSION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                p.destroyForcibly();
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            if (!exited || p.exitValue() != 0 || !out.startsWith("ffmpeg version")) {
                return unavailable(ffmpeg + " -version failed: " + out.strip()
                        + (out.contains("libpulse") ? " (install the PulseAudio client library: apt-get install libpulse0)" : ""));
            }
        } catch (IOException e) {
            return unavailable("cannot run " + ffmpeg + ": " + e);
        } finally {
            Files.deleteIfExists(log);
        }
        return candidate;
    }

    /**
     * bytedeco's jar ships {@code libva.so}/{@code libva-drm.so} whose sonames end in {@code .2}; link those names
     * so the dynamic linker finds them through {@code LD_LIBRARY_PATH}.
     */
    private static void prepareBytedecoDir(Path dir) throws IOException {
        for (String lib : List.of("libva.so", "libva-drm.so")) {
            Path target = dir.resolve(lib);
            Path link = dir.resolve(lib + ".2");
            if (Files.isRegularFile(target) && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createSymbolicLink(link, target.getFileName());
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    // another fork created it
                }
            }
        }
    }

    private static Located unavailable(String reason) {
        String message = "ffmpeg interop tests need ffmpeg and ffprobe: " + reason;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message + " [CI=true: failing instead of skipping]");
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    private static ProcessBuilder builder(Located tools, List<String> command, Path log) {
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        if (tools.libraryDir() != null) {
            Map<String, String> env = pb.environment();
            String old = env.get("LD_LIBRARY_PATH");
            env.put("LD_LIBRARY_PATH", tools.libraryDir() + (old == null || old.isEmpty() ? "" : ":" + old));
        }
        return pb;
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows") ? "NUL" : "/dev/null");
    }

    /** Starts {@code ffmpeg -hide_banner -nostdin -y ARGS}; its output goes to {@code <workDir>/<name>.log}. */
    Run start(String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(tools.ffmpeg().toString(), "-hide_banner", "-nostdin", "-y"));
        command.addAll(List.of(args));
        return launch(name, command);
    }

    private synchronized Run launch(String name, List<String> command) throws IOException {
        Path log = workDir.resolve(String.format("%02d-%s.log", ++counter, name));
        Files.writeString(log, String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8);
        ProcessBuilder pb = builder(tools, command, log).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process process = pb.start();
        started.add(process);
        return new Run(name, process, log);
    }

    /** Runs ffmpeg to completion and requires exit code 0. */
    void run(String name, Duration timeout, String... args) throws IOException, InterruptedException {
        start(name, args).awaitSuccess(timeout);
    }

    /**
     * Decodes every stream of {@code file} with {@code ffmpeg -v error -i FILE -f null -}.
     *
     * @return what ffmpeg reported at level error (empty for a clean decode); fails on a non-zero exit
     */
    String decodeErrors(Path file) throws IOException, InterruptedException {
        List<String> command = List.of(tools.ffmpeg().toString(), "-hide_banner", "-nostdin", "-v", "error", "-i", file.toString(), "-f", "null", "-");
        Path out = workDir.resolve("decode-" + file.getFileName() + ".out");
        Process p = builder(tools, command, out).start();
        started.add(p);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("decoding " + file + " took over 60 s");
        }
        String errors = Files.readString(out, StandardCharsets.UTF_8).strip();
        assertThat(p.exitValue()).as("ffmpeg decode exit code of %s: %s", file, errors).isZero();
        return errors;
    }

    /** Runs {@code ffprobe -count_frames} on {@code file} and parses stream types, codecs, frame counts and duration. */
    ProbeInfo probe(Path file) throws IOException, InterruptedException {
        List<String> command = List.of(tools.ffprobe().toString(), "-v", "error", "-count_frames",
                "-show_entries", "stream=codec_type,codec_name,nb_read_frames:format=duration",
                "-of", "compact", file.toString());
        Path out = workDir.resolve("probe-" + file.getFileName() + ".out");
        Process p = builder(tools, command, out).start();
        started.add(p);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("ffprobe " + file + " took over 60 s");
        }
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("ffprobe exit code of %s: %s", file, lines).isZero();
        return parseProbe(lines);
    }

    /**
     * Runs {@code ffprobe -v error ARGS} and returns its output lines (stdout and stderr); fails on a non-zero exit.
     *
     * @param name a name for the output file under the work directory
     */
    List<String> ffprobe(String name, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(tools.ffprobe().toString(), "-v", "error"));
        command.addAll(List.of(args));
        Path out = workDir.resolve("ffprobe-" + name + ".out");
        Process p = builder(tools, command, out).start();
        started.add(p);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("ffprobe " + command + " took over 60 s");
        }
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("ffprobe exit code of %s: %s", command, lines).isZero();
        return lines;
    }

    /**
     * Decodes stream {@code map} (for example {@code 0:v:0}) of {@code file} with {@code -f framemd5} and returns the
     * MD5 of each decoded frame in output order (the last column of framemd5's lines).
     *
     * @param inputArgs options placed before {@code -i} (decoder flags), may be empty
     */
    List<String> frameMd5(String name, Path file, String map, String... inputArgs) throws IOException, InterruptedException {
        return md5s(name, file, map, false, inputArgs);
    }

    /**
     * Like {@link #frameMd5} but without decoding ({@code -c copy}): the MD5 of each packet's bytes as demuxed.
     */
    List<String> packetMd5(String name, Path file, String map) throws IOException, InterruptedException {
        return md5s(name, file, map, true);
    }

    private List<String> md5s(String name, Path file, String map, boolean copy, String... inputArgs)
            throws IOException, InterruptedException {
        Path out = workDir.resolve("framemd5-" + name + ".txt");
        List<String> args = new ArrayList<>(List.of(inputArgs));
        args.addAll(List.of("-i", file.toString(), "-map", map));
        if (copy) {
            args.addAll(List.of("-c", "copy"));
        }
        args.addAll(List.of("-f", "framemd5", out.toString()));
        run("framemd5-" + name, Duration.ofSeconds(120), args.toArray(new String[0]));
        List<String> md5 = new ArrayList<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            if (!line.startsWith("#") && !line.isBlank()) {
                String[] cols = line.split(",");
                md5.add(cols[cols.length - 1].strip());
            }
        }
        return md5;
    }

    /** Parses ffprobe's {@code -of compact} lines: {@code stream|codec_name=h264|codec_type=video|nb_read_frames=125}. */
    static ProbeInfo parseProbe(List<String> lines) {
        List<StreamInfo> streams = new ArrayList<>();
        double duration = Double.NaN;
        for (String line : lines) {
            String[] fields = line.strip().split("\\|");
            Map<String, String> values = new java.util.HashMap<>();
            for (int i = 1; i < fields.length; i++) {
                int eq = fields[i].indexOf('=');
                if (eq > 0) {
                    values.put(fields[i].substring(0, eq), fields[i].substring(eq + 1));
                }
            }
            if (fields[0].equals("stream")) {
                streams.add(new StreamInfo(values.getOrDefault("codec_type", "?"), values.getOrDefault("codec_name", "?"),
                        parseLong(values.get("nb_read_frames"))));
            } else if (fields[0].equals("format")) {
                duration = parseDouble(values.get("duration"));
            }
        }
        return new ProbeInfo(List.copyOf(streams), duration);
    }

    private static long parseLong(String s) {
        try {
            return s == null ? -1 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static double parseDouble(String s) {
        try {
            return s == null ? Double.NaN : Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Kills every process this fixture started that is still running, and waits briefly for each to go. */
    @Override
    public void close() {
        for (Process p : started) {
            if (p.isAlive()) {
                p.destroyForcibly();
                try {
                    p.waitFor(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        started.clear();
    }

    /**
     * Encodes {@code seconds} of testsrc2 (320x240, 25 fps) and a 440 Hz sine at {@code sampleRate} Hz into the FLV
     * file {@code out} with {@code codecArgs} (for example {@code -c:v libx265 -c:a aac}) and waits for ffmpeg.
     *
     * @return the finished run: exit code 0 if ffmpeg wrote the file, else its log says why (for example a codec
     *     the FLV muxer cannot carry)
     * @throws AssertionError if ffmpeg takes more than 60 s
     */
    Run encodeTestPatternFlv(String name, Path out, int sampleRate, int seconds, List<String> codecArgs)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=" + sampleRate, "-t", Integer.toString(seconds)));
        args.addAll(codecArgs);
        args.addAll(List.of("-f", "flv", out.toString()));
        Run run = start(name, args.toArray(new String[0]));
        run.await(Duration.ofSeconds(60));
        return run;
    }
}
