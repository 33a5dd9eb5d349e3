package org.rtmp4j.client;

import java.io.IOException;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;

/** The FLV file helpers behind {@link RtmpClient#publishFile} and {@link RtmpClient#playToFile}. */
final class FlvFiles {
    private FlvFiles() {}

    /**
     * Connects to {@code url}, publishes the URL's stream name and sends every tag of {@code flv}
     * in file order; when {@code realtime}, each audio/video tag waits until its timestamp (ms,
     * relative to the first media tag) has elapsed since the first was sent. Closes cleanly at the
     * end (deleteStream).
     *
     * @param timeout connect/request timeout (see {@link ClientOptions#timeout()})
     * @throws IOException if the file is malformed ({@code FlvFormatException}) or the connection fails
     * @throws IllegalArgumentException if the URL has no stream name
     */
    static void publishFile(URI url, Path flv, boolean realtime, Duration timeout) throws IOException {
        publishFile(url, flv, realtime, ClientOptions.defaults().withTimeout(timeout));
    }

    /** As {@link #publishFile(URI, Path, boolean, Duration)} with the given client options (e.g. TLS trust). */
    static void publishFile(URI url, Path flv, boolean realtime, ClientOptions options) throws IOException {
        try (FlvReader reader = open(flv);
                RtmpClient client = RtmpClient.connect(url, options)) {
            if (client.streamName().isEmpty()) {
                throw new IllegalArgumentException("no stream name in " + url);
            }
            try (Publisher publisher = client.publish(client.streamName())) {
                long startNanos = 0;
                long firstTimestamp = -1;
                Optional<FlvTag> next;
                while ((next = reader.next()).isPresent()) {
                    FlvTag tag = next.get();
                    if (realtime && tag.type() != FlvTagType.SCRIPT) {
                        long ts = Integer.toUnsignedLong(tag.timestamp());
                        if (firstTimestamp < 0) {
                            firstTimestamp = ts;
                            startNanos = System.nanoTime();
                        } else {
                            waitUntil(startNanos + Math.max(0, ts - firstTimestamp) * 1_000_000L);
                        }
                    }
                    publisher.send(tag);
                }
            }
        }
    }

    private static FlvReader open(Path flv) throws IOException {
        try {
            return FlvReader.open(flv);
        } catch (FileSystemException e) {
            throw new IOException("cannot open " + flv + " to publish it: " + reason(e), e);
        }
    }

    /** What went wrong with a file, in words: the JDK's {@code NoSuchFileException} message is only the path. */
    static String reason(FileSystemException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "a parent is not a directory";
        }
        return e.getReason() != null ? e.getReason() : e.toString();
    }

    private static void waitUntil(long deadlineNanos) throws IOException {
        long wait;
        while ((wait = deadlineNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("publishFile interrupted");
            }
        }
    }

    /**
     * Connects to {@code url}, plays the URL's stream name and writes what arrives to {@code out}:
     * {@code onMetaData} as the FLV metadata tag, audio and video as tags with their timestamps.
     *
     * @throws IOException if the file cannot be created or the connection or play fails
     */
    static FlvRecording playToFile(URI url, Path out, Duration timeout) throws IOException {
        return playToFile(url, out, ClientOptions.defaults().withTimeout(timeout));
    }

    /** As {@link #playToFile(URI, Path, Duration)} with the given client options (e.g. TLS trust). */
    static FlvRecording playToFile(URI url, Path out, ClientOptions options) throws IOException {
        RtmpClient client = RtmpClient.connect(url, options);
        try {
            if (client.streamName().isEmpty()) {
                throw new IllegalArgumentException("no stream name in " + url);
            }
            FlvRecording recording;
            try {
                recording = new FlvRecording(client, out);
            } catch (FileSystemException e) {
                throw new IOException("cannot create " + out + " to record " + url + " into: " + reason(e), e);
            }
            client.play(client.streamName(), recording.listener()); // deleted by client.close() at the end
            return recording;
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }
}
