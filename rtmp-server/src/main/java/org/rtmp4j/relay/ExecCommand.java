package org.rtmp4j.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An exec relay's command: the line as given and its arguments ({@link CommandLineSplitter}), with
 * the placeholders {@code {url}} (the stream's RTMP URL on this server, {@code rtmp://127.0.0.1:PORT/APP/KEY}),
 * {@code {app}} and {@code {key}} (the stream's app and name). Placeholders are replaced inside each
 * argument after splitting, so a stream name holding spaces or quotes stays one argument and cannot
 * add options; other braces ({@code {x}}, a filter's {@code {}}) stay as they are.
 *
 * @param line the command line as given, for {@link RelayInfo#destination()}
 * @param arguments its arguments, the program first; never empty
 */
public record ExecCommand(String line, List<String> arguments) {
    /** The placeholder for the stream's RTMP URL on this server. */
    public static final String URL = "{url}";
    /** The placeholder for the stream's app. */
    public static final String APP = "{app}";
    /** The placeholder for the stream's name (its key). */
    public static final String KEY = "{key}";

    /** @throws IllegalArgumentException when there is no argument */
    public ExecCommand {
        Objects.requireNonNull(line, "line");
        arguments = List.copyOf(arguments);
        if (arguments.isEmpty()) {
            throw new IllegalArgumentException("empty command line");
        }
    }

    /**
     * @param line a command line, e.g. {@code ffmpeg -i {url} -c copy -f rtsp rtsp://127.0.0.1:8554/{key}}
     * @return the command
     * @throws CommandLineException when the line cannot be split (with the offset)
     * @throws IllegalArgumentException when the line holds no argument
     */
    public static ExecCommand parse(String line) {
        return new ExecCommand(line, CommandLineSplitter.split(line));
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
