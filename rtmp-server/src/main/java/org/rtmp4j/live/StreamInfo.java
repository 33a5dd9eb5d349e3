package org.rtmp4j.live;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.rtmp4j.flv.codec.MediaInfo;

/**
 * A snapshot of one entry of the relay's registry, for monitoring
 * ({@link LiveBroadcastController#activeStreams()}). Immutable.
 *
 * @param key app and name
 * @param live whether a publisher is currently attached
 * @param publishingSince when the current publisher was accepted, or {@code null} when not live
 * @param players players subscribed, including those waiting for a publisher: outputs with a
 *     {@link MediaSink#playerKind()} (a recorder or a snapshot tap is not a player)
 * @param messagesIn audio and video messages received from the current publisher
 * @param bytesIn payload bytes of those messages
 * @param videoFourCc the E-RTMP video FourCC from the ExHeader sequence start (e.g.
 *     {@code hvc1}; for Multitrack video the lowest track id's, the track {@code media}
 *     describes), or {@code null} for legacy or no video
 * @param droppedMessages media messages the hub's slow-output policy dropped, summed over the
 *     current outputs of every kind ({@link OutputStats#droppedMessages()}; for RTMP players also in
 *     {@link org.rtmp4j.core.session.RtmpSession#stats()})
 * @param media codecs, picture size, frame rate, sample rate and channels, from the current
 *     publisher's sequence headers (FLV 10.1 §E.4.2.1, §E.4.3.1; E-RTMP v2) and {@code onMetaData};
 *     {@link MediaInfo#EMPTY} when not live or nothing is known yet; never {@code null}
 * @param bitrate audio plus video payload bits per second over the last few seconds of media
 *     time (message timestamps), 0 when not live or not yet measurable
 * @param uptime time since {@code publishingSince} when the snapshot was taken, {@link Duration#ZERO}
 *     when not live; never {@code null}
 */
public record StreamInfo(
        StreamKey key,
        boolean live,
        Instant publishingSince,
        int players,
        long messagesIn,
        long bytesIn,
        String videoFourCc,
        long droppedMessages,
        MediaInfo media,
        long bitrate,
        Duration uptime) {

    /** Replaces {@code null} media and uptime by {@link MediaInfo#EMPTY} and {@link Duration#ZERO}. */
    public StreamInfo {
        media = Objects.requireNonNullElse(media, MediaInfo.EMPTY);
        uptime = Objects.requireNonNullElse(uptime, Duration.ZERO);
    }

    /**
     * A snapshot without media details, bitrate and uptime.
     *
     * @param key app and name
     * @param live whether a publisher is attached
     * @param publishingSince when the publisher was accepted, or {@code null}
     * @param players players subscribed
     * @param messagesIn audio and video messages received
     * @param bytesIn payload bytes of those messages
     * @param videoFourCc the E-RTMP video FourCC, or {@code null}
     * @param droppedMessages media messages dropped for slow players
     */
    public StreamInfo(StreamKey key, boolean live, Instant publishingSince, int players, long messagesIn,
            long bytesIn, String videoFourCc, long droppedMessages) {
        this(key, live, publishingSince, players, messagesIn, bytesIn, videoFourCc, droppedMessages,
                MediaInfo.EMPTY, 0, Duration.ZERO);
    }

    /**
     * A snapshot without drop counts.
     *
     * @param key app and name
     * @param live whether a publisher is attached
     * @param publishingSince when the publisher was accepted, or {@code null}
     * @param players players subscribed
     * @param messagesIn audio and video messages received
     * @param bytesIn payload bytes of those messages
     * @param videoFourCc the E-RTMP video FourCC, or {@code null}
     */
    public StreamInfo(StreamKey key, boolean live, Instant publishingSince, int players, long messagesIn,
            long bytesIn, String videoFourCc) {
        this(key, live, publishingSince, players, messagesIn, bytesIn, videoFourCc, 0);
    }

    /** @return the video codec's short name ("h264", "hevc", "av1", ...), or {@code null} when unknown or none */
    public String videoCodec() {
        return media.videoCodec();
    }

    /** @return picture width in pixels, 0 when unknown */
    public int width() {
        return media.width();
    }

    /** @return picture height in pixels, 0 when unknown */
    public int height() {
        return media.height();
    }

    /** @return frames per second, {@code NaN} when not signalled */
    public double frameRate() {
        return media.frameRate();
    }

    /** @return the audio codec's short name ("aac", "opus", "mp3", ...), or {@code null} when unknown or none */
    public String audioCodec() {
        return media.audioCodec();
    }

    /** @return audio sample rate in Hz, 0 when unknown */
    public int sampleRate() {
        return media.sampleRate();
    }

    /** @return audio channel count, 0 when unknown */
    public int channels() {
        return media.channels();
    }
}
