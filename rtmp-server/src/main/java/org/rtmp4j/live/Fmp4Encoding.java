package org.rtmp4j.live;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.flv.mp4.Fmp4Fragment;
import org.rtmp4j.flv.mp4.Fmp4Muxer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one fragmented-MP4 encoding of one publisher's stream (ISO/IEC 14496-12 §8.8; DESIGN-NOTES.md,
 * "Browsers: the fMP4 stream and LL-HLS"): one {@link Fmp4Muxer} fed every message the publisher
 * sends, whose fragments are attached to the messages ({@link LiveMedia#fmp4()}) before the hub fans
 * them out, so N fMP4 players cost one mux and share the bytes, as FLV players share {@link
 * LiveMedia#flvTag()}.
 *
 * <ul>
 *   <li>Made by {@link LiveStream} when the first fMP4 output subscribes ({@link #primed}: the
 *       cached sequence headers and GOP are muxed at once, so the joiner has fragments from the
 *       cached keyframe on) or, if one waits, when a publisher starts ({@link #forOutputs}). Ended
 *       with its publisher ({@link #end}); a new publisher gets a new encoding.</li>
 *   <li>Flushing: after every video frame (an audio-only stream: every audio frame), as the
 *       per-player muxer did. The flushed fragment holds every sample but the newest of each track,
 *       so the fragment attached to a message is the previous sample(s): the one attached to a
 *       keyframe ends the previous GOP and is not {@link SharedFragment#independent()}.</li>
 *   <li>A codec change (a sequence header that changes {@link Fmp4Muxer#initVersion()}): the
 *       samples of the previous version are flushed at once and attached to the sequence header;
 *       the init segment of each version is kept with the fragments of that version.</li>
 *   <li>A message the muxer cannot take (its buffer bounds, {@code Fmp4Options}) is logged and
 *       skipped: the hub's other outputs are not affected.</li>
 * </ul>
 *
 * <p>Thread-safety: every method but {@link #last()} under the stream's lock, on whichever thread
 * holds it (the publisher's, or a joiner's for {@link #primed}).
 */
final class Fmp4Encoding {
    private static final Logger log = LoggerFactory.getLogger(Fmp4Encoding.class);

    private final Fmp4Muxer muxer = new Fmp4Muxer();
    private boolean hasVideo;
    private int initVersion;
    private ByteBuffer initSegment;
    private long fragments;
    private long skipped;
    private volatile SharedFragment last;

    /** @return whether {@code output} is an fMP4 player, which needs the stream's encoding */
    static boolean wants(Output output) {
        return output.sink instanceof Fmp4Sink;
    }

    /**
     * A new publisher starts: @return a fresh encoding if an fMP4 output is subscribed or joining
     * (waiting for it), else {@code null}
     */
    static Fmp4Encoding forOutputs(Output[] subscribers, List<Output> joining) {
        for (Output o : subscribers) {
            if (wants(o)) {
                return new Fmp4Encoding();
            }
        }
        for (Output o : joining) {
            if (wants(o)) {
                return new Fmp4Encoding();
            }
        }
        return null;
    }

    /**
     * The first fMP4 output joins a live stream: @return an encoding that has muxed the cached
     * sequence headers and GOP (in the order a joiner is sent them) and attached their fragments
     */
    static Fmp4Encoding primed(Collection<LiveMedia> videoSequenceHeaders, Collection<LiveMedia> audioSequenceHeaders,
            LiveMedia[] gop) {
        Fmp4Encoding e = new Fmp4Encoding();
        videoSequenceHeaders.forEach(e::accept);
        audioSequenceHeaders.forEach(e::accept);
        for (LiveMedia m : gop) {
            e.accept(m);
        }
        return e;
    }

    /** The publisher ended: flushes the held-back samples ({@link #last()}). @return {@code null}, the next encoding */
    static Fmp4Encoding end(Fmp4Encoding encoding) {
        if (encoding != null) {
            encoding.finish();
        }
        return null;
    }

    /**
     * Muxes one message of the publisher and attaches the fragment it flushes, if any. Never throws:
     * the publisher and the other outputs must not suffer from this one.
     */
    void accept(LiveMedia m) {
        try {
            mux(m);
        } catch (RuntimeException e) {
            skipped++;
            log.debug("fMP4: {} not muxed: {}", m, e.toString());
        }
    }

    private void mux(LiveMedia m) {
        boolean video = !(m.message() instanceof AudioMessage);
        int before = muxer.initVersion();
        try {
            muxer.accept(new FlvTag(video ? FlvTagType.VIDEO : FlvTagType.AUDIO, m.timestamp(), m.message().payload()));
        } catch (IllegalStateException full) { // the muxer's buffer bounds: drain what it can, then retry once
            attach(m, muxer.flush(), initVersion, initSegment);
            try {
                muxer.accept(new FlvTag(video ? FlvTagType.VIDEO : FlvTagType.AUDIO, m.timestamp(), m.message().payload()));
            } catch (IllegalStateException again) {
                skipped++;
                log.debug("fMP4: {} not muxed: {}", m, again.getMessage());
                return;
            }
        }
        if (m.kind() == MediaKind.VIDEO_SEQUENCE_HEADER) {
            hasVideo = true;
        }
        if (muxer.initVersion() != before) {
            ByteBuffer previousInit = initSegment;
            int previousVersion = initVersion;
            initVersion = muxer.initVersion();
            initSegment = muxer.initSegment().orElse(null);
            if (previousInit != null) {
                attach(m, muxer.flush(), previousVersion, previousInit); // the previous version's samples, all of them
            }
        }
        boolean flushes = video ? m.kind() != MediaKind.VIDEO_SEQUENCE_HEADER
                : m.kind() == MediaKind.AUDIO_FRAME && !hasVideo;
        if (flushes && m.fmp4() == null) {
            attach(m, muxer.flush(), initVersion, initSegment);
        }
    }

    private void attach(LiveMedia m, Optional<Fmp4Fragment> fragment, int version, ByteBuffer init) {
        if (fragment.isPresent() && init != null && m.fmp4() == null) {
            fragments++;
            m.fmp4(new SharedFragment(this, version, init, fragment.get()));
        }
    }

    private void finish() {
        try {
            Optional<Fmp4Fragment> f = muxer.finish();
            if (f.isPresent() && initSegment != null) {
                fragments++;
                last = new SharedFragment(this, initVersion, initSegment, f.get());
            }
        } catch (RuntimeException e) {
            log.debug("fMP4: cannot write the last fragment: {}", e.toString());
        }
    }

    /** Any thread, after the publisher ended: @return the held-back samples' fragment, or {@code null} */
    SharedFragment last() {
        return last;
    }

    /** @return how many fragments were muxed, for tests and monitoring (lock) */
    long fragments() {
        return fragments;
    }

    /** @return how many messages the muxer could not take (lock) */
    long skipped() {
        return skipped;
    }

    @Override
    public String toString() {
        return "Fmp4Encoding[v" + initVersion + ", " + fragments + " fragments]";
    }
}
