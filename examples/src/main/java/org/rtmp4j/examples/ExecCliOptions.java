package org.rtmp4j.examples;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.rtmp4j.examples.load.DurationConverter;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.relay.ExecCommand;
import org.rtmp4j.relay.ExecOptions;
import org.rtmp4j.relay.ExecRelays;
import org.rtmp4j.relay.Relays;
import org.rtmp4j.server.RtmpServer;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The {@code server} options of exec relays (issue 15 §3): {@code --exec CMD} runs CMD for every
 * published stream, supervised ({@link ExecRelays}); {@code --exec-api} lets {@code POST /api/v1/relays}
 * add exec relays, off by default since a request then runs a command as the server's user.
 */
final class ExecCliOptions {
    @Option(
            names = "--exec",
            paramLabel = "CMD",
            defaultValue = "${env:RTMP_EXEC}",
            description = "Run CMD for every published stream, e.g. 'ffmpeg -i {url} -c copy -f rtsp rtsp://127.0.0.1:8554/{key}'; "
                    + "{url} is the stream on this server, {app} and {key} its app and name; APPGLOB/KEYGLOB=CMD runs CMD "
                    + "only for the streams matching the globs (* = anything), e.g. 'live/cam*=ffmpeg ...'. No shell: split at spaces, "
                    + "'...' and \"...\" quote, \\ escapes. Restarted with backoff (0.5 s doubling to 30 s) while the stream "
                    + "is live, TERM then KILL when it ends. Repeatable (env RTMP_EXEC: one command).")
    List<String> commands = new ArrayList<>();

    @Option(
            names = "--exec-grace",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "${env:RTMP_EXEC_GRACE:-5s}",
            description = "How long an exec process may take to exit after TERM before KILL, e.g. 5s or 500ms "
                    + "(env RTMP_EXEC_GRACE; default: ${DEFAULT-VALUE}).")
    Duration grace = ExecOptions.DEFAULT_GRACE;

    @Option(
            names = "--exec-max",
            paramLabel = "N",
            defaultValue = "${env:RTMP_EXEC_MAX:-" + ExecOptions.DEFAULT_MAX_PROCESSES + "}",
            description = "Exec processes running at once; publishes beyond it start none (env RTMP_EXEC_MAX; default: ${DEFAULT-VALUE}).")
    int max = ExecOptions.DEFAULT_MAX_PROCESSES;

    @Option(
            names = "--exec-api",
            defaultValue = "${env:RTMP_EXEC_API:-false}",
            description = "Let POST /api/v1/relays add exec relays (any command, run as this server's user) (env RTMP_EXEC_API).")
    boolean api;

    /**
     * @return the parsed commands
     * @throws ParameterException (exit code 2) for a command that cannot be split or a bound out of range
     */
    List<ExecCommand> validate(CommandLine commandLine) {
        if (grace.isZero() || max < 1) {
            throw new ParameterException(commandLine, "--exec-grace must be more than 0 and --exec-max at least 1: "
                    + grace + ", " + max);
        }
        List<ExecCommand> parsed = new ArrayList<>();
        for (String command : commands) {
            try {
                parsed.add(ExecCommand.parse(command));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(commandLine, "--exec '" + command + "': " + e.getMessage());
            }
        }
        return parsed;
    }

    /** @return the options as the library takes them */
    ExecOptions options() {
        return ExecOptions.DEFAULT.withGrace(grace).withMaxProcesses(max);
    }

    /**
     * Runs the commands for every later publish of {@code live} on {@code server} (and accepts exec relay
     * requests with {@code --exec-api}); the relays are stopped when {@code relays} closes.
     */
    void start(Relays relays, LiveBroadcastController live, RtmpServer server, CommandLine commandLine) {
        ExecRelays exec = ExecRelays.attach(relays, live, validate(commandLine), options())
                .serverAddress(server.localAddress());
        if (api) {
            exec.acceptRequests();
        }
    }
}
