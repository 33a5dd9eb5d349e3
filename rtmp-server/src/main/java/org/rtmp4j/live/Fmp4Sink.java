package org.rtmp4j.live;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.session.OutboundLimits;
import org.rtmp4j.core.session.OutboundOverflowException;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.flv.mp4.Fmp4Fragment;
import org.rtmp4j.flv.mp4.Fmp4Muxer;
import org.rtmp4j.http.HttpResponseStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live fragmented-MP4 output (ISO/IEC 14496-12 §8.8; issue 13, "fMP4 live stream") on one HTTP
 * response body or WebSocket: its own {@link Fmp4Muxer} turns the hub's events into the init
 * segment ({@code ftyp}+{@code moov}), then one {@code moof}+{@code mdat} per video sample, what
 * Media Source Extensions append as they come.
 *
 * <ul>
 *   <li>The init segment is written before the first coded frame, once the join's sequence headers
 *       (which the hub hands out before any frame) have configured every track; so the first
 *       fragment starts at the cached GOP's keyframe.</li>
 *   <li>Video streams: the muxer is flushed after every video sample; the flushed fragment holds
 *       every sample but the newest of each track (whose duration the next sample gives), so video
 *       goes out one frame late. Audio-only streams flush after every audio frame.</li>
 *   <li>A codec change (a sequence header that changes the muxer's {@link Fmp4Muxer#initVersion()}
 *       once the init segment is out) ends the body: one body carries one init segment, and MSE
 *       players reconnect to get the new one.</li>
 *   <li>The publisher leaving flushes the held-back samples ({@link Fmp4Muxer#finish()}) and ends the
 *       body, as the HTTP-FLV player does. Overflow past the hard cap and the E-RTMP gate's refusal
 *       abort the connection.</li>
 * </ul>
 *
 * <p>Runs on the connection's event loop, one call at a time (see {@link MediaSink}).
 */
final class Fmp4Sink implements MediaSink {
    private static final Logger log = LoggerFactory.getLogger(Fmp4Sink.class);

    private final HttpResponseStream stream;
    private final OutboundLimits limits;
    private final PlayerKind kind;
    private final Fmp4Muxer muxer = new Fmp4Muxer();
    private boolean hasVideo;
    private boolean initWritten;
    private int initVersion;
    private boolean done;

    /**
     * @param stream the response body or WebSocket the bytes go to; its thread is the sink's
     * @param limits the slow-player bounds, compared with the stream's queued bytes
     * @param kind {@link PlayerKind#HTTP_FMP4} or {@link PlayerKind#WS_FMP4}, for player counts by kind
     */
    Fmp4Sink(HttpResponseStream stream, OutboundLimits limits, PlayerKind kind) {
        this.stream = stream;
        this.limits = limits;
        this.kind = kind;
    }

    /** @return {@link PlayerKind#HTTP_FMP4}, or {@link PlayerKind#WS_FMP4} for a WebSocket */
    @Override
    public PlayerKind playerKind() {
        return kind;
    }

    @Override
    public Object executorKey() {
        return stream.executorKey();
    }

    @Override
    public boolean inSinkThread() {
        return stream.inStreamThread();
    }

    @Override
    public void execute(Runnable task) {
        stream.execute(task);
    }

    @Override
    public long queuedBytes() {
        return stream.queuedBytes();
    }

    @Override
    public OutboundLimits limits() {
        return limits;
    }

    @Override
    public void onEvent(RelayEvent event) {
        if (done) {
            return;
        }
        if (event instanceof LiveMedia m) {
            try {
                mux(m);
            } catch (RuntimeException e) {
                log.warn("{}: cannot mux {}; closing", this, m, e);
                end(false);
            }
        } else if (event instanceof RelayEvent.Unpublished) {
            if (initWritten) {
                muxer.finish().ifPresent(this::write);
            }
            end(true);
        } else if (event instanceof RelayEvent.Refused) {
            end(false);
        }
    }

    private void mux(LiveMedia m) {
        boolean video = !(m.message() instanceof AudioMessage);
        muxer.accept(new FlvTag(video ? FlvTagType.VIDEO : FlvTagType.AUDIO, m.timestamp(), m.message().payload()));
        if (m.kind().isSequenceHeader()) {
            hasVideo |= video;
            if (initWritten && muxer.initVersion() != initVersion) {
                log.debug("{}: the codec configuration changed; ending the body for the player to reconnect", this);
                end(true);
            }
            return;
        }
        if (!initWritten) {
            Optional<ByteBuffer> init = muxer.initSegment();
            if (init.isEmpty()) {
                return; // no track the muxer can carry is configured yet
            }
            initVersion = muxer.initVersion();
            initWritten = true;
            stream.write(init.get());
        }
        if (video || !hasVideo) {
            muxer.flush().ifPresent(this::write);
        }
    }

    private void write(Fmp4Fragment fragment) {
        stream.write(fragment.bytes());
    }

    private void end(boolean graceful) {
        done = true;
        if (graceful) {
            stream.end();
        } else {
            stream.abort();
        }
    }

    @Override
    public void onOverflow(long queuedBytes, long maxQueued) {
        log.debug("{}: {}", this, new OutboundOverflowException(queuedBytes, maxQueued).getMessage());
        end(false);
    }

    @Override
    public String toString() {
        return "fmp4:" + stream;
    }
}
