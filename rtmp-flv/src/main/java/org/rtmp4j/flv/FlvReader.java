package org.rtmp4j.flv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;

/**
 * Blocking FLV reader over a {@link ReadableByteChannel} or a file, built on {@link FlvDemuxer}
 * (FLV 10.1 Annex E).
 *
 * <p>{@link #next()} returns tags in file order and {@link Optional#empty()} at a clean end of
 * the stream. A stream that ends inside the header, a tag or a {@code PreviousTagSize} raises
 * {@link FlvFormatException} with the offset of the damage (see {@link FlvDemuxer#finish()}),
 * after all complete tags before it were returned. Reads go through a 64 KiB buffer.
 * {@link #close()} closes the channel. Not thread-safe.
 */
public final class FlvReader implements AutoCloseable {

    private static final int READ_BUFFER_SIZE = 64 * 1024;

    private final ReadableByteChannel channel;
    private final String source;
    private final FlvDemuxer demuxer;
    private final ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER_SIZE);
    private final ArrayDeque<FlvTag> ready = new ArrayDeque<>();
    private boolean eof;

    /**
     * Creates a reader with a default (lenient, 16 MiB) demuxer.
     *
     * @param channel the stream, positioned at the FLV signature; closed by {@link #close()}
     */
    public FlvReader(ReadableByteChannel channel) {
        this(channel, new FlvDemuxer(), null);
    }

    /**
     * Creates a reader with a configured demuxer.
     *
     * @param channel the stream, positioned at the FLV signature; closed by {@link #close()}
     * @param demuxer a fresh demuxer carrying the limits and strictness to apply
     * @param source a name for error messages (for example the file name), or {@code null}
     */
    public FlvReader(ReadableByteChannel channel, FlvDemuxer demuxer, String source) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.demuxer = Objects.requireNonNull(demuxer, "demuxer");
        this.source = source;
    }

    /**
     * Opens a file for reading with a default demuxer.
     *
     * @param file the FLV file
     * @return a reader that owns the file channel
     * @throws IOException if the file cannot be opened
     */
    public static FlvReader open(Path file) throws IOException {
        return new FlvReader(FileChannel.open(file, StandardOpenOption.READ), new FlvDemuxer(),
                file.toString());
    }

    /**
     * Returns the FLV header, reading from the channel if it has not been read yet.
     *
     * @return the header
     * @throws FlvFormatException if the stream is not FLV or ends inside the header
     * @throws IOException if reading fails
     */
    public FlvHeader header() throws IOException {
        while (demuxer.header().isEmpty()) {
            if (!readMore()) {
                finishDemuxer();
            }
        }
        return demuxer.header().get();
    }

    /**
     * Returns the next tag.
     *
     * @return the tag (body read-only, owned by the caller), or empty at a clean end of stream
     * @throws FlvFormatException if the stream is malformed or truncated; the offset counts
     *     bytes from the start of the stream
     * @throws IOException if reading fails
     */
    public Optional<FlvTag> next() throws IOException {
        while (ready.isEmpty()) {
            if (eof) {
                return Optional.empty();
            }
            if (!readMore()) {
                finishDemuxer();
                eof = true;
            }
        }
        return Optional.of(ready.poll());
    }

    /**
     * Returns the number of stream bytes the demuxer has consumed.
     *
     * @return the offset in bytes
     */
    public long offset() {
        return demuxer.offset();
    }

    /**
     * Returns the demuxer, for example to read {@link FlvDemuxer#previousTagSizeMismatches()}.
     *
     * @return the demuxer
     */
    public FlvDemuxer demuxer() {
        return demuxer;
    }

    private boolean readMore() throws IOException {
        buffer.clear();
        int n;
        do {
            n = channel.read(buffer);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        buffer.flip();
        try {
            demuxer.feed(buffer, ready::add);
        } catch (FlvFormatException e) {
            throw named(e);
        }
        return true;
    }

    private void finishDemuxer() throws FlvFormatException {
        try {
            demuxer.finish();
        } catch (FlvFormatException e) {
            throw named(e);
        }
    }

    private FlvFormatException named(FlvFormatException e) {
        return source == null || e.source() != null ? e : e.withSource(source);
    }

    /**
     * Closes the channel.
     *
     * @throws IOException if closing fails
     */
    @Override
    public void close() throws IOException {
        channel.close();
    }
}
