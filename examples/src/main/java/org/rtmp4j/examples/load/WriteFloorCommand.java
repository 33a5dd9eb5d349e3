package org.rtmp4j.examples.load;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code write-floor serve|sink}: the cost floor of live fan-out, measured the way {@code bench/fanout.sh}
 * measures servers. {@code serve} is a protocol-free TCP sender ({@link WriteFloorSender}) standing in for the
 * server; {@code sink} ({@link WriteFloorSink}) stands in for the load tool's players. {@code serve} sends the
 * load tool's message mix (video at {@code --fps}, 30 by default, and the looped AAC frames, 43.07/s, unless
 * {@code --no-audio}; {@code --kbps} in all, the same byte sizes as {@code load --synthetic}), either one
 * write per message ({@code --mode per-message}) or one write per video frame carrying the audio due with it
 * ({@code --mode per-frame}, the default; {@code --frames-per-write K} groups K frames). The CPU the sender
 * spends per delivered GB is what any server pays the kernel for that write pattern, whatever its code.
 */
@Command(
        name = "write-floor",
        mixinStandardHelpOptions = true,
        description = {"The cost floor of live fan-out: a protocol-free TCP sender (serve) that writes paced frames",
            "to every connection, and a reader (sink) with N connections on one thread."},
        subcommands = {WriteFloorCommand.Serve.class, WriteFloorCommand.Sink.class})
public final class WriteFloorCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /** Without a subcommand: a usage error. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: serve or sink");
    }

    /** {@code write-floor serve}: listen and write paced frames to every connection until killed. */
    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = {"Listen and write the load tool's stream (KBPS kbit/s of video and AAC audio) to every connection,",
                "one write(2) per message or per video frame, until killed."})
    static final class Serve implements Callable<Integer> {
        @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
        String host;

        @Option(names = "--port", defaultValue = "0", description = "Port; 0 = any free port, printed (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--kbps", defaultValue = "2000", description = "kbit/s per connection (default: ${DEFAULT-VALUE}).")
        int kbps;

        @Option(names = "--fps", defaultValue = "30", description = "Video frames per second, 1 to 240 (default: ${DEFAULT-VALUE}).")
        int fps;

        @Option(names = "--no-audio", description = "Video only (default: video and the load tool's AAC frames).")
        boolean noAudio;

        @Option(names = "--mode", paramLabel = "MODE", defaultValue = "per-frame",
                description = {"per-message: one write(2) per audio or video message (73/s at 30 fps with audio);",
                    "per-frame: one write(2) per video frame with the audio due since the last one (default: ${DEFAULT-VALUE})."})
        String mode;

        @Option(names = "--frames-per-write", paramLabel = "FRAMES", defaultValue = "1",
                description = "With --mode per-frame: video frames (and their audio) written together in one write(2) (default: ${DEFAULT-VALUE}).")
        int framesPerWrite;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (kbps <= 0 || fps <= 0 || framesPerWrite <= 0) {
                throw new ParameterException(spec.commandLine(), "--kbps, --fps and --frames-per-write must be > 0");
            }
            WritePlan plan;
            int frameBytes;
            try {
                WritePlan.Mode m = WritePlan.Mode.parse(mode);
                if (m == WritePlan.Mode.PER_MESSAGE && framesPerWrite != 1) {
                    throw new IllegalArgumentException("--frames-per-write needs --mode per-frame");
                }
                SyntheticAudio audio = noAudio ? null : SyntheticAudio.aac();
                frameBytes = new SyntheticVideo(kbps, fps, audio == null ? 0 : audio.bytesPerSecond()).frameBytes();
                plan = new WritePlan(frameBytes, fps, audio, m, framesPerWrite);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--mode, --kbps, --fps: " + e.getMessage());
            }
            try (WriteFloorSender sender = new WriteFloorSender(new InetSocketAddress(host, port), plan)) {
                PrintWriter out = spec.commandLine().getOut();
                out.printf("write floor listening on %s: %d bytes per video frame, %d fps, %s, %s, %d frame(s) per write%n",
                        sender.localAddress(), frameBytes, fps, noAudio ? "no audio" : "AAC audio", mode, framesPerWrite);
                out.flush();
                sender.run();
            }
            return 0;
        }
    }

    /** {@code write-floor sink}: open N connections, read for S seconds, print what arrived. */
    @Command(name = "sink", mixinStandardHelpOptions = true,
            description = "Open N connections to a write-floor sender, read for S seconds and print bytes and connections kept up.")
    static final class Sink implements Callable<Integer> {
        @Option(names = "--host", defaultValue = "127.0.0.1", description = "Sender's address (default: ${DEFAULT-VALUE}).")
        String host;

        @Option(names = "--port", required = true, description = "Sender's port.")
        int port;

        @Option(names = "--players", paramLabel = "N", defaultValue = "10", description = "Connections (default: ${DEFAULT-VALUE}).")
        int players;

        @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "30",
                description = "Seconds to read once all are connected (default: ${DEFAULT-VALUE}).")
        int durationSeconds;

        @Option(names = "--ramp-rate", paramLabel = "PER_SECOND", defaultValue = "0",
                description = "Connections opened per second; 0 = all at once (default).")
        int rampRate;

        @Option(names = "--kbps", defaultValue = "2000",
                description = "The sender's kbit/s per connection, for the kept-up test (default: ${DEFAULT-VALUE}).")
        int kbps;

        @Option(names = "--json", description = "Also print the result as one JSON line (for scripts).")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (players < 0 || rampRate < 0 || durationSeconds <= 0 || kbps <= 0) {
                throw new ParameterException(spec.commandLine(), "--players, --ramp-rate >= 0; --duration, --kbps > 0");
            }
            WriteFloorSink.Result r = new WriteFloorSink().run(new InetSocketAddress(host, port), players, rampRate,
                    Duration.ofSeconds(durationSeconds), kbps * 1000L / 8);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%d of %d connected, %d kept up, %,d bytes in %.1f s%n", r.connected(), r.players(), r.keptUp(),
                    r.bytes(), r.seconds());
            if (json) {
                out.println(r.json());
            }
            out.flush();
            return 0;
        }
    }
}
