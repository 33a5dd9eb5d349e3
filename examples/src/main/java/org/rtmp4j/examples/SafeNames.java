package org.rtmp4j.examples;

import java.nio.file.Path;

/**
 * Turns client-chosen RTMP names (the {@code connect} app, the {@code publish} stream name) into file names
 * without letting a client escape the recording directory. Stateless and thread-safe.
 */
final class SafeNames {
    /** The longest name accepted, in characters (a common file-system limit is 255 bytes). */
    static final int MAX_LENGTH = 200;
    /** The most {@code /}-separated segments an app may have to be recorded. */
    static final int MAX_APP_SEGMENTS = 4;

    private SafeNames() {}

    /**
     * Whether {@code name} is a single plain file-name segment: not empty, not {@code .} or {@code ..}, at most
     * {@value #MAX_LENGTH} characters, and free of path separators ({@code /}, {@code \}), {@code :} and control
     * characters (below U+0020 and U+007F).
     */
    static boolean isSafe(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH || name.equals(".") || name.equals("..")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7F || c == '/' || c == '\\' || c == ':') {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code app} is a connect application usable as a relative directory: one to
     * {@value #MAX_APP_SEGMENTS} {@code /}-separated segments (ffmpeg and librtmp send {@code live/inst} for
     * {@code rtmp://host/live/inst/KEY}), each {@linkplain #isSafe safe}; so no empty segment, no
     * {@code ..}, no leading or trailing {@code /}.
     */
    static boolean isSafeApp(String app) {
        if (app == null) {
            return false;
        }
        String[] segments = app.split("/", -1);
        if (segments.length > MAX_APP_SEGMENTS) {
            return false;
        }
        for (String segment : segments) {
            if (!isSafe(segment)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Resolves {@code dir/app/fileName}; an app of several segments becomes nested directories.
     *
     * @throws IllegalArgumentException if {@code app} is not {@linkplain #isSafeApp safe} or {@code fileName}
     *     not {@linkplain #isSafe safe}
     */
    static Path resolve(Path dir, String app, String fileName) {
        if (!isSafeApp(app) || !isSafe(fileName)) {
            throw new IllegalArgumentException("unsafe app or stream name: app=" + quote(app) + " file=" + quote(fileName));
        }
        Path appDir = dir;
        for (String segment : app.split("/")) {
            appDir = appDir.resolve(segment);
        }
        return appDir.resolve(fileName);
    }

    private static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().limit(MAX_LENGTH).forEach(c -> {
            if (c < 0x20 || c == 0x7F) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.append('"').toString();
    }
}
