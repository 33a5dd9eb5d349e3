package org.rtmp4j.hls;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.mp4.Fmp4Fragment;
import org.rtmp4j.flv.mp4.Fmp4Muxer;
import org.rtmp4j.flv.mp4.Fmp4Options;
import org.rtmp4j.flv.ts.TsMuxer;

/**
 * The two HLS containers behind one interface for {@link HlsStream}: fMP4 / CMAF ({@link Fmp4Muxer},
 * ISO/IEC 14496-12, RFC 8216bis §3.1.2) and MPEG-TS ({@link TsMuxer}, ISO/IEC 13818-1, RFC 8216bis
 * §3.1.1). They differ in when a cut happens: the fMP4 muxer holds each track's newest sample back
 * until its duration is known, so a cut before a sample is {@code accept} then {@code flush}; the TS
 * muxer writes each sample at once, so a cut is {@code take} then {@code accept}.
 *
 * <p>Not thread-safe: the owning {@link HlsStream} guards it.
 */
sealed interface Muxing permits Muxing.Fmp4, Muxing.Ts {
    /**
     * The bytes of one part.
     *
     * @param bytes the bytes (possibly empty)
     * @param durationMs the duration the container gives, or -1 when the caller must compute it
     * @param independent whether it starts with an independent frame, or null when the caller knows
     */
    record Output(ByteBuffer bytes, long durationMs, Boolean independent) {}

    /** Feeds a tag that does not end a part (sequence headers included). */
    void accept(FlvTag tag);

    /**
     * Feeds {@code tag}, which starts a new part (and a new segment if {@code newSegment}).
     *
     * @return the finished part's bytes, without {@code tag}
     */
    Output cut(FlvTag tag, boolean newSegment);

    /**
     * Writes what is buffered as a part, before the tag most recently fed ({@link Fmp4}: every sample whose
     * duration is known; the newest of each track stays for the next part).
     *
     * @return the finished part's bytes
     */
    Output flush();

    /**
     * @return whether the muxer holds each track's newest sample back until its successor arrives (fMP4), so
     *     a part cut at a video frame only gets the audio sample just before that frame once the next audio
     *     sample is fed
     */
    boolean holdsBack();

    /** @return every buffered sample as the last part (the publisher left) */
    Output finish();

    /** Tells the muxer the next bytes start a segment (TS: PAT and PMT first). */
    void startSegment();

    /** @return the init segment version (changes with a codec configuration); TS: always 0 */
    int initVersion();

    /** @return whether an init segment exists ({@code EXT-X-MAP}); TS: false */
    boolean hasInit();

    /** @return the init segment ({@code ftyp} + {@code moov}) */
    ByteBuffer initSegment();

    /** Forgets buffered samples; a new timeline follows (next publisher). */
    void reset();

    /** @return whether this is MPEG-TS ({@code .ts} names) */
    boolean ts();

    /**
     * fMP4 / CMAF fragments: one {@code moof}+{@code mdat} per part. Track starts are aligned
     * ({@link Fmp4Options#alignTrackStarts()}): the first segment's tracks start at its key frame's
     * presentation time, so a player's buffer has no hole before the first picture (hls.js would skip it with a
     * seek that races its own seek to the live edge; DESIGN-NOTES.md, "HLS and LL-HLS").
     */
    final class Fmp4 implements Muxing {
        private final Fmp4Muxer muxer = new Fmp4Muxer(Fmp4Options.defaults().withAlignedTrackStarts(true));

        @Override
        public void accept(FlvTag tag) {
            muxer.accept(tag);
        }

        @Override
        public Output cut(FlvTag tag, boolean newSegment) {
            muxer.accept(tag);
            return of(muxer.flush());
        }

        @Override
        public Output flush() {
            return of(muxer.flush());
        }

        @Override
        public boolean holdsBack() {
            return true;
        }

        @Override
        public Output finish() {
            return of(muxer.finish());
        }

        private static Output of(Optional<Fmp4Fragment> f) {
            return f.map(x -> new Output(x.bytes(), x.durationMs(), x.independent()))
                    .orElse(new Output(ByteBuffer.allocate(0), 0, true));
        }

        @Override
        public void startSegment() {}

        @Override
        public int initVersion() {
            return muxer.initVersion();
        }

        @Override
        public boolean hasInit() {
            return muxer.initSegment().isPresent();
        }

        @Override
        public ByteBuffer initSegment() {
            return muxer.initSegment().orElseThrow();
        }

        @Override
        public void reset() {
            muxer.reset();
        }

        @Override
        public boolean ts() {
            return false;
        }
    }

    /** MPEG-TS: PAT and PMT at each segment start; a part is the packets written since the last cut. */
    final class Ts implements Muxing {
        private final TsMuxer muxer = new TsMuxer();

        @Override
        public void accept(FlvTag tag) {
            muxer.accept(tag);
        }

        @Override
        public Output cut(FlvTag tag, boolean newSegment) {
            ByteBuffer bytes = muxer.take();
            if (newSegment) {
                muxer.startSegment();
            }
            muxer.accept(tag);
            return new Output(bytes, -1, null);
        }

        @Override
        public Output flush() {
            return new Output(muxer.take(), -1, null);
        }

        @Override
        public boolean holdsBack() {
            return false;
        }

        @Override
        public Output finish() {
            return new Output(muxer.take(), -1, null);
        }

        @Override
        public void startSegment() {
            muxer.startSegment();
        }

        @Override
        public int initVersion() {
            return 0;
        }

        @Override
        public boolean hasInit() {
            return false;
        }

        @Override
        public ByteBuffer initSegment() {
            throw new IllegalStateException("MPEG-TS has no init segment");
        }

        @Override
        public void reset() {
            muxer.take();
        }

        @Override
        public boolean ts() {
            return true;
        }
    }
}
