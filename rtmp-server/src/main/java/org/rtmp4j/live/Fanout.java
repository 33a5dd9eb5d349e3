package org.rtmp4j.live;

import java.util.Map;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.internal.EncodedMedia;
import org.rtmp4j.core.internal.MediaFanout;
import org.rtmp4j.core.message.MediaMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends relay events to players: live media chunked once and shared by all players (see {@link
 * #fanOut}), joiners' cached media with the player's message stream id over the shared payload
 * (never copied), metadata and status. A failing send is logged at DEBUG and does not stop
 * the others.
 */
final class Fanout {
    private static final Logger log = LoggerFactory.getLogger(Fanout.class);

    private Fanout() {}

    /**
     * Sends {@code media} to each admitted player through one {@link MediaFanout}: chunked once per
     * distinct (chunk size, chunk stream id, message stream id), shared read-only, with one task per
     * target event loop (docs/ARCHITECTURE.md §7 "Encode once, write many").
     */
    static void fanOut(Subscriber[] subs, MediaMessage media, MediaKind kind) {
        MediaFanout out = null;
        for (Subscriber s : subs) {
            if (!s.admits(kind)) {
                continue;
            }
            if (out == null) {
                out = new MediaFanout(EncodedMedia.of(media), subs.length);
            }
            out.add(s.session, s.stream);
        }
        if (out != null) {
            out.send();
        }
    }

    /** Metadata, video sequence header, audio sequence header, then the GOP (docs/ARCHITECTURE.md §6). */
    static void sendCached(Subscriber sub, LiveStream.Join join) {
        if (join.metadata() != null) {
            deliver(sub, join.metadata());
        }
        for (MediaMessage m : join.videoSequenceHeaders()) {
            deliver(sub, m);
        }
        for (MediaMessage m : join.audioSequenceHeaders()) {
            deliver(sub, m);
        }
        for (MediaMessage m : join.gop()) {
            deliver(sub, m);
        }
    }

    /** Sends one event to {@code s}: a MediaMessage, a Status or a metadata Map. */
    @SuppressWarnings("unchecked")
    static void deliver(Subscriber s, Object event) {
        try {
            if (event instanceof MediaMessage m) {
                s.session.sendMedia(s.stream, m.streamId() == s.streamId ? m : m.withStreamId(s.streamId));
            } else if (event instanceof Status st) {
                s.session.sendStatus(s.stream, st);
            } else if (event instanceof Map<?, ?> map) {
                s.session.sendMetadata(s.stream, (Map<String, Object>) map);
            }
        } catch (RuntimeException e) {
            log.debug("{} send failed: {}", s, e.toString());
        }
    }

    /** Sends {@code status} to each player. */
    static void broadcastStatus(Subscriber[] subs, Status status) {
        for (Subscriber s : subs) {
            deliver(s, status);
        }
    }
}
