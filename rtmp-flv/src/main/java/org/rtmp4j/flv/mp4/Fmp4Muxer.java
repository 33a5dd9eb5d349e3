package org.rtmp4j.flv.mp4;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.rtmp4j.flv.FlvFormatException;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.codec.Vp9CodecConfiguration;
import org.rtmp4j.flv.codec.Vp9FrameHeader;
import org.rtmp4j.flv.media.VideoFourCc;

/**
 * Turns the FLV tags of one stream into fragmented MP4 (ISO/IEC 14496-12 §8.8; the CMAF
 * structure of ISO/IEC 23000-19 §7: an init segment, then {@code moof}+{@code mdat} fragments),
 * sans I/O: it returns bytes and never blocks.
 *
 * <p>Tracks: video is track 1 (H.264 {@code avc1}, HEVC {@code hvc1}, AV1 {@code av01}, VP9
 * {@code vp09}), audio is track 2 (AAC {@code mp4a}, Opus {@code Opus}). A legacy AVC/AAC
 * sequence header or an E-RTMP {@code SequenceStart} configures its track; a VP9 track is
 * configured at its first key frame after the {@code vpcC} record, because only the frame header
 * gives the picture size. Other codecs are ignored and counted ({@link #unsupportedTags()});
 * malformed tags are skipped and counted ({@link #malformedTags()}); frames before their track's
 * configuration are dropped and counted ({@link #droppedSamples()}). Script tags are ignored.
 *
 * <p>Samples: coded frames pass through unchanged (AVCC/HVCC length-prefixed NAL units, AV1
 * OBUs, VP9 frames, raw AAC and Opus packets); the tag body is not copied until the fragment is
 * written. Timescales: video 90,000 Hz; audio the AAC output sample rate or Opus's 48,000 Hz.
 * Decode times are the FLV timestamps extended to 64 bits (monotonic past the 2^32 ms wrap) and
 * made strictly increasing per track; the FLV CompositionTime becomes a signed {@code trun}
 * composition offset. A sample's duration is the distance to the next sample of its track, so
 * {@link #flush()} holds back each track's most recent sample. With
 * {@link Fmp4Options#alignTrackStarts()} the video decode times are moved later by the first
 * video sample's CompositionTime and its offsets earlier by the same amount (presentation times
 * unchanged), and audio frames ending by the first video presentation time are dropped, so that
 * every track starts where its first {@code tfdt} says (audio is only trimmed before its first
 * fragment: audio written before the first video sample arrived stays as it is).
 *
 * <p>Configuration changes: {@link #initVersion()} counts them. A fragment never mixes samples of
 * two init versions: after a change, the next {@link #flush()} or {@link #finish()} returns the
 * samples still buffered from the previous version (all of them), and the following call the
 * new version's. Callers that cut segments on a version change therefore call {@code flush()}
 * until it is empty.
 *
 * <p>Not thread-safe: one muxer per stream, used by one thread at a time.
 */
public final class Fmp4Muxer {
    /** track_ID of the video track. */
    public static final int VIDEO_TRACK_ID = 1;
    /** track_ID of the audio track. */
    public static final int AUDIO_TRACK_ID = 2;

    private final Fmp4Options options;
    private final TimestampExtender clock = new TimestampExtender();
    private Fmp4Track video;
    private Fmp4Track audio;
    private Vp9CodecConfiguration vp9Config;
    private byte[] vp9ConfigBytes;
    private int initVersion;
    private ByteBuffer init;
    private int sequenceNumber;
    private long unsupportedTags;
    private long malformedTags;
    private long droppedSamples;
    /** With {@link Fmp4Options#alignTrackStarts()}: c0, or -1 before the first video sample. */
    private long videoDecodeShiftMs = -1;
    /** With {@link Fmp4Options#alignTrackStarts()}: the first video presentation time, ms, once known. */
    private long presentationStartMs = Long.MIN_VALUE;
    private long trimmedAudioSamples;

    /** Creates a muxer with {@link Fmp4Options#defaults()}. */
    public Fmp4Muxer() {
        this(Fmp4Options.defaults());
    }

    /**
     * Creates a muxer.
     *
     * @param options limits and defaults
     * @throws NullPointerException if {@code options} is null
     */
    public Fmp4Muxer(Fmp4Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Feeds one FLV tag (audio or video; script tags are ignored). Sequence headers configure a
     * track (a changed one increments {@link #initVersion()}); coded frames are buffered as
     * samples. Malformed tags and unsupported codecs are counted, never thrown.
     *
     * @param tag the tag; its body must not change afterwards (it is referenced, not copied)
     * @throws NullPointerException if {@code tag} is null
     * @throws IllegalStateException if the sample would exceed
     *     {@link Fmp4Options#maxPendingSamples()} or {@link Fmp4Options#maxPendingBytes()}: the
     *     caller has not called {@link #flush()} for too long (the tag is not taken)
     */
    public void accept(FlvTag tag) {
        Objects.requireNonNull(tag, "tag");
        TagUnit u;
        try {
            u = TagUnit.of(tag);
        } catch (FlvFormatException e) {
            malformedTags++;
            return;
        }
        switch (u.kind()) {
            case CONFIG:
                configure(u);
                break;
            case FRAME:
                sample(u, tag.timestamp());
                break;
            case UNSUPPORTED:
                unsupportedTags++;
                break;
            default:
                break;
        }
    }

    private void configure(TagUnit u) {
        byte[] key = CodecConfigs.bytes(u.payload());
        Fmp4Track t = u.video() ? video : audio;
        if (t != null && Arrays.equals(t.configKey(), key)
                && !VideoFourCc.VP9.equals(u.fourCc())) {
            return; // a repeated sequence header
        }
        try {
            if (VideoFourCc.VP9.equals(u.fourCc())) {
                if (!Arrays.equals(key, vp9ConfigBytes)) {
                    vp9Config = Vp9CodecConfiguration.parse(u.payload());
                    vp9ConfigBytes = key;
                    if (video != null && video.entry() instanceof VideoSampleEntry v
                            && v.fourCc().equals(VideoFourCc.VP9)) { // a new vpcC, same picture size
                        install(true, CodecConfigs.vp9(vp9Config, v.width(), v.height()), key);
                    }
                }
                return;
            }
            SampleEntry entry = u.video() ? CodecConfigs.video(u.fourCc(), u.payload())
                    : CodecConfigs.audio(u.fourCc(), u.payload());
            if (u.video()) {
                vp9Config = null;
                vp9ConfigBytes = null;
            }
            install(u.video(), entry, key);
        } catch (FlvFormatException | RuntimeException e) {
            malformedTags++; // e.g. an SPS the parser rejects; the track keeps its configuration
        }
    }

    private void install(boolean isVideo, SampleEntry entry, byte[] key) {
        Fmp4Track t = isVideo ? video : audio;
        if (t != null && t.entry().equals(entry)) {
            t.reconfigure(entry, key);
            return;
        }
        if (t == null) {
            long defaultTicks = entry instanceof AudioSampleEntry a ? a.frameTicks()
                    : (long) options.defaultVideoSampleDurationMs() * VideoSampleEntry.TIMESCALE / 1000;
            t = new Fmp4Track(isVideo ? VIDEO_TRACK_ID : AUDIO_TRACK_ID, entry, key, defaultTicks);
            if (isVideo) {
                video = t;
            } else {
                audio = t;
            }
        } else {
            t.reconfigure(entry, key);
        }
        initVersion++;
        init = null;
    }

    private void sample(TagUnit u, int timestamp) {
        if (u.video() && VideoFourCc.VP9.equals(u.fourCc()) && u.keyFrame() && vp9Config != null) {
            try {
                Vp9FrameHeader fh = Vp9FrameHeader.parse(u.payload());
                if (fh.keyFrame() && fh.width() > 0 && fh.height() > 0) {
                    install(true, CodecConfigs.vp9(vp9Config, fh.width(), fh.height()),
                            vp9ConfigBytes);
                }
            } catch (FlvFormatException e) {
                malformedTags++;
            }
        }
        Fmp4Track t = u.video() ? video : audio;
        if (t == null || !u.fourCc().equals(t.entry().fourCc())) {
            droppedSamples++; // no configuration for this codec (yet)
            return;
        }
        int size = u.payload().remaining();
        long pendingBytes = (video == null ? 0 : video.pendingBytes())
                + (audio == null ? 0 : audio.pendingBytes());
        if (t.pendingCount() >= options.maxPendingSamples()
                || pendingBytes + size > options.maxPendingBytes()) {
            throw new IllegalStateException("fMP4 muxer buffer full (" + t.pendingCount()
                    + " samples, " + pendingBytes + " bytes; limits " + options.maxPendingSamples()
                    + ", " + options.maxPendingBytes() + "): call flush()");
        }
        long dts = clock.extend(timestamp);
        int cts = u.compositionTimeMs();
        if (options.alignTrackStarts() && u.video()) {
            if (videoDecodeShiftMs < 0) {
                videoDecodeShiftMs = Math.max(0, cts); // the first video sample's offset, c0
            }
            dts += videoDecodeShiftMs; // decode later and compose earlier by c0: the same PTS
            cts -= (int) videoDecodeShiftMs;
        }
        t.add(dts, cts, u.keyFrame(), u.payload(), initVersion);
        if (options.alignTrackStarts() && u.video() && presentationStartMs == Long.MIN_VALUE) {
            presentationStartMs = t.lastDtsMs() + cts; // = decode time: c0 was moved into it
        }
    }

    /**
     * Returns the init segment ({@code ftyp} + {@code moov}, ISO/IEC 14496-12 §4.3, §8.2) for the
     * tracks configured so far.
     *
     * @return a read-only buffer (a fresh view each call), or empty before any track is configured
     */
    public Optional<ByteBuffer> initSegment() {
        List<Fmp4Track> tracks = tracks();
        if (tracks.isEmpty()) {
            return Optional.empty();
        }
        if (init == null) {
            init = InitSegmentWriter.write(tracks).asReadOnlyBuffer();
        }
        return Optional.of(init.duplicate());
    }

    /**
     * Returns the init version: 0 before any track is configured, incremented whenever a track is
     * added or its configuration changes (different sequence header bytes that give a different
     * sample entry). A new init segment is then needed (HLS: {@code EXT-X-DISCONTINUITY} and a
     * new {@code EXT-X-MAP}, RFC 8216bis §4.4.4.5, §4.4.4.3).
     *
     * @return the version
     */
    public int initVersion() {
        return initVersion;
    }

    /**
     * Writes one fragment with every buffered sample whose duration is known: all but the most
     * recent sample of each track. After a configuration change the samples of the previous init
     * version come first, all of them (see the class description).
     *
     * @return the fragment, or empty if no sample is ready
     * @throws IllegalStateException if the fragment would exceed 2 GiB (not with the default
     *     limits)
     */
    public Optional<Fmp4Fragment> flush() {
        return fragment(false);
    }

    /**
     * Like {@link #flush()} but writes every buffered sample, for the end of a stream: each
     * track's last sample gets the duration of the sample before it, or one codec frame (audio)
     * or {@link Fmp4Options#defaultVideoSampleDurationMs()} (video) when there was none. After a
     * configuration change, call it until it is empty.
     *
     * @return the fragment, or empty if nothing is buffered
     * @throws IllegalStateException as for {@link #flush()}
     */
    public Optional<Fmp4Fragment> finish() {
        return fragment(true);
    }

    private Optional<Fmp4Fragment> fragment(boolean all) {
        List<Fmp4Track> tracks = tracks();
        int version = Integer.MAX_VALUE;
        for (Fmp4Track t : tracks) {
            version = Math.min(version, t.oldestVersion());
        }
        if (version == Integer.MAX_VALUE) {
            return Optional.empty();
        }
        boolean closing = all || version < initVersion;
        if (audio != null && presentationStartMs != Long.MIN_VALUE && !audio.emitted()) {
            trimmedAudioSamples += audio.dropEndingBy(presentationStartMs, closing);
        }
        List<TrackRun> runs = new ArrayList<>(2);
        for (Fmp4Track t : tracks) {
            TrackRun run = t.take(version, closing);
            if (!run.isEmpty()) {
                runs.add(run);
            }
        }
        if (runs.isEmpty()) {
            return Optional.empty();
        }
        ByteBuffer bytes = FragmentWriter.write(++sequenceNumber, runs);
        TrackRun main = runs.get(0);
        Fmp4Track mt = main.track();
        boolean hasVideo = mt.trackId() == VIDEO_TRACK_ID;
        long durationMs = main.durationTicks() * 1000 / main.entry().timescale();
        return Optional.of(new Fmp4Fragment(bytes.asReadOnlyBuffer(), sequenceNumber,
                main.samples().get(0).dtsMs(), durationMs,
                !hasVideo || main.samples().get(0).sync()));
    }

    /**
     * Drops the buffered samples and starts a new timeline (a publisher reconnected), keeping the
     * track configurations and the fragment sequence numbers. The next tag's timestamp, whatever
     * its value, maps to the end of the previous timeline (the last sample's decode time plus its
     * duration), so decode times stay monotonic for players that keep the same init segment.
     */
    public void reset() {
        long end = 0;
        for (Fmp4Track t : tracks()) {
            end = Math.max(end, t.dropAll());
        }
        clock.restart(end);
    }

    /**
     * Returns how many audio or video tags of codecs the muxer does not carry were ignored.
     *
     * @return the count since creation
     */
    public long unsupportedTags() {
        return unsupportedTags;
    }

    /**
     * Returns how many malformed tags or configuration records were skipped.
     *
     * @return the count since creation
     */
    public long malformedTags() {
        return malformedTags;
    }

    /**
     * Returns how many audio frames were dropped because they end at or before the first video
     * presentation time ({@link Fmp4Options#alignTrackStarts()}; always 0 without it). Only
     * frames before the track's first fragment are dropped: audio that was already written (an
     * audio-only start that video joins later) is never cut.
     *
     * @return the count since creation
     */
    public long trimmedAudioSamples() {
        return trimmedAudioSamples;
    }

    /**
     * Returns how many coded frames were dropped because their track had no configuration for
     * their codec (yet).
     *
     * @return the count since creation
     */
    public long droppedSamples() {
        return droppedSamples;
    }

    private List<Fmp4Track> tracks() {
        List<Fmp4Track> l = new ArrayList<>(2);
        if (video != null) {
            l.add(video);
        }
        if (audio != null) {
            l.add(audio);
        }
        return l;
    }
}
