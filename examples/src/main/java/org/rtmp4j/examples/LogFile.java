package org.rtmp4j.examples;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --log-file}: copies everything written to standard error from then on (where slf4j-simple writes, see
 * {@code simplelogger.properties}: log lines, the status line, the access log) to a file as well. slf4j-simple has one target; it looks {@code System.err} up at every line (its {@code logFile} is
 * {@code System.err} and {@code cacheOutputStream} is off), so replacing {@code System.err} with a tee is
 * enough and the library modules stay SLF4J-API-only. Not thread-safe to install; the tee itself is as
 * thread-safe as {@link PrintStream}.
 */
final class LogFile {
    private LogFile() {}

    /**
     * Appends standard error to {@code file} from now on (creating it and its parent directories), besides
     * the console.
     *
     * @param file the log file; appended to, never truncated
     * @throws IOException naming the file if it cannot be created or opened for writing
     */
    static void teeStandardError(Path file) throws IOException {
        OutputStream out;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            out = new FileOutputStream(file.toFile(), true);
        } catch (IOException e) {
            throw new IOException("cannot open the log file " + file.toAbsolutePath() + " for appending: " + e, e);
        }
        PrintStream console = System.err;
        String name = System.getProperty("sun.stderr.encoding", System.getProperty("native.encoding"));
        Charset charset = name != null && Charset.isSupported(name) ? Charset.forName(name) : Charset.defaultCharset();
        System.setErr(new PrintStream(new Tee(console, out), true, charset));
    }

    /** Writes each byte to both streams; an error on the file does not stop the console. */
    private static final class Tee extends OutputStream {
        private final OutputStream console;
        private final OutputStream file;
        private boolean fileFailed;

        Tee(OutputStream console, OutputStream file) {
            this.console = console;
            this.file = file;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            console.write(b);
            if (!fileFailed) {
                try {
                    file.write(b);
                } catch (IOException e) {
                    fileFailed(e);
                }
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            console.write(b, off, len);
            if (!fileFailed) {
                try {
                    file.write(b, off, len);
                } catch (IOException e) {
                    fileFailed(e);
                }
            }
        }

        @Override
        public synchronized void flush() throws IOException {
            console.flush();
            if (!fileFailed) {
                try {
                    file.flush();
                } catch (IOException e) {
                    fileFailed(e);
                }
            }
        }

        private void fileFailed(IOException e) throws IOException {
            fileFailed = true;
            console.write(("rtmp4j: writing the log file failed, logging to the console only: " + e
                    + System.lineSeparator()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
