package org.rtmp4j.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.rtmp4j.live.StreamKey;

/**
 * An exec relay's command: the line as given and its arguments ({@link CommandLineSplitter}), with
 * the placeholders {@code {url}} (the stream's RTMP URL on this server, {@code rtmp://127.0.0.1:PORT/APP/KEY}),
 * {@code {app}} and {@code {key}} (the stream's app and name). Placeholders are replaced inside each
 * argument after splitting, so a stream name holding spaces or quotes stays one argument and cannot
 * add options; other braces ({@code {x}}, a filter's {@code {}}) stay as they are.
 *
 * <p>A line may start with a selector, as a {@link PushRule} does: {@code APPGLOB/KEYGLOB=CMD} runs CMD only for
 * the streams whose app and key match the globs ({@code *} matches any run of characters; the app is split at the
 * last {@code /} of the selector), e.g. {@code live/cam*=ffmpeg -i {url} ...}. The text before the first {@code =}
 * is a selector only when it holds a {@code /} that is neither its first nor its last character and no blank or
 * quote, and does not start with {@code .} or {@code /}: a program path ({@code /usr/bin/ffmpeg}, {@code ./run.sh}) or an
 * argument such as {@code FOO=bar} after a blank is never read as one. Without a selector every stream is selected.
 *
 * @param line the command line without its selector, for {@link RelayInfo#destination()}
 * @param arguments its arguments, the program first; never empty
 * @param appGlob the glob a stream's app must match ({@code *} without a selector)
 * @param keyGlob the glob a stream's key must match ({@code *} without a selector)
 */
public record ExecCommand(String line, List<String> arguments, String appGlob, String keyGlob) {
    /** The placeholder for the stream's RTMP URL on this server. */
    public static final String URL = "{url}";
    /** The placeholder for the stream's app. */
    public static final String APP = "{app}";
    /** The placeholder for the stream's name (its key). */
    public static final String KEY = "{key}";

    /** @throws IllegalArgumentException when there is no argument or a glob is empty */
    public ExecCommand {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(appGlob, "appGlob");
        Objects.requireNonNull(keyGlob, "keyGlob");
        arguments = List.copyOf(arguments);
        if (arguments.isEmpty()) {
            throw new IllegalArgumentException("empty command line");
        }
        if (appGlob.isEmpty() || keyGlob.isEmpty()) {
            throw new IllegalArgumentException("empty app or key pattern in exec selector '" + appGlob + "/" + keyGlob
                    + "'");
        }
    }

    /**
     * A command for every stream.
     *
     * @param line the command line as given
     * @param arguments its arguments, the program first; never empty
     * @throws IllegalArgumentException when there is no argument
     */
    public ExecCommand(String line, List<String> arguments) {
        this(line, arguments, "*", "*");
    }

    /**
     * @param line a command line, e.g. {@code ffmpeg -i {url} -c copy -f rtsp rtsp://127.0.0.1:8554/{key}}, possibly
     *     after a selector ({@code live/*=ffmpeg ...})
     * @return the command
     * @throws CommandLineException when the line cannot be split (with the offset)
     * @throws IllegalArgumentException when the line holds no argument (the offset of the command is named when a
     *     selector came before it)
     */
    public static ExecCommand parse(String line) {
        Objects.requireNonNull(line, "line");
        int eq = line.indexOf('=');
        String selector = eq < 0 ? "" : line.substring(0, eq).strip();
        int slash = selector.lastIndexOf('/');
        if (slash <= 0 || slash == selector.length() - 1 || selector.startsWith(".") || selector.startsWith("/")
                || selector.chars().anyMatch(c -> Character.isWhitespace(c) || c == '\'' || c == '"')) {
            return new ExecCommand(line, CommandLineSplitter.split(line));
        }
        String command = line.substring(eq + 1);
        if (command.isBlank()) {
            throw new IllegalArgumentException("empty command line after the selector '" + selector + "=' (offset "
                    + (eq + 1) + ")");
        }
        return new ExecCommand(command.strip(), CommandLineSplitter.split(command), selector.substring(0, slash),
                selector.substring(slash + 1));
    }

    /**
     * @param key a published stream
     * @return whether this command runs for it (its app and key match the globs)
     */
    public boolean selects(StreamKey key) {
        return PushRule.glob(appGlob, key.app()) && PushRule.glob(keyGlob, key.name());
    }

    /**
     * @param url the value of {@code {url}}
     * @param app the value of {@code {app}}
     * @param key the value of {@code {key}}
     * @return the arguments with every placeholder replaced
     */
    public List<String> expand(String url, String app, String key) {
        List<String> out = new ArrayList<>(arguments.size());
        for (String arg : arguments) {
            out.add(expand(arg, url, app, key));
        }
        return out;
    }

    /** One pass, so a value that holds a placeholder's text (an app named {@code {key}}) is not replaced again. */
    private static String expand(String arg, String url, String app, String key) {
        if (arg.indexOf('{') < 0) {
            return arg;
        }
        StringBuilder b = new StringBuilder(arg.length() + url.length());
        int i = 0;
        while (i < arg.length()) {
            if (arg.startsWith(URL, i)) {
                b.append(url);
                i += URL.length();
            } else if (arg.startsWith(APP, i)) {
                b.append(app);
                i += APP.length();
            } else if (arg.startsWith(KEY, i)) {
                b.append(key);
                i += KEY.length();
            } else {
                b.append(arg.charAt(i++));
            }
        }
        return b.toString();
    }
}
