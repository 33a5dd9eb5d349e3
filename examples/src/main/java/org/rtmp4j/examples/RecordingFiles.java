package org.rtmp4j.examples;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.rtmp4j.flv.FlvHeader;
import org.rtmp4j.flv.FlvWriter;

/** File names and file creation for {@link RecordToFlv}: {@code DIR/APP/KEY.flv} and unique names. Stateless. */
final class RecordingFiles {
    /** {@code yyyyMMdd-HHmmss} in UTC, as in SRS's {@code [2006][01][02]-[15][04][05]} file names. */
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** How many numbered suffixes are tried before giving up (two publishes of one key in one second need one). */
    static final int MAX_SUFFIX = 1000;

    private RecordingFiles() {}

    /** A new recording: its writer and where it is. */
    record Opened(FlvWriter writer, Path file) {}

    /** How the file names of {@code mode} look, for messages: {@code KEY-yyyyMMdd-HHmmss.flv} or {@code KEY.flv}. */
    static String pattern(RecordMode mode) {
        return switch (mode) {
            case UNIQUE -> "KEY-yyyyMMdd-HHmmss.flv (UTC; never overwritten)";
            case APPEND -> "KEY.flv (continued when the codecs match)";
            case OVERWRITE -> "KEY.flv (replaced when published again)";
        };
    }

    /**
     * {@code DIR/APP/KEY.flv}, the file of {@link RecordMode#APPEND} and {@link RecordMode#OVERWRITE}.
     *
     * @throws IllegalArgumentException if app or key is not a {@linkplain SafeNames#isSafe safe} name
     */
    static Path plain(Path dir, String app, String key) {
        return SafeNames.resolve(dir, app, key + ".flv");
    }

    /**
     * Creates {@code DIR/APP/KEY-yyyyMMdd-HHmmss.flv} (UTC), or {@code ...-N.flv} with the smallest N from 1 whose
     * name is free. Creation is atomic ({@code CREATE_NEW}), so two publishes of one key never share a file.
     *
     * @param start the stream's start, which names the file
     * @throws IOException naming the file, if it cannot be created, or if {@value #MAX_SUFFIX} names are taken
     */
    static Opened createUnique(Path dir, String app, String key, Instant start) throws IOException {
        String base = key + "-" + STAMP.format(start);
        for (int n = 0; n <= MAX_SUFFIX; n++) {
            Path file = SafeNames.resolve(dir, app, base + (n == 0 ? "" : "-" + n) + ".flv");
            try {
                return new Opened(createNew(file), file);
            } catch (FileAlreadyExistsException taken) {
                // try the next suffix
            }
        }
        throw new IOException("cannot create a recording: " + base + ".flv and " + MAX_SUFFIX
                + " numbered variants exist in " + dir.resolve(app));
    }

    /**
     * Creates {@code file}, which must not exist, and its parent directories.
     *
     * @throws FileAlreadyExistsException if it exists
     * @throws IOException naming the file and what was being done, if it cannot be created
     */
    static FlvWriter createNew(Path file) throws IOException {
        createDirectories(file.getParent());
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException("cannot create recording " + file + ": " + e, e);
        }
        try {
            return new FlvWriter(ch, new FlvHeader(true, true));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Creates (or truncates) {@code file} and its parent directories.
     *
     * @throws IOException naming the file, if it cannot be opened for writing
     */
    static FlvWriter overwrite(Path file) throws IOException {
        createDirectories(file.getParent());
        try {
            return FlvWriter.create(file, new FlvHeader(true, true));
        } catch (IOException e) {
            throw new IOException("cannot create recording " + file + ": " + e, e);
        }
    }

    private static void createDirectories(Path dir) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create the recording directory " + dir + ": " + e, e);
        }
    }
}
