package org.rtmp4j.client;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.DataMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.session.ClientListener;
import org.rtmp4j.flv.FlvHeader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.flv.FlvWriter;
import org.rtmp4j.flv.media.ScriptData;

/**
 * A stream being played into an FLV file ({@link RtmpClient#playToFile}). Writes {@code onMetaData}
 * as the FLV metadata tag (FLV 10.1 §E.5) and every audio/video message as a tag whose timestamp
 * (ms) is rebased to the first audio/video message and unwrapped across 2^32 by a
 * {@link RecordingTimeline} (see there for the FLV limit of 2^32 − 1 ms per file). Finishes on {@code NetStream.Play.UnpublishNotify}, {@code NetStream.Play.Stop},
 * the connection closing, or {@link #close()}; then the file is closed (duration and file size
 * patched) and the connection closed cleanly.
 *
 * <p>Thread-safe. File writes happen on the client's reader thread.
 */
public final class FlvRecording implements AutoCloseable {
    private final RtmpClient client;
    private final FlvWriter writer;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final RecordingTimeline timeline = new RecordingTimeline();
    private long tags;
    private boolean finished;

    FlvRecording(RtmpClient client, Path out) throws IOException {
        this.client = client;
        this.writer = FlvWriter.create(out, new FlvHeader(true, true));
    }

    ClientListener listener() {
        return new ClientListener() {
            @Override
            public void onStatus(int streamId, Status status) {
                if (StatusCodes.PLAY_UNPUBLISH_NOTIFY.equals(status.code())
                        || StatusCodes.PLAY_STOP.equals(status.code())) {
                    finish(null);
                }
            }

            @Override
            public void onMedia(int streamId, MediaMessage media) {
                FlvTagType type = media instanceof AudioMessage ? FlvTagType.AUDIO : FlvTagType.VIDEO;
                write(type, media, null);
            }

            @Override
            public void onData(int streamId, DataMessage data) {
                Map<String, Object> metadata = ScriptData.metadata(data.values());
                if (!metadata.isEmpty()) {
                    write(null, null, metadata);
                }
            }

            @Override
            public void onClose(Throwable causeOrNull) {
                finish(causeOrNull);
            }
        };
    }

    private synchronized void write(FlvTagType type, MediaMessage media, Map<String, Object> metadata) {
        if (finished) {
            return;
        }
        try {
            if (media != null) {
                writer.write(new FlvTag(type, timeline.flvTimestamp(media.timestamp()), media.payload()));
                tags++;
            } else {
                writer.writeMetadata(metadata);
            }
        } catch (IOException | RuntimeException e) {
            finish(e);
        }
    }

    /** @return completes when the recording finished: normally, or exceptionally on a failure */
    public CompletableFuture<Void> done() {
        return done.copy();
    }

    /** @return audio and video tags written so far */
    public synchronized long tagsWritten() {
        return tags;
    }

    /** Stops recording, closes the file and the connection. Idempotent. */
    @Override
    public void close() {
        finish(null);
    }

    private void finish(Throwable causeOrNull) {
        Throwable failure = causeOrNull;
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            try {
                writer.close();
            } catch (IOException | RuntimeException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        client.close();
        if (failure == null) {
            done.complete(null);
        } else {
            done.completeExceptionally(failure);
        }
    }
}
