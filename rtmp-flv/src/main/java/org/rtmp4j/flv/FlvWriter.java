package org.rtmp4j.flv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rtmp4j.amf.AmfEcmaArray;
import org.rtmp4j.flv.media.ScriptData;

/**
 * Blocking FLV writer over a {@link WritableByteChannel} or a file, built on {@link FlvMuxer}
 * (FLV 10.1 Annex E).
 *
 * <p>The header and {@code PreviousTagSize0} are written on construction; then each
 * {@link #write} appends one tag. Writes are buffered: tag headers and body views are queued and
 * written with one gathering write once about 64 KiB are pending, on {@link #flush()} and on
 * {@link #close()}. Because bodies are queued without copying, a body's content must not change
 * after {@code write} (FLV tag bodies are read-only and shared by design).
 *
 * <p>Metadata patching: {@link #writeMetadata} writes an {@code onMetaData} script tag that always
 * contains the AMF0 numbers {@code duration} and {@code filesize} (added as 0.0 when missing), so
 * their 8-byte doubles sit at known positions. On {@link #close()}, if the channel is a
 * {@link SeekableByteChannel} (as it is for {@link #create(Path, FlvHeader)}), both doubles of the
 * first metadata tag are overwritten in place: {@code duration} in seconds = (largest − smallest
 * timestamp of the audio and video tags written) / 1000, {@code filesize} = {@link #bytesWritten()}
 * in bytes. Without metadata nothing is patched. Not thread-safe.
 */
public final class FlvWriter implements AutoCloseable {

    private static final int FLUSH_BYTES = 64 * 1024;
    private static final int FLUSH_BUFFERS = 1024;

    private final WritableByteChannel channel;
    private final FlvMuxer muxer = new FlvMuxer();
    private final List<ByteBuffer> pending = new ArrayList<>();
    private final long startPosition;
    private long pendingBytes;
    private long bytesWritten;
    private long durationPosition = -1;
    private long filesizePosition = -1;
    private long minTimestamp = Long.MAX_VALUE;
    private long maxTimestamp = Long.MIN_VALUE;
    private boolean metadataWritten;
    private boolean closed;

    /**
     * Creates a writer and queues the FLV header and {@code PreviousTagSize0}.
     *
     * @param channel the destination; closed by {@link #close()}
     * @param header the header flags
     * @throws IOException if the channel's position cannot be read
     */
    public FlvWriter(WritableByteChannel channel, FlvHeader header) throws IOException {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.startPosition = channel instanceof SeekableByteChannel
                ? ((SeekableByteChannel) channel).position() : 0;
        queue(muxer.header(Objects.requireNonNull(header, "header")));
    }

    /**
     * Creates (or truncates) a file and writes the FLV header.
     *
     * @param file the destination file
     * @param header the header flags
     * @return a writer that owns the file channel and patches metadata on close
     * @throws IOException if the file cannot be opened
     */
    public static FlvWriter create(Path file, FlvHeader header) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            return new FlvWriter(ch, header);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Appends one tag (script tags are written as given, without patching).
     *
     * @param tag the tag
     * @throws IOException if a buffered write fails
     * @throws IllegalStateException if the writer is closed
     */
    public void write(FlvTag tag) throws IOException {
        ensureOpen();
        if (tag.type() != FlvTagType.SCRIPT) {
            long ts = Integer.toUnsignedLong(tag.timestamp());
            minTimestamp = Math.min(minTimestamp, ts);
            maxTimestamp = Math.max(maxTimestamp, ts);
        }
        for (ByteBuffer b : muxer.encode(tag)) {
            queue(b);
        }
        if (pendingBytes >= FLUSH_BYTES || pending.size() >= FLUSH_BUFFERS) {
            flush();
        }
    }

    /**
     * Appends an {@code onMetaData} script tag at timestamp 0 (FLV 10.1 §E.5), encoded by
     * {@link ScriptData#encodeOnMetaData(Map)}. The keys {@code duration} and {@code filesize} are
     * added with 0.0 when missing (a non-numeric value is replaced by 0.0) so they can be patched
     * on {@link #close()}; only the first metadata tag written is patched.
     *
     * @param metadata the properties, in the order to write them; not modified
     * @throws IOException if a buffered write fails
     * @throws org.rtmp4j.amf.AmfException if a value cannot be encoded in AMF0
     */
    public void writeMetadata(Map<String, Object> metadata) throws IOException {
        ensureOpen();
        AmfEcmaArray props = new AmfEcmaArray(metadata);
        reserveNumber(props, "duration");
        reserveNumber(props, "filesize");
        ByteBuffer body = ScriptData.encodeOnMetaData(props);
        if (!metadataWritten) {
            metadataWritten = true;
            long bodyStart = bytesWritten + pendingBytes + FlvTag.HEADER_SIZE;
            int duration = ScriptData.numberOffset(body, "duration");
            int filesize = ScriptData.numberOffset(body, "filesize");
            durationPosition = duration < 0 ? -1 : bodyStart + duration;
            filesizePosition = filesize < 0 ? -1 : bodyStart + filesize;
        }
        write(new FlvTag(FlvTagType.SCRIPT, 0, body));
    }

    private static void reserveNumber(Map<String, Object> props, String key) {
        if (!(props.get(key) instanceof Number)) {
            props.put(key, 0.0);
        }
    }

    /**
     * Writes all queued bytes to the channel.
     *
     * @throws IOException if writing fails
     */
    public void flush() throws IOException {
        if (pending.isEmpty()) {
            return;
        }
        ByteBuffer[] bufs = pending.toArray(new ByteBuffer[0]);
        if (channel instanceof GatheringByteChannel) {
            GatheringByteChannel g = (GatheringByteChannel) channel;
            int first = 0;
            while (first < bufs.length) {
                g.write(bufs, first, bufs.length - first);
                while (first < bufs.length && !bufs[first].hasRemaining()) {
                    first++;
                }
            }
        } else {
            for (ByteBuffer b : bufs) {
                while (b.hasRemaining()) {
                    channel.write(b);
                }
            }
        }
        bytesWritten += pendingBytes;
        pendingBytes = 0;
        pending.clear();
    }

    /**
     * Returns the length of the FLV stream so far, including queued but unflushed bytes.
     *
     * @return the stream length in bytes
     */
    public long bytesWritten() {
        return bytesWritten + pendingBytes;
    }

    /**
     * Flushes, patches {@code duration} and {@code filesize} of the first metadata tag when the
     * channel is seekable (see the class comment), and closes the channel. Idempotent.
     *
     * @throws IOException if writing, patching or closing fails
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (WritableByteChannel ch = channel) {
            flush();
            if (metadataWritten && ch instanceof SeekableByteChannel) {
                SeekableByteChannel s = (SeekableByteChannel) ch;
                double duration = maxTimestamp < minTimestamp ? 0.0
                        : (maxTimestamp - minTimestamp) / 1000.0;
                patch(s, durationPosition, duration);
                patch(s, filesizePosition, (double) bytesWritten);
                s.position(startPosition + bytesWritten);
            }
        }
    }

    private void patch(SeekableByteChannel s, long position, double value) throws IOException {
        if (position < 0) {
            return;
        }
        ByteBuffer b = ByteBuffer.allocate(8).putDouble(value).flip();
        s.position(startPosition + position);
        while (b.hasRemaining()) {
            s.write(b);
        }
    }

    private void queue(ByteBuffer b) {
        pendingBytes += b.remaining();
        pending.add(b);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("FlvWriter is closed");
        }
    }
}
