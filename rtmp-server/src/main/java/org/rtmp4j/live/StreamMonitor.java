package org.rtmp4j.live;

import java.nio.ByteBuffer;
import java.util.Map;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.flv.FlvFormatException;
import org.rtmp4j.flv.codec.MediaInfo;
import org.rtmp4j.flv.codec.MediaInfoCollector;

/**
 * The monitoring side of one {@link LiveStream} for its current publisher: messages and bytes in,
 * malformed video, the bitrate and the codec description ({@link MediaInfoCollector}), with the
 * change a {@link LiveListener} has not yet heard. Reset for each publisher.
 *
 * <p>Thread-safety: guarded by the stream's lock, except {@link #hasChange()} (one volatile read in
 * {@link MediaInfoChanges}, on every published message without the lock).
 */
final class StreamMonitor {
    private long messagesIn;
    private long bytesIn;
    /** Malformed video messages of the current publisher (not relayed). */
    private long malformedVideo;
    /** Codec details of the current publisher; {@code null} until the first audio, video or metadata. */
    private MediaInfoCollector mediaInfo;
    private boolean videoSeen;
    private boolean audioSeen;
    private final MediaInfoChanges mediaChanges = new MediaInfoChanges();
    private final BitrateMeter bitrate = new BitrateMeter();

    void reset() {
        messagesIn = 0;
        bytesIn = 0;
        malformedVideo = 0;
        mediaInfo = null;
        videoSeen = false;
        audioSeen = false;
        mediaChanges.reset();
        bitrate.reset();
    }

    /** Counts a relayed message and lets the collector see it when it describes something new. */
    void onMedia(MediaMessage media, MediaKind kind) {
        messagesIn++;
        bytesIn += media.size();
        bitrate.add(media.timestamp(), media.size());
        if (describes(media, kind)) {
            collect(media, kind);
        }
    }

    /** @return the malformed video messages of this publisher, this one included */
    long onMalformedVideo(MediaMessage media) {
        messagesIn++;
        bytesIn += media.size();
        return ++malformedVideo;
    }

    void onMetadata(Map<String, Object> metadata) {
        collector().acceptMetadata(metadata);
        noteMediaChange();
    }

    long messagesIn() {
        return messagesIn;
    }

    long bytesIn() {
        return bytesIn;
    }

    long bitsPerSecond() {
        return bitrate.bitsPerSecond();
    }

    boolean videoSeen() {
        return videoSeen;
    }

    boolean audioSeen() {
        return audioSeen;
    }

    MediaInfo mediaInfo() {
        return mediaInfo == null ? MediaInfo.EMPTY : mediaInfo.mediaInfo();
    }

    /** @return whether a change waits for {@link #takeChange}; no lock needed */
    boolean hasChange() {
        return mediaChanges.pending();
    }

    /** @return the changed description, or {@code null}; under the lock */
    MediaInfo takeChange() {
        return mediaChanges.take();
    }

    /**
     * Whether {@code media} tells the collector something new: sequence headers, the first audio
     * and video message (legacy codecs are named by every tag header, FLV 10.1 §E.4.2.1), video key
     * frames until a picture size is known (VP9 has it only in key frames), and the
     * E-RTMP audio MultichannelConfig (E-RTMP v2, packet type 4). Other frames are skipped, so the
     * publish path parses no more than a tag header per message.
     */
    private boolean describes(MediaMessage media, MediaKind kind) {
        if (kind == MediaKind.VIDEO_SEQUENCE_HEADER || kind == MediaKind.AUDIO_SEQUENCE_HEADER) {
            return true;
        }
        if (kind.isVideo()) {
            // a key frame while no size is known: VP9 signals its picture size only there
            return !videoSeen || kind == MediaKind.VIDEO_KEY_FRAME && mediaInfo != null && !mediaInfo.hasVideoConfig();
        }
        if (!audioSeen) {
            return true;
        }
        ByteBuffer p = media.payload();
        if (!p.hasRemaining()) {
            return false;
        }
        int b = p.get(p.position()) & 0xFF;
        return b >> 4 == 9 && (b & 0x0F) == 4; // ExHeader audio, MultichannelConfig
    }

    private void collect(MediaMessage media, MediaKind kind) {
        MediaInfoCollector c = collector();
        try {
            if (kind.isVideo()) {
                videoSeen = true;
                c.acceptVideo(media.payload());
            } else {
                audioSeen = true;
                c.acceptAudio(media.payload());
            }
        } catch (FlvFormatException | RuntimeException e) {
            // monitoring only: a body the collector cannot parse leaves the values it had
        }
        noteMediaChange();
    }

    /** Under the lock: remembers the collector's description if it differs from the one last reported. */
    private void noteMediaChange() {
        mediaChanges.note(mediaInfo == null ? MediaInfo.EMPTY : mediaInfo.mediaInfo());
    }

    private MediaInfoCollector collector() {
        if (mediaInfo == null) {
            mediaInfo = new MediaInfoCollector();
        }
        return mediaInfo;
    }
}
