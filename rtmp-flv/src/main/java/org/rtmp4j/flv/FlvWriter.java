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
import org.rtmp4j.flv.media.Amf3ScriptData;
import org.rtmp4j.flv.media.ScriptData;
import org.rtmp4j.flv.media.VideoTagHeader;

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
 * <p><b>Metadata patching.</b> {@link #writeMetadata} writes an {@code onMetaData} script tag that
 * always contains the AMF0 numbers {@code duration} and {@code filesize} (added as 0.0 when
 * missing), so their 8-byte doubles sit at known positions. On {@link #close()}, if the channel
 * is a {@link SeekableByteChannel} (as it is for {@link #create} and {@link #append}), both doubles
 * of the first metadata tag are overwritten in place: {@code duration} in seconds = (largest −
 * smallest timestamp of the audio and video tags) / 1000, {@code filesize} = the stream length in
 * bytes.
 *
 * <p><b>Key frame index.</b> Like flvmeta and yamdi, the first metadata tag also gets a
 * {@code keyframes} object {@code {times: [s...], filepositions: [bytes...]}} so players can seek
 * (each entry is a video key frame that is not a sequence header; the position is the offset of
 * its FLV tag from the start of the FLV stream, which for files is the file offset). Instead of
 * rewriting the whole file on close as flvmeta does, the writer reserves a fixed-size region
 * sized for {@code maxKeyframes} entries ({@code 49 + 18 × maxKeyframes} bytes, the unused part
 * held by {@code "_pad0000"}... string properties of spaces inside the object) and fills it in
 * place on close; with more key frames than that, an evenly spaced subset including the first is
 * kept.
 * {@link #DEFAULT_MAX_KEYFRAMES} reserves about 18 KiB; 0 disables the index. On a channel that
 * is not seekable the index stays empty.
 *
 * <p><b>Appending.</b> {@link #append} continues an existing recording after its last whole tag;
 * see there. Not thread-safe.
 */
public final class FlvWriter implements AutoCloseable {

    /** Default capacity of the key frame index: 1,024 entries (18,481 bytes reserved). */
    public static final int DEFAULT_MAX_KEYFRAMES = 1024;

    /** Largest accepted {@code maxKeyframes}: 100,000 entries (about 1.7 MiB reserved). */
    public static final int MAX_KEYFRAMES_LIMIT = 100_000;

    private static final int FLUSH_BYTES = 64 * 1024;
    private static final int FLUSH_BUFFERS = 1024;
    private static final String KEYFRAMES = "keyframes";

    private final WritableByteChannel channel;
    private final FlvMuxer muxer = new FlvMuxer();
    private final List<ByteBuffer> pending = new ArrayList<>();
    private final long startPosition;
    private final int maxKeyframes;
    private final KeyframeIndex keyframes;
    private final long timestampOffset;
    private long pendingBytes;
    private long bytesWritten;
    private long durationPosition = -1;
    private long filesizePosition = -1;
    private long keyframesPosition = -1;
    private int keyframesRegionSize;
    private long minTimestamp = Long.MAX_VALUE;
    private long maxTimestamp = Long.MIN_VALUE;
    private boolean metadataWritten;
    private boolean closed;
    private long appendDamageOffset = -1;

    /**
     * Creates a writer with the default key frame index capacity and queues the FLV header and
     * {@code PreviousTagSize0}.
     *
     * @param channel the destination; closed by {@link #close()}
     * @param header the header flags
     * @throws IOException if the channel's position cannot be read
     */
    public FlvWriter(WritableByteChannel channel, FlvHeader header) throws IOException {
        this(channel, header, DEFAULT_MAX_KEYFRAMES);
    }

    /**
     * Creates a writer and queues the FLV header and {@code PreviousTagSize0}.
     *
     * @param channel the destination; closed by {@link #close()}
     * @param header the header flags
     * @param maxKeyframes capacity of the key frame index in entries, 0 for none
     * @throws IOException if the channel's position cannot be read
     * @throws IllegalArgumentException if {@code maxKeyframes} is negative or above
     *     {@link #MAX_KEYFRAMES_LIMIT}
     */
    public FlvWriter(WritableByteChannel channel, FlvHeader header, int maxKeyframes)
            throws IOException {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.maxKeyframes = checkMaxKeyframes(maxKeyframes);
        this.keyframes = new KeyframeIndex();
        this.timestampOffset = 0;
        this.startPosition = channel instanceof SeekableByteChannel
                ? ((SeekableByteChannel) channel).position() : 0;
        queue(muxer.header(Objects.requireNonNull(header, "header")));
    }

    private FlvWriter(FileChannel channel, FlvRecordingScan scan) {
        this.channel = channel;
        this.maxKeyframes = DEFAULT_MAX_KEYFRAMES; // used only if the file had no onMetaData
        this.keyframes = scan.keyframes;
        this.startPosition = 0;
        this.timestampOffset = scan.maxTimestamp == Long.MIN_VALUE ? 0 : scan.maxTimestamp;
        this.minTimestamp = scan.minTimestamp;
        this.maxTimestamp = scan.maxTimestamp;
        this.metadataWritten = scan.metadataFound;
        this.durationPosition = scan.durationPosition;
        this.filesizePosition = scan.filesizePosition;
        this.keyframesPosition = scan.keyframesPosition;
        this.keyframesRegionSize = scan.keyframesRegionSize;
    }

    private static int checkMaxKeyframes(int maxKeyframes) {
        if (maxKeyframes < 0 || maxKeyframes > MAX_KEYFRAMES_LIMIT) {
            throw new IllegalArgumentException("maxKeyframes " + maxKeyframes
                    + " outside 0.." + MAX_KEYFRAMES_LIMIT);
        }
        return maxKeyframes;
    }

    /**
     * Creates (or truncates) a file with the default key frame index capacity.
     *
     * @param file the destination file
     * @param header the header flags
     * @return a writer that owns the file channel and patches metadata on close
     * @throws IOException if the file cannot be opened
     */
    public static FlvWriter create(Path file, FlvHeader header) throws IOException {
        return create(file, header, DEFAULT_MAX_KEYFRAMES);
    }

    /**
     * Creates (or truncates) a file and writes the FLV header.
     *
     * @param file the destination file
     * @param header the header flags
     * @param maxKeyframes capacity of the key frame index in entries, 0 for none
     * @return a writer that owns the file channel and patches metadata on close
     * @throws IOException if the file cannot be opened
     * @throws IllegalArgumentException if {@code maxKeyframes} is out of range
     */
    public static FlvWriter create(Path file, FlvHeader header, int maxKeyframes)
            throws IOException {
        checkMaxKeyframes(maxKeyframes);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            return new FlvWriter(ch, header, maxKeyframes);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Opens an existing recording to continue it.
     *
     * <p>The file is read once from the start and validated like {@link FlvReader} does. Writing
     * continues right after the last whole tag: a damaged or truncated tail (see
     * {@link #appendDamageOffset()}) is cut off, and the last tag's {@code PreviousTagSize} is
     * rewritten. If no whole tag exists, the file is reset to its header. Timestamps of the tags
     * written next are shifted by the largest audio/video timestamp already in the file
     * ({@link #timestampOffset()}), so a continuation starting at 0 follows on without going
     * backwards. On close the first {@code onMetaData} of the file, if any, gets its
     * {@code duration} and {@code filesize} patched, and its {@code keyframes} object (when
     * present and at least 49 bytes long, whoever wrote it) is refilled with the old and new key
     * frames within its existing size. {@link #writeMetadata} then adds a further script tag
     * without patching.
     *
     * @param file an existing FLV file
     * @return a writer positioned after the last whole tag
     * @throws FlvFormatException if the file does not start with a whole FLV header
     * @throws IOException if the file cannot be read or written
     */
    public static FlvWriter append(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            FlvRecordingScan scan = FlvRecordingScan.scan(ch, file.toString());
            FlvWriter w = new FlvWriter(ch, scan);
            w.appendDamageOffset = scan.damageOffset;
            if (scan.lastTagEnd < 0) {
                ch.truncate(0);
                ch.position(0);
                w.queue(w.muxer.header(scan.header));
            } else {
                ch.truncate(scan.lastTagEnd);
                ch.position(scan.lastTagEnd);
                w.bytesWritten = scan.lastTagEnd;
                w.queue(ByteBuffer.allocate(4).putInt(0, scan.lastTagSize));
            }
            return w;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * For a writer from {@link #append}, the file offset where the existing recording was
     * damaged or truncated (and cut off).
     *
     * @return the offset in bytes, or -1 if the file was intact or this writer did not append
     */
    public long appendDamageOffset() {
        return appendDamageOffset;
    }

    /**
     * Returns the amount added to every written tag's timestamp: 0, or for {@link #append} the
     * largest audio/video timestamp already in the file.
     *
     * @return the offset in ms
     */
    public long timestampOffset() {
        return timestampOffset;
    }

    /**
     * Appends one tag of any type, its body as given (script tags, types 15 and 18, are not
     * patched; copying a file tag by tag with this method reproduces its tags byte for byte as
     * long as the source has StreamID 0 and correct {@code PreviousTagSize}s, as FLV 10.1 §E.3 requires). Its timestamp is
     * shifted by {@link #timestampOffset()}.
     *
     * @param tag the tag
     * @throws IOException if a buffered write fails
     * @throws IllegalStateException if the writer is closed
     */
    public void write(FlvTag tag) throws IOException {
        ensureOpen();
        if (timestampOffset != 0) {
            tag = new FlvTag(tag.type(), (int) (tag.timestamp() + timestampOffset), tag.body());
        }
        long ts = Integer.toUnsignedLong(tag.timestamp());
        if (!tag.type().isScript()) {
            minTimestamp = Math.min(minTimestamp, ts);
            maxTimestamp = Math.max(maxTimestamp, ts);
        }
        if (tag.type() == FlvTagType.VIDEO && (maxKeyframes > 0 || keyframesPosition >= 0)
                && isIndexedKeyFrame(tag)) {
            keyframes.add(ts, bytesWritten + pendingBytes);
        }
        for (ByteBuffer b : muxer.encode(tag)) {
            queue(b);
        }
        if (pendingBytes >= FLUSH_BYTES || pending.size() >= FLUSH_BUFFERS) {
            flush();
        }
    }

    /** A video key frame that is not a sequence header nor a command/metadata packet. */
    static boolean isIndexedKeyFrame(FlvTag tag) {
        try {
            VideoTagHeader h = VideoTagHeader.parse(tag.body());
            return h.isKeyFrame() && !h.isSequenceHeader();
        } catch (FlvFormatException e) {
            return false;
        }
    }

    /**
     * Appends an {@code onMetaData} script tag at timestamp 0 (FLV 10.1 §E.5), encoded by
     * {@link ScriptData#encodeOnMetaData(Map)}. The keys {@code duration} and {@code filesize} are
     * added with 0.0 when missing (a non-numeric value is replaced by 0.0) so they can be patched
     * on {@link #close()}; only the first metadata tag written is patched. For that first tag a
     * caller's {@code keyframes} entry is replaced by the reserved key frame index region (see
     * the class comment) placed last in the ECMA array.
     *
     * @param metadata the properties, in the order to write them; not modified
     * @throws IOException if a buffered write fails
     * @throws org.rtmp4j.amf.AmfException if a value cannot be encoded in AMF0
     */
    public void writeMetadata(Map<String, Object> metadata) throws IOException {
        writeMetadata(metadata, FlvTagType.SCRIPT);
    }

    /**
     * Appends an {@code onMetaData} script tag at timestamp 0 as AMF0 (type 18, as
     * {@link #writeMetadata(Map)}) or AMF3 (type 15, encoded by
     * {@link Amf3ScriptData#encodeOnMetaData}: an AMF3 object behind an AVM+ switch, E-RTMP v2,
     * "Enabling AMF3 in FLV"). Either way {@code duration} and {@code filesize} are written as
     * doubles and patched on {@link #close()} for the first metadata tag. The key frame index
     * region is AMF0 and reserved only in a type-18 tag; in a type-15 tag a caller's
     * {@code keyframes} entry is written as given. Most players (ffmpeg 7.1 among them) ignore
     * type-15 tags, so prefer type 18 for files meant for playback.
     *
     * @param metadata the properties, in the order to write them; not modified
     * @param scriptType {@link FlvTagType#SCRIPT} or {@link FlvTagType#SCRIPT_AMF3}
     * @throws IOException if a buffered write fails
     * @throws IllegalArgumentException if {@code scriptType} is not a script tag type
     * @throws org.rtmp4j.amf.AmfException if a value cannot be encoded
     */
    public void writeMetadata(Map<String, Object> metadata, FlvTagType scriptType)
            throws IOException {
        ensureOpen();
        if (!scriptType.isScript()) {
            throw new IllegalArgumentException("not a script tag type: " + scriptType);
        }
        boolean amf3 = scriptType == FlvTagType.SCRIPT_AMF3;
        AmfEcmaArray props = new AmfEcmaArray(metadata);
        reserveNumber(props, "duration");
        reserveNumber(props, "filesize");
        boolean first = !metadataWritten;
        boolean index = first && maxKeyframes > 0 && !amf3;
        if (index) {
            props.remove(KEYFRAMES);
        }
        ByteBuffer body = amf3 ? Amf3ScriptData.encodeOnMetaData(props)
                : ScriptData.encodeOnMetaData(props);
        int keyframesAt = -1;
        if (index) {
            keyframesRegionSize = KeyframeIndex.regionSize(maxKeyframes);
            body = KeyframeIndex.insertInto(body, new KeyframeIndex().encode(keyframesRegionSize));
            keyframesAt = body.remaining() - 3 - keyframesRegionSize;
        }
        if (first) {
            metadataWritten = true;
            long bodyStart = bytesWritten + pendingBytes + FlvTag.HEADER_SIZE;
            int duration = ScriptData.numberOffset(scriptType, body, "duration");
            int filesize = ScriptData.numberOffset(scriptType, body, "filesize");
            durationPosition = duration < 0 ? -1 : bodyStart + duration;
            filesizePosition = filesize < 0 ? -1 : bodyStart + filesize;
            keyframesPosition = keyframesAt < 0 ? -1 : bodyStart + keyframesAt;
        }
        write(new FlvTag(scriptType, (int) -timestampOffset, body));
    }

    /** Makes {@code key} a double (AMF0 and AMF3 write doubles as 8 bytes, patchable in place). */
    private static void reserveNumber(Map<String, Object> props, String key) {
        Object v = props.get(key);
        props.put(key, v instanceof Number ? ((Number) v).doubleValue() : 0.0);
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
     * Returns the length of the FLV stream so far, including queued but unflushed bytes (for
     * {@link #append}, including the existing recording).
     *
     * @return the stream length in bytes
     */
    public long bytesWritten() {
        return bytesWritten + pendingBytes;
    }

    /**
     * Returns how many key frames have been indexed so far (before any thinning).
     *
     * @return the number of video key frames seen
     */
    public int keyframeCount() {
        return keyframes.size();
    }

    /**
     * Flushes, patches {@code duration}, {@code filesize} and the key frame index of the first
     * metadata tag when the channel is seekable (see the class comment), and closes the channel.
     * Idempotent.
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
                patch(s, durationPosition, ByteBuffer.allocate(8).putDouble(0, duration));
                patch(s, filesizePosition,
                        ByteBuffer.allocate(8).putDouble(0, (double) bytesWritten));
                if (keyframesPosition >= 0) {
                    patch(s, keyframesPosition, keyframes.encode(keyframesRegionSize));
                }
                s.position(startPosition + bytesWritten);
            }
        }
    }

    private void patch(SeekableByteChannel s, long position, ByteBuffer b) throws IOException {
        if (position < 0) {
            return;
        }
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
