package org.rtmp4j.live;

import org.rtmp4j.core.session.OutboundLimits;
import org.rtmp4j.core.session.OutboundOverflowException;
import org.rtmp4j.http.HttpResponseStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live fragmented-MP4 output (ISO/IEC 14496-12 §8.8; issue 13, "fMP4 live stream") on one HTTP
 * response body or WebSocket. It muxes nothing itself: the stream's one {@link Fmp4Encoding} has
 * attached to the messages it is handed the fragments they flushed ({@link LiveMedia#fmp4()}), and
 * it writes those bytes, shared read-only with every other fMP4 player of the stream, after the
 * init segment ({@code ftyp}+{@code moov}) of their version: what Media Source Extensions append as
 * they come. The hub's join, keyframe wait and slow-player policy apply to it as to any output.
 *
 * <ul>
 *   <li>It starts at the first fragment that is {@link SharedFragment#independent()} (its first
 *       video sample a sync sample), writing the init segment first: with a GOP cache that is the
 *       cached keyframe's fragment (carried by the message after the keyframe; the keyframe
 *       message carries the previous GOP's last frame and is skipped).</li>
 *   <li>Video streams get one fragment per video frame, one frame late (the muxer holds back the
 *       newest sample); audio-only streams one per audio frame.</li>
 *   <li>A message the hub drops for this slow player loses the fragment it carries: the sink then
 *       skips fragments until the next independent one, so the body never has a decode gap inside
 *       a GOP (it has a gap in time, which the player must jump).</li>
 *   <li>A fragment of another init version (a codec change) or of another encoding (a new
 *       publisher, also after an E-RTMP reconnect hand-over) ends the body: one body carries one
 *       init segment, and MSE players reconnect to get the new one.</li>
 *   <li>The publisher leaving writes the held-back samples ({@link Fmp4Encoding#last()}) and ends
 *       the body, as the HTTP-FLV player does. Overflow past the hard cap and the E-RTMP gate's
 *       refusal abort the connection.</li>
 * </ul>
 *
 * <p>Runs on the connection's event loop, one call at a time (see {@link MediaSink}).
 */
final class Fmp4Sink implements MediaSink {
    private static final Logger log = LoggerFactory.getLogger(Fmp4Sink.class);

    private final HttpResponseStream stream;
    private final OutboundLimits limits;
    private final PlayerKind kind;
    /** The encoding whose fragments this body carries, once the init segment is out. */
    private Fmp4Encoding encoding;
    private int initVersion;
    /** Whether the next fragment written must be independent (at the start, and after a lost one). */
    private boolean resync = true;
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
            SharedFragment f = m.fmp4();
            if (f != null) {
                write(f);
            }
        } else if (event instanceof RelayEvent.Unpublished) {
            SharedFragment f = encoding == null ? null : encoding.last();
            if (f != null && !resync && f.initVersion() == initVersion) {
                stream.write(f.fragment().bytes().duplicate());
            }
            end(true);
        } else if (event instanceof RelayEvent.Refused) {
            end(false);
        }
    }

    private void write(SharedFragment f) {
        if (encoding != null && (f.encoding() != encoding || f.initVersion() != initVersion)) {
            log.debug("{}: {}; ending the body for the player to reconnect", this,
                    f.encoding() != encoding ? "a new publisher" : "the codec configuration changed");
            end(true);
            return;
        }
        if (resync) {
            if (!f.independent()) {
                return;
            }
            resync = false;
        }
        if (encoding == null) {
            encoding = f.encoding();
            initVersion = f.initVersion();
            stream.write(f.initSegment().duplicate());
        }
        stream.write(f.fragment().bytes().duplicate());
    }

    /** A dropped message's fragment is lost to this player: wait for the next sync sample. */
    @Override
    public void onDropped(LiveMedia media, boolean startedKeyframeWait, long queuedBytes) {
        if (media.fmp4() != null) {
            resync = true;
        }
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
