package org.rtmp4j.relay;

import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.MediaMessage;

/**
 * The timestamps a pull relay publishes (DESIGN-NOTES.md "Pull relays and on-demand edges"): one
 * local stream over several connections to origins, so players see timestamps that never go back.
 *
 * <ul>
 *   <li>The first connection's timestamps pass unchanged (a static pull's recording matches the
 *       origin's).</li>
 *   <li>After a lost connection ({@link #discontinuity()}) the next connection's first frame that is
 *       not a sequence header is placed 1 ms after the last timestamp published, and the
 *       connection's later messages keep their spacing from it; its sequence headers before that
 *       frame get the last timestamp published. The origin's replay of its GOP cache therefore shows
 *       as a repeat of content at later timestamps, never as a step back.</li>
 *   <li>A move announced by the origin (E-RTMP v2, Reconnect Request) keeps the origin's timeline:
 *       the new connection's messages are skipped until one is newer than the last of its type
 *       ({@link #isNew}), then published unchanged, as {@code RtmpClient} does.</li>
 * </ul>
 * Every published timestamp is also kept at or above the last one of its type (audio, video).
 * Timestamps are RTMP's 32-bit milliseconds (RTMP 1.0 §5.3.1.2.1), read unsigned and kept
 * unwrapped here.
 *
 * <p>Thread-safety: not thread-safe; the relay calls it under its lock.
 */
final class PullTimeline {
    private long offset;
    private boolean rebase;
    private boolean any;
    private long lastOut = Long.MIN_VALUE;
    private long lastAudioOut = Long.MIN_VALUE;
    private long lastVideoOut = Long.MIN_VALUE;
    private long lastAudioIn = Long.MIN_VALUE;
    private long lastVideoIn = Long.MIN_VALUE;

    /** The connection was lost: the next connection's timestamps are rebased. */
    void discontinuity() {
        if (any) {
            rebase = true;
            lastAudioIn = Long.MIN_VALUE;
            lastVideoIn = Long.MIN_VALUE;
        }
    }

    /**
     * @param media a message of a connection that is about to take over without a break
     * @return whether it is newer (source timestamp) than the last published message of its type
     */
    boolean isNew(MediaMessage media) {
        long ts = unsigned(media);
        return media instanceof AudioMessage ? ts > lastAudioIn : ts > lastVideoIn;
    }

    /**
     * Maps one message to the published timeline.
     *
     * @param media the message as the origin sent it
     * @param sequenceHeader whether it is a sequence header (FLV 10.1 §E.4.2.1, §E.4.3.1), which does not
     *     fix a rebased connection's offset
     * @return the message to publish, sharing the payload
     */
    MediaMessage map(MediaMessage media, boolean sequenceHeader) {
        long in = unsigned(media);
        long out;
        if (rebase && sequenceHeader) {
            out = lastOut;
        } else {
            if (rebase) {
                offset = lastOut + 1 - in;
                rebase = false;
            }
            out = in + offset;
        }
        boolean audio = media instanceof AudioMessage;
        out = Math.max(out, audio ? lastAudioOut : lastVideoOut);
        if (out < 0) {
            out = 0;
        }
        if (audio) {
            lastAudioOut = out;
            lastAudioIn = in;
        } else {
            lastVideoOut = out;
            lastVideoIn = in;
        }
        lastOut = Math.max(lastOut, out);
        any = true;
        return out == in ? media : media.withTimestamp((int) out);
    }

    /** @return the last timestamp published, ms, or {@code Long.MIN_VALUE} before the first */
    long lastOut() {
        return lastOut;
    }

    private static long unsigned(MediaMessage media) {
        return media.timestamp() & 0xFFFFFFFFL;
    }
}
