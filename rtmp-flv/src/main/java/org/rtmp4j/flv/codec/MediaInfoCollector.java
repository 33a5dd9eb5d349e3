package org.rtmp4j.flv.codec;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.rtmp4j.amf.AmfException;
import org.rtmp4j.flv.FlvFormatException;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.flv.media.AudioFourCc;
import org.rtmp4j.flv.media.AudioPacketType;
import org.rtmp4j.flv.media.AudioTagHeader;
import org.rtmp4j.flv.media.Multitrack;
import org.rtmp4j.flv.media.ScriptData;
import org.rtmp4j.flv.media.VideoFourCc;
import org.rtmp4j.flv.media.VideoPacketType;
import org.rtmp4j.flv.media.VideoTagHeader;
import org.rtmp4j.flv.media.VideoTagValidator;

/**
 * Builds a {@link MediaInfo} from the tags of one stream (FLV file or RTMP messages).
 *
 * <p>Video sequence headers are parsed by codec: AVC ({@link AvcDecoderConfigurationRecord}:
 * cropped size, VUI frame rate), HEVC ({@link HevcDecoderConfigurationRecord}: conformance
 * window size, VUI timing or else avgFrameRate), AV1 ({@link Av1CodecConfigurationRecord}: max frame size, timing
 * info frame rate), VP9/VP8 (codec only; VP9's picture size comes from the first key frame's
 * {@link Vp9FrameHeader} until a size is known). Audio sequence headers: AAC
 * ({@link AacAudioSpecificConfig}), Opus ({@link OpusIdHeader}, 48 kHz output), FLAC
 * ({@link FlacStreamInfo}); E-RTMP {@code MultichannelConfig} sets the channel count; legacy
 * formats take SoundRate/SoundType from the tag header. For multitrack bodies the track with the
 * lowest track id seen so far is used (a body whose tracks are all higher than one already seen,
 * counting single-track tags as track 0, is skipped), or, for a collector made by
 * {@link #forTrack}, the chosen track (E-RTMP v2, Multitrack). The ids of all tracks seen are kept ({@link #videoTrackIds()},
 * {@link #audioTrackIds()}). {@code onMetaData} ({@code width}, {@code height}, {@code framerate},
 * {@code audiosamplerate}, {@code audiochannels}, {@code stereo}) fills what the stream itself
 * does not signal. A later sequence header replaces the earlier values.
 *
 * <p>Not thread-safe.
 */
public final class MediaInfoCollector {

    private static final int[] LEGACY_RATES = {5512, 11025, 22050, 44100};

    private String videoCodec;
    private int width;
    private int height;
    private double frameRate = Double.NaN;
    private String audioCodec;
    private int sampleRate;
    private int channels;
    private boolean videoConfigSeen;
    private boolean audioConfigSeen;
    private Map<String, Object> metadata = Map.of();
    private final int trackId;
    private final SortedSet<Integer> videoTracks = new TreeSet<>();
    private final SortedSet<Integer> audioTracks = new TreeSet<>();

    /** Creates an empty collector that follows the lowest track id of multitrack bodies. */
    public MediaInfoCollector() {
        this.trackId = -1;
    }

    private MediaInfoCollector(int trackId) {
        this.trackId = trackId;
    }

    /**
     * Creates a collector for one track of a multitrack stream (E-RTMP v2, Multitrack): from
     * multitrack bodies it takes the track with this id and skips bodies without it; single-track
     * tags (legacy or E-RTMP without Multitrack) count as track 0; {@code onMetaData} fills in
     * values for track 0 only.
     *
     * @param trackId the UI8 track id, 0 to 255
     * @return a new collector
     * @throws IllegalArgumentException if {@code trackId} is outside 0..255
     */
    public static MediaInfoCollector forTrack(int trackId) {
        if (trackId < 0 || trackId > 255) {
            throw new IllegalArgumentException("track id outside 0..255: " + trackId);
        }
        return new MediaInfoCollector(trackId);
    }

    /**
     * Returns the ids of the video tracks seen so far: those of multitrack bodies, and 0 for
     * single-track video tags.
     *
     * @return a sorted, unmodifiable view
     */
    public SortedSet<Integer> videoTrackIds() {
        return Collections.unmodifiableSortedSet(videoTracks);
    }

    /**
     * Returns the ids of the audio tracks seen so far: those of multitrack bodies, and 0 for
     * single-track audio tags.
     *
     * @return a sorted, unmodifiable view
     */
    public SortedSet<Integer> audioTrackIds() {
        return Collections.unmodifiableSortedSet(audioTracks);
    }

    /**
     * Consumes one tag: audio, video or an {@code onMetaData} script tag (other script tags are
     * ignored).
     *
     * @param tag the tag
     * @throws FlvFormatException if a tag header, a multitrack body, a configuration record or
     *     the metadata is malformed; offsets are within the tag body (the collector keeps what it
     *     had)
     */
    public void accept(FlvTag tag) throws FlvFormatException {
        switch (tag.type()) {
            case VIDEO:
                acceptVideo(tag.body());
                break;
            case AUDIO:
                acceptAudio(tag.body());
                break;
            default:
                acceptScript(tag.type(), tag.body());
                break;
        }
    }

    /**
     * Consumes an {@code onMetaData} script tag body or RTMP {@code @setDataFrame} body.
     *
     * @param body the script body; position kept
     * @throws FlvFormatException if the AMF0 is malformed
     */
    public void acceptScript(ByteBuffer body) throws FlvFormatException {
        acceptScript(FlvTagType.SCRIPT, body);
    }

    /**
     * Consumes an {@code onMetaData} script tag body of either script tag type: 18 (AMF0) or 15
     * (AMF3, E-RTMP v2, "Enabling AMF3 in FLV").
     *
     * @param type {@link FlvTagType#SCRIPT} or {@link FlvTagType#SCRIPT_AMF3}
     * @param body the script body; position kept
     * @throws FlvFormatException if the AMF is malformed
     */
    public void acceptScript(FlvTagType type, ByteBuffer body) throws FlvFormatException {
        Map<String, Object> m;
        try {
            m = ScriptData.metadata(type, body);
        } catch (AmfException e) {
            throw new FlvFormatException(e.offset(), "script data: " + e.getMessage());
        }
        if (!m.isEmpty()) {
            acceptMetadata(m);
        }
    }

    /**
     * Records {@code onMetaData} properties as fallback values (ignored by a collector for a
     * track other than 0).
     *
     * @param properties the decoded properties
     */
    public void acceptMetadata(Map<String, Object> properties) {
        if (trackId > 0) {
            return;
        }
        this.metadata = Map.copyOf(withoutNulls(properties));
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> m) {
        java.util.Map<String, Object> copy = new java.util.HashMap<>();
        m.forEach((k, v) -> {
            if (k != null && v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }

    /**
     * Consumes a video tag body. A body that {@link VideoTagValidator} finds malformed (an unknown
     * CodecID, a reserved FrameType, a header cut short, a frame without coded data) changes
     * nothing: it must not name the stream's codec. An empty sequence header ({@link
     * VideoTagValidator#isEmptySequenceStart}, which ffmpeg writes before it knows the
     * configuration) is ignored without an error.
     *
     * @param body the body; position kept
     * @throws FlvFormatException if malformed (the collector keeps what it had)
     */
    public void acceptVideo(ByteBuffer body) throws FlvFormatException {
        if (VideoTagValidator.isEmptySequenceStart(body)) {
            return;
        }
        VideoTagHeader h = VideoTagValidator.validate(body);
        if (h.isCommandFrame() && h.fourCc() == null) {
            return;
        }
        if (!h.isMultitrack()) {
            videoTracks.add(0);
            if (trackId > 0) {
                return;
            }
        }
        if (!h.exHeader()) {
            videoCodec = h.codecName();
            if (h.isSequenceHeader()) {
                videoConfig(h.codecId() == VideoTagHeader.CODEC_AVC ? VideoFourCc.AVC
                        : VideoFourCc.HEVC, slice(body, h.headerSize()));
            }
            return;
        }
        String fourCc = h.fourCc();
        ByteBuffer payload = slice(body, h.headerSize());
        if (h.isMultitrack()) {
            Multitrack.Track t = select(Multitrack.parseVideo(body), videoTracks);
            if (t == null) {
                return;
            }
            fourCc = t.fourCc();
            payload = t.payload();
        }
        videoCodec = VideoFourCc.codecName(fourCc);
        if (h.isSequenceHeader() && h.packetType().id() == 0 && payload.hasRemaining()) {
            videoConfig(fourCc, payload);
        } else if (VideoFourCc.VP9.equals(fourCc) && h.isKeyFrame() && !videoConfigSeen
                && (h.packetType() == VideoPacketType.CODED_FRAMES
                        || h.packetType() == VideoPacketType.CODED_FRAMES_X)
                && payload.hasRemaining()) {
            Vp9FrameHeader frame = Vp9FrameHeader.parse(payload); // vpcC has no picture size
            if (frame.keyFrame()) {
                video(frame.width(), frame.height(), Double.NaN);
            }
        }
    }

    private void videoConfig(String fourCc, ByteBuffer record) throws FlvFormatException {
        switch (fourCc) {
            case VideoFourCc.AVC: {
                H264Sps sps = AvcDecoderConfigurationRecord.parse(record).sps();
                if (sps != null) {
                    video(sps.width(), sps.height(), sps.frameRate());
                }
                break;
            }
            case VideoFourCc.HEVC: {
                HevcDecoderConfigurationRecord r = HevcDecoderConfigurationRecord.parse(record);
                if (r.sps() != null) {
                    double fps = r.sps().frameRate();
                    video(r.sps().width(), r.sps().height(),
                            Double.isNaN(fps) ? r.frameRate() : fps);
                }
                break;
            }
            case VideoFourCc.AV1: {
                Av1SequenceHeader sh = Av1CodecConfigurationRecord.parse(record).sequenceHeader();
                if (sh != null) {
                    video(sh.maxFrameWidth(), sh.maxFrameHeight(), sh.frameRate());
                }
                break;
            }
            case VideoFourCc.VP9:
            case VideoFourCc.VP8:
                Vp9CodecConfiguration.parse(record);
                break;
            default:
                break;
        }
    }

    private void video(int w, int h, double fps) {
        width = w;
        height = h;
        frameRate = fps;
        videoConfigSeen = true;
    }

    /**
     * Consumes an audio tag body.
     *
     * @param body the body; position kept
     * @throws FlvFormatException if malformed
     */
    public void acceptAudio(ByteBuffer body) throws FlvFormatException {
        AudioTagHeader h = AudioTagHeader.parse(body);
        if (!h.isMultitrack()) {
            audioTracks.add(0);
            if (trackId > 0) {
                return;
            }
        }
        if (!h.exHeader()) {
            audioCodec = h.codecName();
            if (h.soundFormat() == AudioTagHeader.FORMAT_AAC) {
                if (h.isSequenceHeader()) {
                    audioConfig(AudioFourCc.AAC, slice(body, h.headerSize()));
                }
            } else if (!audioConfigSeen) {
                sampleRate = legacyRate(h);
                channels = h.soundType() + 1;
            }
            return;
        }
        String fourCc = h.fourCc();
        ByteBuffer payload = slice(body, h.headerSize());
        if (h.isMultitrack()) {
            Multitrack.Track t = select(Multitrack.parseAudio(body), audioTracks);
            if (t == null) {
                return;
            }
            fourCc = t.fourCc();
            payload = t.payload();
        }
        audioCodec = AudioFourCc.codecName(fourCc);
        if (h.packetType() == AudioPacketType.MULTICHANNEL_CONFIG) {
            if (payload.remaining() < 2) {
                throw new FlvFormatException(h.headerSize(), "MultichannelConfig truncated");
            }
            channels = payload.get(payload.position() + 1) & 0xFF;
        } else if (h.isSequenceHeader() && payload.hasRemaining()) {
            audioConfig(fourCc, payload);
        }
    }

    private void audioConfig(String fourCc, ByteBuffer record) throws FlvFormatException {
        switch (fourCc) {
            case AudioFourCc.AAC: {
                AacAudioSpecificConfig asc = AacAudioSpecificConfig.parse(record);
                audio(asc.outputSampleRate(), asc.channels());
                break;
            }
            case AudioFourCc.OPUS: {
                OpusIdHeader o = OpusIdHeader.parse(record);
                audio(OpusIdHeader.OUTPUT_SAMPLE_RATE, o.channels());
                break;
            }
            case AudioFourCc.FLAC: {
                FlacStreamInfo f = FlacStreamInfo.parse(record);
                audio(f.sampleRate(), f.channels());
                break;
            }
            default:
                break;
        }
    }

    private void audio(int rate, int ch) {
        sampleRate = rate;
        channels = ch;
        audioConfigSeen = true;
    }

    private static int legacyRate(AudioTagHeader h) {
        switch (h.soundFormat()) {
            case 4:
                return 16000; // Nellymoser 16 kHz
            case 5: case 7: case 8: case AudioTagHeader.FORMAT_MP3_8K:
                return 8000;
            case AudioTagHeader.FORMAT_SPEEX:
                return 16000;
            default:
                return LEGACY_RATES[h.soundRate()];
        }
    }

    /** Notes the track ids; returns the chosen track (lowest id by default), or null. */
    private Multitrack.Track select(Multitrack m, SortedSet<Integer> seen) {
        Multitrack.Track best = null;
        for (Multitrack.Track t : m.tracks()) {
            seen.add(t.trackId());
            if (trackId >= 0 ? t.trackId() == trackId
                    : best == null || t.trackId() < best.trackId()) {
                best = t;
            }
        }
        if (trackId < 0 && best != null && best.trackId() > seen.first()) {
            return null; // a lower track, seen before, describes the stream
        }
        return best;
    }

    private static ByteBuffer slice(ByteBuffer body, int offset) {
        ByteBuffer b = body.duplicate();
        b.position(body.position() + Math.min(offset, body.remaining()));
        return b.slice();
    }

    /**
     * Tells whether a video configuration record has been parsed.
     *
     * @return true after a parsed video sequence header
     */
    public boolean hasVideoConfig() {
        return videoConfigSeen;
    }

    /**
     * Tells whether an audio configuration (or legacy audio header) has been seen.
     *
     * @return true after a parsed audio sequence header
     */
    public boolean hasAudioConfig() {
        return audioConfigSeen;
    }

    /**
     * Returns the summary so far: stream values first, metadata values where the stream gave
     * none.
     *
     * @return the media info
     */
    public MediaInfo mediaInfo() {
        int w = width > 0 ? width : intMeta("width");
        int h = height > 0 ? height : intMeta("height");
        double fps = frameRate;
        if (Double.isNaN(fps)) {
            double m = numMeta("framerate");
            fps = m > 0 ? m : Double.NaN;
        }
        int rate = sampleRate > 0 ? sampleRate : intMeta("audiosamplerate");
        int ch = channels;
        if (ch == 0) {
            ch = intMeta("audiochannels");
            if (ch == 0 && metadata.get("stereo") instanceof Boolean) {
                ch = (Boolean) metadata.get("stereo") ? 2 : 1;
            }
        }
        return new MediaInfo(videoCodec, w, h, fps, audioCodec, rate, ch);
    }

    private double numMeta(String key) {
        Object v = metadata.get(key);
        return v instanceof Number ? ((Number) v).doubleValue() : Double.NaN;
    }

    private int intMeta(String key) {
        double d = numMeta(key);
        return d > 0 && d < Integer.MAX_VALUE ? (int) Math.round(d) : 0;
    }
}
