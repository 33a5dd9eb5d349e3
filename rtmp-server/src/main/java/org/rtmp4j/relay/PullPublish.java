package org.rtmp4j.relay;

import java.util.Map;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.live.Ingest;
import org.rtmp4j.live.IngestSource;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.LivePublishException;
import org.rtmp4j.live.StreamKey;

/**
 * The local end of a {@link PullRelay}: its publish into the hub ({@link LiveBroadcastController#publish},
 * opened with the first media or metadata, kept across reconnects) and the timeline its media is published
 * on ({@link PullTimeline}).
 *
 * <p>Thread-safety: not thread-safe; the relay calls it under its lock.
 */
final class PullPublish {
    private final LiveBroadcastController hub;
    private final StreamKey destination;
    private final IngestSource source;
    private final PullTimeline timeline = new PullTimeline();
    private Ingest ingest;

    /**
     * @param hub where it publishes
     * @param destination the local name
     * @param id the relay's id, the publisher's id in logs and the API
     * @param closedByHub run when another publisher took the name over or an operator closed it (the
     *     relay stops); must not block
     */
    PullPublish(LiveBroadcastController hub, StreamKey destination, String id, Runnable closedByHub) {
        this.hub = hub;
        this.destination = destination;
        this.source = new IngestSource() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String protocol() {
                return PullRelay.PROTOCOL;
            }

            @Override
            public void close() {
                closedByHub.run();
            }
        };
    }

    /** @return whether the local publish is open */
    boolean isOpen() {
        return ingest != null;
    }

    /** @return the timeline, for the switch to a successor connection ({@link PullTimeline#isNew}) */
    PullTimeline timeline() {
        return timeline;
    }

    /**
     * Publishes one message on the relay's timeline, opening the local publish first if needed.
     *
     * @throws LivePublishException when the hub refuses the publish
     */
    void media(MediaMessage media) {
        open().media(timeline.map(media, PullUrls.isSequenceHeader(media)));
    }

    /**
     * Publishes {@code onMetaData}, opening the local publish first if needed.
     *
     * @throws LivePublishException when the hub refuses the publish
     */
    void metadata(Map<String, Object> metadata) {
        open().metadata(metadata);
    }

    /** The connection was lost: the next one's timestamps are re-based. */
    void discontinuity() {
        timeline.discontinuity();
    }

    /** Ends the local publish (players hear the unpublish); the next media opens a new one. Idempotent. */
    void close() {
        Ingest i = ingest;
        ingest = null;
        if (i != null) {
            i.close();
        }
    }

    private Ingest open() {
        if (ingest == null) {
            ingest = hub.publish(destination, source);
        }
        return ingest;
    }
}
