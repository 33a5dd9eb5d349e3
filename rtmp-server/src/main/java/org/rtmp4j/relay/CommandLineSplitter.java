package org.rtmp4j.relay;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into a program's arguments the way a POSIX shell splits words, without a
 * shell: no variables, globs, pipes or redirections ({@code $HOME}, {@code *}, {@code |}, {@code >} are
 * plain characters), so an exec relay's command cannot be turned into another command by a stream
 * name. The rules (a subset of POSIX.1-2017 XCU §2.2 quoting):
 *
 * <ul>
 *   <li>Unquoted space, tab, CR and LF separate arguments; runs of them count as one.</li>
 *   <li>{@code '...'}: every character up to the next single quote is literal (a single quote
 *       cannot appear inside).</li>
 *   <li>{@code "..."}: literal up to the next unescaped double quote, except that {@code \"} is
 *       {@code "} and {@code \\} is {@code \}; any other backslash stays as it is.</li>
 *   <li>An unquoted {@code \} makes the next character literal (a quote, a space, a backslash).</li>
 *   <li>Quoted and unquoted parts next to each other join into one argument ({@code a'b c'd} is
 *       {@code ab cd}); {@code ''} and {@code ""} give an empty argument.</li>
 * </ul>
 *
 * <p>Bad input, an unterminated quote or a trailing backslash, is a {@link CommandLineException} with
 * its offset. Linear in the line's length; no limit of its own (the HTTP API and the CLI bound the
 * line). Thread-safe: stateless.
 */
public final class CommandLineSplitter {
    private CommandLineSplitter() {}

    /**
     * @param line the command line
     * @return its arguments, in order; empty when the line is blank
     * @throws CommandLineException when a quote is not closed or the line ends with a lone backslash
     */
    public static List<String> split(String line) {
        List<String> args = new ArrayList<>();
        StringBuilder arg = new StringBuilder();
        boolean inArg = false;
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                if (inArg) {
                    args.add(arg.toString());
                    arg.setLength(0);
                    inArg = false;
                }
                i++;
            } else if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new CommandLineException(i, "unterminated single quote");
                }
                arg.append(line, i + 1, end);
                inArg = true;
                i = end + 1;
            } else if (c == '"') {
                i = doubleQuoted(line, i, arg);
                inArg = true;
            } else if (c == '\\') {
                if (i + 1 >= n) {
                    throw new CommandLineException(i, "backslash at the end of the line escapes nothing");
                }
                arg.append(line.charAt(i + 1));
                inArg = true;
                i += 2;
            } else {
                arg.append(c);
                inArg = true;
                i++;
            }
        }
        if (inArg) {
            args.add(arg.toString());
        }
        return args;
    }

    /** Appends the double-quoted part starting at {@code open}; returns the index after its closing quote. */
    private static int doubleQuoted(String line, int open, StringBuilder arg) {
        int i = open + 1;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < n && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
                arg.append(line.charAt(i + 1));
                i += 2;
            } else {
                arg.append(c);
                i++;
            }
        }
        throw new CommandLineException(open, "unterminated double quote");
    }
}
