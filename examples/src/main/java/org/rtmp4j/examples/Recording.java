package org.rtmp4j.examples;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rtmp4j.client.RecordingTimeline;
import org.rtmp4j.flv.FlvFormatException;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.flv.FlvWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One published stream being recorded by {@link RecordToFlv} or {@link HubRecorder}: picks the file by {@link RecordMode}, rebases
 * timestamps with a {@link RecordingTimeline} and writes FLV tags (FLV 10.1 §E.4.1).
 *
 * <p>For {@link RecordMode#APPEND} onto an existing {@code KEY.flv}, the first messages are held back until the
 * new stream's codecs are known: until a coded frame (not a sequence header) arrived for every track the file
 * has, or a frame of a track the file lacks, or {@code maxPending} messages are held. Then the file is continued
 * if its codecs ({@link StreamCodecs}) match, with the stream's first frame one frame interval (the file's last;
 * at least 1 ms) after the file's last timestamp and its {@code onMetaData} left out (the file's first one stays,
 * patched); otherwise the stream goes to a unique name, with its metadata, and the reason is logged at WARN.
 *
 * <p>Not thread-safe: used by the publishing connection's thread only (or under a lock).
 */
final class Recording {
    /** Default of {@code maxPending}: messages held while an append waits for the stream's codecs (about 10 s of 25 fps video with audio). */
    static final int DEFAULT_MAX_PENDING = 500;

    private static final Logger log = LoggerFactory.getLogger(Recording.class);

    private final Path dir;
    private final String app;
    private final String key;
    private final Instant start;
    private final int maxPending;
    private final Set<Path> busy;
    private Path claimed;
    private final RecordingTimeline timeline = new RecordingTimeline();
    private FlvWriter writer;
    private Path file;
    private boolean appended;
    private long gapMs;
    private StreamCodecs.FileEnd existing;
    private StreamCodecs.Tracker tracker;
    private List<FlvTag> held;
    private Map<String, Object> heldMetadata;

    private Recording(Path dir, String app, String key, Instant start, int maxPending, Set<Path> busy) {
        this.dir = dir;
        this.app = app;
        this.key = key;
        this.start = start;
        this.maxPending = maxPending;
        this.busy = busy;
    }

    /**
     * Opens the recording of {@code APP/KEY} in {@code dir} as {@code mode} says.
     *
     * @param start when the stream started; names {@link RecordMode#UNIQUE} files
     * @param maxPending at most this many messages are held while an append waits for the codecs (at least 1)
     * @param busy the {@code KEY.flv} files open in other recordings (thread-safe set, shared by all): a file in
     *     it is neither continued nor replaced while another publish of the key writes it; that stream gets a
     *     unique name instead (logged at WARN)
     * @throws IOException naming the file, if it cannot be created
     * @throws IllegalArgumentException if app or key is not a {@linkplain SafeNames#isSafe safe} name
     */
    static Recording open(Path dir, String app, String key, RecordMode mode, Instant start, int maxPending,
            Set<Path> busy) throws IOException {
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending must be at least 1: " + maxPending);
        }
        Recording r = new Recording(dir, app, key, start, maxPending, busy);
        Path plain = RecordingFiles.plain(dir, app, key);
        if (mode == RecordMode.UNIQUE) {
            r.openUnique();
        } else if (!busy.add(plain)) {
            r.file = plain;
            r.fallBack("another publish of " + app + "/" + key + " is recording into it");
        } else {
            r.claimed = plain;
            try {
                if (mode == RecordMode.OVERWRITE) {
                    r.use(RecordingFiles.overwrite(plain), plain);
                } else {
                    r.prepareAppend(plain);
                }
            } catch (IOException | RuntimeException e) {
                r.release();
                throw e;
            }
        }
        return r;
    }

    private void release() {
        if (claimed != null) {
            busy.remove(claimed);
            claimed = null;
        }
    }

    /** The file written, or for a pending append the file it would continue. */
    Path file() {
        return file;
    }

    private void use(FlvWriter w, Path f) {
        writer = w;
        file = f;
    }

    private void openUnique() throws IOException {
        RecordingFiles.Opened o = RecordingFiles.createUnique(dir, app, key, start);
        use(o.writer(), o.file());
    }

    private void prepareAppend(Path target) throws IOException {
        file = target;
        if (!Files.exists(target)) {
            try {
                use(RecordingFiles.createNew(target), target);
                return;
            } catch (FileAlreadyExistsException raced) {
                // created meanwhile by another publish of the same key: inspect it below
            }
        }
        try {
            existing = StreamCodecs.ofFile(target);
        } catch (FlvFormatException e) {
            fallBack("it is not an FLV file (" + e.getMessage() + ")");
            return;
        } catch (IOException e) {
            fallBack("it cannot be read (" + e + ")");
            return;
        }
        tracker = new StreamCodecs.Tracker();
        held = new ArrayList<>();
    }

    private void fallBack(String why) throws IOException {
        release();
        Path wanted = file;
        openUnique();
        log.warn("{}/{}: not appending to {}: {}; recording to {}", app, key, wanted, why, file);
    }

    /**
     * Writes {@code onMetaData} (FLV 10.1 §E.5); held while an append waits, left out when the stream continues a
     * file.
     *
     * @throws IOException naming the file, if writing fails
     */
    void metadata(Map<String, Object> metadata) throws IOException {
        if (held != null) {
            heldMetadata = metadata;
        } else if (!appended) {
            try {
                writer.writeMetadata(metadata);
            } catch (IOException e) {
                throw failure("writing onMetaData to", e);
            }
        }
    }

    /**
     * Writes one audio or video message as a tag with the rebased timestamp.
     *
     * @param rtmpTimestamp the message's RTMP timestamp, ms (unsigned 32-bit)
     * @param payload the message payload, the FLV tag body; must not change afterwards
     * @throws IOException naming the file, if writing fails
     */
    void media(FlvTagType type, int rtmpTimestamp, ByteBuffer payload) throws IOException {
        if (held == null) {
            write(type, rtmpTimestamp, payload);
            return;
        }
        tracker.accept(type, rtmpTimestamp, payload);
        held.add(new FlvTag(type, rtmpTimestamp, payload));
        if (codecsKnown() || held.size() >= maxPending) {
            decide();
        }
    }

    private boolean codecsKnown() {
        StreamCodecs old = existing.codecs();
        boolean video = old.videoCodec() != null;
        boolean audio = old.audioCodec() != null;
        if ((tracker.videoFrame() && !video) || (tracker.audioFrame() && !audio)) {
            return true; // a track the file lacks: no need to wait
        }
        return (!video || tracker.videoFrame()) && (!audio || tracker.audioFrame());
    }

    private void decide() throws IOException {
        List<FlvTag> messages = held;
        held = null;
        Optional<String> mismatch = existing.codecs().mismatch(tracker.codecs());
        if (mismatch.isEmpty()) {
            try {
                writer = FlvWriter.append(file);
                appended = true;
                gapMs = Math.max(1, existing.lastIntervalMs());
                log.info("{}/{}: appending to {} from {} ms (same codecs)", app, key, file, writer.timestampOffset() + gapMs);
                if (writer.appendDamageOffset() >= 0) {
                    log.warn("{}/{}: {} was damaged at byte offset {}; cut off there before appending", app, key, file,
                            writer.appendDamageOffset());
                }
            } catch (IOException e) {
                fallBack("it cannot be continued (" + e + ")");
            }
        } else {
            fallBack("the codecs differ: " + mismatch.get());
        }
        if (!appended && heldMetadata != null) {
            metadata(heldMetadata);
        }
        for (FlvTag m : messages) {
            write(m.type(), m.timestamp(), m.body());
        }
    }

    private void write(FlvTagType type, int rtmpTimestamp, ByteBuffer payload) throws IOException {
        try {
            writer.write(new FlvTag(type, (int) (timeline.flvTimestamp(rtmpTimestamp) + gapMs), payload));
        } catch (IOException e) {
            throw failure("writing a tag to", e);
        }
    }

    /**
     * Finishes the file: decides a pending append with what is known (nothing is written if no media came),
     * then closes the writer, which patches {@code duration}, {@code filesize} and the key frame index.
     *
     * @throws IOException naming the file, if writing or closing fails
     */
    void close() throws IOException {
        try {
            if (held != null) {
                if (held.isEmpty()) {
                    held = null;
                    return;
                }
                decide();
            }
            if (writer != null) {
                try {
                    writer.close();
                } catch (IOException e) {
                    throw failure("finishing (patching duration and size of)", e);
                }
            }
        } finally {
            release();
        }
    }

    private IOException failure(String doing, IOException e) {
        return new IOException(doing + " recording " + file + " failed: " + e, e);
    }
}
