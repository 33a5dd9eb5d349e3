package org.rtmp4j.hls;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rtmp4j.core.Timeline;
import org.rtmp4j.core.message.VideoMessage;
import org.rtmp4j.flv.FlvFormatException;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.flv.media.VideoTagHeader;
import org.rtmp4j.live.LiveMedia;
import org.rtmp4j.live.MediaKind;
import org.rtmp4j.live.StreamKey;

/**
 * Turns one stream's FLV tags into HLS: the {@link HlsSegmenter} decides the cuts, a {@link Muxing}
 * writes the bytes, the {@link SegmentStore} keeps them, the {@link MediaPlaylist} lists them (and a
 * second one without parts is written to disk when a directory is set), per the usage of the agreed
 * interfaces: fMP4 cuts after {@code accept} (the held-back sample starts the next part), MPEG-TS
 * before. Sample times are the FLV timestamps unwrapped to 64 bits ({@link Timeline}), so a stream
 * past 2^32 ms stays monotonic. A video stream's first segment starts at its first keyframe (audio
 * before it is dropped); a track added before anything of the first segment was listed only
 * changes its {@code EXT-X-MAP}; any later codec change closes the segment and starts the next with
 * {@code EXT-X-DISCONTINUITY} (RFC 8216bis §4.4.4.3, §6.2.1).
 *
 * <p>Audio reaches every cut: with fMP4 and an audio track, a cut decided at a video frame of decode time
 * {@code T} and presentation time {@code P = T + CompositionTime} is completed when the first audio frame
 * later than {@code P} arrives; video frames up to {@code P} wait in the packager meanwhile (a frame later
 * than {@code P}, or a sequence header, completes the cut with the audio there is, so audio that stopped
 * delays a cut by at most the composition offset plus one frame interval, the offset counted up to 1 s). The
 * part's audio thus covers the time its video is presented up to, which is where players put the part's end
 * (hls.js: the next part's first presentation time). Without this the audio ended before it (by the muxer's
 * held-back AAC frame plus the B-frame delay, 8-88 ms here), a browser's buffered range (audio and video
 * intersected) ended inside the segment hls.js had just loaded, and hls.js 1.7 in low-latency mode then
 * stayed on that finished segment instead of loading the next one's parts until it closed
 * (DESIGN-NOTES.md, "HLS and LL-HLS").
 *
 * <p>Not thread-safe: the owning {@link HlsStream} calls it under its monitor.
 */
final class HlsPackager {
    /** A cut decided at the video frame of decode time {@code dts}, to complete once audio passes {@code frontier}. */
    private record PendingCut(boolean newSegment, long dts, long frontier, boolean keyframe) {}

    /** An audio or video frame on the unwrapped timeline. */
    private record Sample(FlvTag tag, boolean video, boolean keyframe, long dts) {}

    /** The largest composition offset a pending cut waits for, ms. */
    private static final long MAX_CUT_WAIT_MS = 1_000;

    /** What the stream's waiters care about. */
    interface Events {
        /** A part was added (blocking reloads and held parts may be answered). */
        void partAdded();

        /** A segment was closed (first playlist requests may be answered). */
        void segmentClosed();
    }

    private final StreamKey key;
    private final String instance;
    private final HlsOptions options;
    private final Clock clock;
    private final HlsDisk disk;
    private final Events events;
    private final MediaPlaylist playlist;
    /** The copy written to disk: no parts, no blocking reload (a plain file server cannot hold). */
    private final MediaPlaylist diskPlaylist;
    private final SegmentStore store;
    private final Muxing muxing;
    private final Timeline timeline = new Timeline();
    private HlsSegmenter segmenter;
    private boolean videoConfigured;
    /** An audio sequence header was seen: video cuts wait for audio past them (class comment). */
    private boolean audioConfigured;
    /** A cut decided at a video frame, completed once audio has passed it; null when none. */
    private PendingCut pendingCut;
    /** Video frames after a pending cut's frame, up to its frontier: fed once the cut is complete. */
    private final ArrayDeque<Sample> held = new ArrayDeque<>();
    /** {@code onMetaData} names a video codec: audio before the first video keyframe is not an audio-only stream. */
    private boolean metadataVideo;
    /** No segment of the current publisher was closed yet. */
    private boolean firstOfPublish = true;
    private boolean videoStream;
    private boolean started;
    private boolean discontinuity;
    private long msn;
    private int partIndex;
    private boolean segmentOpen;
    private int segmentInit;
    private long segmentStartDts;
    private long partStartDts;
    private boolean partStartsWithKey;
    private double segmentSec;
    private long anchorDts;
    private Instant anchorTime;

    HlsPackager(StreamKey key, String instance, HlsOptions options, Clock clock, HlsDisk disk, Events events) {
        this.key = key;
        this.instance = instance;
        this.options = options;
        this.clock = clock;
        this.disk = disk;
        this.events = events;
        String prefix = key.name() + "/" + instance + "/";
        this.playlist = new MediaPlaylist(options, prefix);
        this.diskPlaylist = disk == HlsDisk.NONE ? null
                : new MediaPlaylist(options.toBuilder().lowLatency(false).build(), prefix);
        this.store = new SegmentStore(this::expired);
        this.muxing = options.container() == HlsContainer.MPEGTS ? new Muxing.Ts() : new Muxing.Fmp4();
    }

    /** The publisher's {@code onMetaData} (FLV 10.1 §E.5): does it announce video? */
    void metadata(Map<String, Object> values) {
        Object v = values.get("videocodecid");
        metadataVideo = v != null && !"0".equals(String.valueOf(v)) && !Double.valueOf(0).equals(v);
    }

    /** One audio or video message of the publisher, in order. */
    void media(LiveMedia m) {
        MediaKind kind = m.kind();
        if (kind == MediaKind.VIDEO_MALFORMED) {
            return;
        }
        boolean video = m.message() instanceof VideoMessage;
        FlvTag tag = new FlvTag(video ? FlvTagType.VIDEO : FlvTagType.AUDIO, m.timestamp(), m.message().payload());
        if (kind.isSequenceHeader()) {
            settle();
            videoConfigured |= video;
            audioConfigured |= !video;
            int before = muxing.initVersion();
            muxing.accept(tag);
            if (muxing.initVersion() != before && segmentOpen && segmentInit != muxing.initVersion()) {
                if (firstOfPublish && partIndex == 0) {
                    map(muxing.initVersion()); // a track added before anything was listed: the new map only
                } else {
                    endSegment(); // a new codec configuration needs a new EXT-X-MAP (RFC 8216bis §4.4.4.5)
                    discontinuity = true;
                }
            }
            return;
        }
        boolean keyframe = kind == MediaKind.VIDEO_KEY_FRAME;
        if (!started) {
            videoStream = videoConfigured || metadataVideo || video;
            if (videoStream && !keyframe) {
                return; // a video segment starts at a keyframe (EXT-X-INDEPENDENT-SEGMENTS)
            }
            started = true;
            segmenter = new HlsSegmenter(options, videoStream);
        } else if (!videoStream && video && keyframe) {
            videoStream = true; // video after audio-only: cut at this keyframe, then by video rules
            segmenter = new HlsSegmenter(options, true);
            endSegment();
        }
        long dts = timeline.unwrap(m.timestamp());
        if (firstOfPublish) {
            anchor(dts);
        }
        sample(new Sample(tag, video, keyframe, dts));
    }

    private void sample(Sample s) {
        if (pendingCut != null) {
            if (s.video()) {
                if (s.dts() <= pendingCut.frontier()) {
                    held.add(s);
                    return;
                }
                completePendingCut(); // no audio past the frontier before this frame: cut with the audio there is
                sample(s);
                return;
            }
            if (s.dts() > pendingCut.frontier()) {
                muxing.accept(s.tag()); // held back by the muxer: it starts the next part
                completePendingCut();
                return;
            }
        }
        HlsSegmenter.Cut cut = segmenter.onSample(s.video(), s.dts(), s.keyframe());
        if (!options.lowLatency() && cut == HlsSegmenter.Cut.PART) {
            cut = HlsSegmenter.Cut.NONE;
        }
        if (!segmentOpen) {
            openSegment(s.dts(), s.keyframe() || !videoStream);
            muxing.startSegment();
            muxing.accept(s.tag());
        } else if (cut != HlsSegmenter.Cut.NONE) {
            boolean newSegment = cut == HlsSegmenter.Cut.SEGMENT;
            if (s.video() && audioConfigured && muxing.holdsBack()) {
                muxing.accept(s.tag());
                long frontier = s.dts() + Math.min(MAX_CUT_WAIT_MS, Math.max(0, compositionTime(s.tag())));
                pendingCut = new PendingCut(newSegment, s.dts(), frontier, s.keyframe());
            } else {
                applyCut(muxing.cut(s.tag(), newSegment), new PendingCut(newSegment, s.dts(), s.dts(), s.keyframe()));
            }
        } else {
            muxing.accept(s.tag());
        }
    }

    /** The video frame's CompositionTime, ms (FLV 10.1 §E.4.3.1; E-RTMP CodedFrames), 0 when it has none. */
    private static long compositionTime(FlvTag tag) {
        try {
            return VideoTagHeader.parse(tag.body().duplicate()).compositionTime();
        } catch (FlvFormatException | RuntimeException e) {
            return 0;
        }
    }

    /** Completes the pending cut, and any the held frames make, until none is pending. */
    private void settle() {
        while (pendingCut != null) {
            completePendingCut();
        }
    }

    /** Finishes the part (and segment) a pending cut ends, with every sample the muxer can write. */
    private void completePendingCut() {
        PendingCut c = pendingCut;
        if (c != null) {
            pendingCut = null;
            applyCut(muxing.flush(), c);
            List<Sample> waiting = new ArrayList<>(held);
            held.clear();
            for (Sample s : waiting) {
                sample(s); // may start the next pending cut and hold the rest again
            }
        }
    }

    private void applyCut(Muxing.Output out, PendingCut c) {
        finishPart(out, c.dts());
        if (c.newSegment()) {
            closeSegment();
            openSegment(c.dts(), true);
        } else {
            partStartDts = c.dts();
            partStartsWithKey = c.keyframe() || !videoStream;
        }
    }

    private void openSegment(long dts, boolean independent) {
        if (discontinuity) {
            playlist.discontinuity();
            if (diskPlaylist != null) {
                diskPlaylist.discontinuity();
            }
            discontinuity = false;
        }
        map(muxing.initVersion());
        segmentOpen = true;
        segmentStartDts = dts;
        partStartDts = dts;
        partStartsWithKey = independent;
        partIndex = 0;
        segmentSec = 0;
        playlist.preloadHint(HlsPath.partName(msn, 0, muxing.ts()));
    }

    /**
     * Ties media time to the wall clock for {@code EXT-X-PROGRAM-DATE-TIME} (RFC 8216bis §4.4.4.6): the newest
     * sample is taken to be "now". Until the publisher's first segment is closed a sample that would map into
     * the future moves the anchor (the cached GOP arrives in one burst, its first sample seconds old), so the
     * times are those of the live edge, which is what players measure latency against; afterwards it stays.
     */
    private void anchor(long dts) {
        Instant now = clock.instant();
        if (anchorTime == null || anchorTime.plusMillis(dts - anchorDts).isAfter(now)) {
            anchorTime = now;
            anchorDts = dts;
        }
    }

    /** Stores init segment {@code init} and lists it ({@code EXT-X-MAP}) for the segment being opened or written. */
    private void map(int init) {
        segmentInit = init;
        if (!muxing.hasInit() || store.init(init) != null) {
            return;
        }
        ByteBuffer bytes = muxing.initSegment();
        store.putInit(init, bytes);
        playlist.map(HlsPath.initName(init));
        if (diskPlaylist != null) {
            diskPlaylist.map(HlsPath.initName(init));
            disk.write(key, instance, HlsPath.initName(init), bytes.duplicate());
        }
    }

    /** The samples up to {@code endDts} (excluded) are {@code out}: one part. */
    private void finishPart(Muxing.Output out, long endDts) {
        double sec = out.durationMs() >= 0 ? out.durationMs() / 1000.0 : (endDts - partStartDts) / 1000.0;
        boolean independent = out.independent() != null ? out.independent() : partStartsWithKey;
        if (!out.bytes().hasRemaining()) {
            return;
        }
        String name = HlsPath.partName(msn, partIndex, muxing.ts());
        store.addPart(msn, segmentInit, out.bytes());
        playlist.addPart(name, sec, independent);
        segmentSec += sec;
        partIndex++;
        playlist.preloadHint(HlsPath.partName(msn, partIndex, muxing.ts()));
        events.partAdded();
    }

    private void closeSegment() {
        String name = HlsPath.segmentName(msn, muxing.ts());
        Instant pdt = anchorTime.plusMillis(segmentStartDts - anchorDts);
        store.closeSegment(msn, segmentSec);
        playlist.closeSegment(name, segmentSec, pdt);
        store.slideTo(playlist.firstMsn());
        if (diskPlaylist != null) {
            diskPlaylist.closeSegment(name, segmentSec, pdt);
            ByteBuffer bytes = store.segment(msn);
            if (bytes != null) {
                disk.write(key, instance, name, bytes);
            }
            disk.playlist(key, diskPlaylist.render(false, ""));
        }
        msn++;
        partIndex = 0;
        segmentOpen = false;
        firstOfPublish = false;
        events.segmentClosed();
    }

    /** Ends the segment being written with every sample buffered (publisher gone, codec change). */
    private void endSegment() {
        settle();
        if (!segmentOpen) {
            return;
        }
        Muxing.Output out = muxing.finish();
        finishPart(out, timeline.last());
        if (partIndex > 0) {
            closeSegment();
        } else {
            segmentOpen = false;
        }
    }

    /** The publisher left: its last samples make the last part and segment; the next one starts a new timeline. */
    void publisherLeft() {
        endSegment();
        started = false;
        videoConfigured = false;
        audioConfigured = false;
        metadataVideo = false;
        firstOfPublish = true;
        segmenter = null;
        muxing.reset();
        timeline.reset();
        anchorTime = null;
        discontinuity = msn > 0;
    }

    private void expired(long expiredMsn) {
        disk.delete(key, instance, HlsPath.segmentName(expiredMsn, muxing.ts()));
    }

    /** Ends the playlist ({@code EXT-X-ENDLIST}). */
    void end() {
        playlist.end();
        if (diskPlaylist != null) {
            diskPlaylist.end();
            disk.playlist(key, diskPlaylist.render(false, ""));
        }
    }

    /** @return the live playlist (for the blocking decision and the waiters) */
    MediaPlaylist playlist() {
        return playlist;
    }

    /** @return the bytes kept */
    SegmentStore store() {
        return store;
    }

    /** @return the segments closed so far */
    long closedSegments() {
        return msn;
    }

    /**
     * @return whether part {@code (m, p)} may still appear soon: it is the part being written (the
     *     preload hint) or the next one, so a request for it may be held
     */
    boolean upcoming(long m, int p) {
        return segmentOpen && m == msn && p >= partIndex && p <= partIndex + 1
                || !segmentOpen && m == msn && p <= 1;
    }

    /** Frees the memory and the disk copy (the stream stopped). */
    void clear() {
        store.clear();
        disk.removeStream(key, instance);
    }
}
