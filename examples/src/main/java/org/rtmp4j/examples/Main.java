package org.rtmp4j.examples;

import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code rtmp4j} command line: {@code java -jar examples/target/rtmp4j.jar <command>} with the commands
 * {@code server} (live relay, optionally recording), {@code record} (record only), {@code publish} (send an FLV
 * file), {@code play} (receive into an FLV file), {@code flv-info} (describe an FLV file), {@code load} (N players,
 * optionally a publisher; a load test) and {@code write-floor} (the kernel's cost floor of fan-out, for
 * {@code bench/fanout.sh}). Options also come from environment variables, e.g.
 * {@code RTMP_PORT}; {@code --help} on any command lists them.
 */
@Command(
        name = "rtmp4j",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "RTMP live server, recorder and test client built on the rtmp4j library.",
        subcommands = {
            ServerCommand.class,
            RecordCommand.class,
            PublishCommand.class,
            PlayCommand.class,
            FlvInfoCommand.class,
            org.rtmp4j.examples.load.LoadCommand.class,
            org.rtmp4j.examples.load.HttpLoadCommand.class,
            org.rtmp4j.examples.load.WriteFloorCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    @Spec
    private CommandSpec spec;

    /** Without a command: print the usage and fail. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: server, record, publish, play, flv-info, load or write-floor");
    }

    /** Runs the command line and exits with its exit code (0 success, 1 failure, 2 usage error). */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The configured command line, without running it; used by {@link #main} and the tests. Errors go to stderr
     * as one line, {@code rtmp4j COMMAND: message}, always the last line: a usage error (exit code 2) prints the
     * usage first (picocli's default prints the error above it, where it scrolls away), a failure (exit code 1)
     * prints only the line. Error lines go to the current {@code System.err} at each write, so with
     * {@code --log-file} they reach the file too.
     */
    static CommandLine commandLine() {
        return new CommandLine(new Main())
                .setErr(new PrintWriter(new StandardErrorWriter(), true)) // reaches --log-file's tee
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(Main::usageError)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + describe(e));
                    cmd.getErr().flush();
                    return 1;
                });
    }

    /** Usage, then picocli's suggestions for a mistyped option, then the error line, and exit code 2. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        cmd.usage(err, cmd.getColorScheme());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** {@code --version}: the jar's Implementation-Version (set by the shade plugin), or "development build". */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"rtmp4j " + (v != null ? v : "(development build)") + ", Java " + Runtime.version()};
        }
    }

    private static String describe(Throwable e) {
        if (e instanceof FileSystemException f && f.getFile() != null) { // its message is just the path
            return FileErrors.describe(f);
        }
        StringBuilder b = new StringBuilder(String.valueOf(e.getMessage() != null ? e.getMessage() : e.toString()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() == null || !b.toString().contains(c.getMessage())) { // wrappers that already say it
                b.append(" (caused by ").append(c).append(')');
            }
        }
        return b.toString();
    }
}
