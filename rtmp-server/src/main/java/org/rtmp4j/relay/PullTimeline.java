package org.rtmp4j.relay;

import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.server.internal.Takeover;

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
 *       the new connection takes over at its first message that is not behind the last published of
 *       its type, and its messages already published are skipped ({@link Takeover}); the rest are
 *       published unchanged, as {@code RtmpClient} does.</li>
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
    /** The source messages published, for a successor connection's switch. */
    private final Takeover takeover = new Takeover();

    /** The connection was lost: the next connection's timestamps are rebased. */
    void discontinuity() {
        if (any) {
            rebase = true;
            takeover.forget();
        }
    }

    /**
     * @return where a connection taking over without a break stands against the source messages
     *     published (their timestamps as the origin sent them)
     */
    Takeover takeover() {
        return takeover;
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
        } else {
            lastVideoOut = out;
        }
        takeover.delivered(media);
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
