package org.rtmp4j.live;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.rtmp4j.flv.codec.MediaInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered {@link LiveListener}s of one relay and the guarded calls to them. Thread-safe:
 * registration is copy-on-write, so the publish path reads the list without a lock and without
 * allocating when nobody listens.
 */
final class LiveListeners {
    private static final Logger log = LoggerFactory.getLogger(LiveListeners.class);

    private final List<LiveListener> listeners = new CopyOnWriteArrayList<>();

    void add(LiveListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    boolean remove(LiveListener listener) {
        return listeners.remove(listener);
    }

    /** Reports {@code stream}'s media description if it changed since last reported (publisher's thread). */
    void mediaInfoChanged(LiveStream stream) {
        MediaInfo media = stream.takeMediaInfoChange();
        if (media == null) {
            return;
        }
        for (LiveListener l : listeners) {
            try {
                l.onMediaInfo(stream.key(), media);
            } catch (RuntimeException e) {
                log.warn("listener {} failed on the media info of {}", l, stream.key(), e);
            }
        }
    }

    /** Reports that {@code key} got a publisher (publisher's thread, outside the relay's locks). */
    void published(StreamKey key) {
        for (LiveListener l : listeners) {
            try {
                l.onPublished(key);
            } catch (RuntimeException e) {
                log.warn("listener {} failed on the publish of {}", l, key, e);
            }
        }
    }
}
