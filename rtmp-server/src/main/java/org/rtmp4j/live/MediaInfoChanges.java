package org.rtmp4j.live;

import org.rtmp4j.flv.codec.MediaInfo;

/**
 * Remembers the media description last reported for one stream and whether a new one waits to be
 * reported ({@link LiveListener#onMediaInfo}). {@link #note} and {@link #reset} run under the
 * stream's lock; {@link #pending} is read without it on every published message (one volatile read).
 */
final class MediaInfoChanges {
    private MediaInfo reported = MediaInfo.EMPTY;
    private MediaInfo changed;
    private volatile boolean pending;

    /** Under the stream's lock: records {@code now} if it differs from the description last reported. */
    void note(MediaInfo now) {
        if (!now.equals(reported)) {
            reported = now;
            changed = now;
            pending = true;
        }
    }

    /** Under the stream's lock: a new publisher starts from {@link MediaInfo#EMPTY}; nothing is pending. */
    void reset() {
        reported = MediaInfo.EMPTY;
        changed = null;
        pending = false;
    }

    /** @return whether {@link #take} may return a description; any thread, without the lock */
    boolean pending() {
        return pending;
    }

    /** Under the stream's lock: @return the changed description, once, or {@code null} */
    MediaInfo take() {
        MediaInfo m = changed;
        changed = null;
        pending = false;
        return m;
    }
}
