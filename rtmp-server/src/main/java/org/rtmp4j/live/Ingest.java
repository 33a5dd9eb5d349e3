package org.rtmp4j.live;

import java.util.Map;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.flv.media.VideoTagValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publishing end of one live stream, whatever feeds it (an RTMP publisher, an HTTP-FLV POST, a
 * pull relay): from {@link LiveBroadcastController#publish}. Every published message is classified
 * once ({@link LiveMedia}), cached (sequence headers, GOP) and sent to every output; malformed video
 * is counted and dropped (see {@link LiveBroadcastController}); an E-RTMP sequence header removes
 * the outputs that cannot decode its FourCC.
 *
 * <p>Thread-safety: {@link #media} and {@link #metadata} must be called from one thread at a time,
 * in stream order (one publisher's thread); {@link #close()} from any thread. After the stream was
 * taken over or closed, calls are ignored.
 */
public final class Ingest {
    private static final Logger log = LoggerFactory.getLogger(Ingest.class);

    private final LiveHub hub;
    private final LiveStream.Claim claim;
    private final LiveStream stream;
    private final Publisher publisher;
    private final Status publishNotify;
    private final Status unpublishNotify;
    /** The fan-out's plan for the current subscriber snapshot (publisher's thread). */
    private final HubFanout fanout = new HubFanout();

    Ingest(LiveHub hub, LiveStream.Claim claim, Publisher publisher, Status publishNotify, Status unpublishNotify) {
        this.hub = hub;
        this.claim = claim;
        this.stream = claim.stream();
        this.publisher = publisher;
        this.publishNotify = publishNotify;
        this.unpublishNotify = unpublishNotify;
    }

    /** @return the stream this publishes */
    public StreamKey key() {
        return stream.key();
    }

    /** @return the stream's state, for monitoring */
    public LiveStream stream() {
        return stream;
    }

    /** Counts the publish and tells the players and listeners; called once the transport accepted it. */
    void start() {
        hub.acceptedPublishes.incrementAndGet();
        log.debug("{} publishes {}", publisher, stream.key());
        switch (claim.outcome()) {
            case HANDED_OVER:
                // E-RTMP v2 Reconnect Request: the old publisher's successor; players see no notification,
                // only the new metadata, sequence headers and keyframe. The old source closes itself
                // (or is closed by whoever asked it to reconnect, e.g. RtmpServer.drain).
                log.debug("{} continues {} for {}, which was asked to reconnect", publisher, stream.key(), claim.previous());
                return;
            case TAKEN_OVER:
                log.debug("{} takes {} over from {}", publisher, stream.key(), claim.previous());
                HubFanout.broadcast(claim.subscribers(), new RelayEvent.Unpublished(unpublishNotify));
                claim.previous().source.close();
                break;
            default:
                break;
        }
        HubFanout.broadcast(claim.subscribers(), new RelayEvent.Published(publishNotify));
        hub.listeners.published(stream.key());
    }

    /**
     * Publishes one audio or video message (RTMP 1.0 §7.1.5; FLV 10.1 §E.4.2, §E.4.3).
     *
     * @param media the message; its payload is shared read-only with every output, never copied
     *     per output, and must not change afterwards
     */
    public void media(MediaMessage media) {
        LiveMedia live = MediaClassifier.liveMedia(media);
        MediaKind kind = live.kind();
        if (kind == MediaKind.VIDEO_MALFORMED) {
            dropMalformed(media);
            return;
        }
        boolean sequenceHeader = kind == MediaKind.VIDEO_SEQUENCE_HEADER;
        if (sequenceHeader || kind.isVideo() && MediaClassifier.isExHeader(media)) {
            Map<Output, String> evicted = stream.setVideoFourCcs(publisher, MediaClassifier.videoFourCcs(media), sequenceHeader);
            evicted.forEach((o, fourCc) -> {
                log.debug("{} dropped from {}: no {} in its fourCcList", o, stream.key(), fourCc);
                o.deliver(new RelayEvent.Refused(refused(stream.key(), fourCc), fourCc));
            });
        }
        Output[] outputs = stream.onMedia(publisher, live);
        if (outputs != null) {
            fanout.fanOut(outputs, live);
            hub.listeners.mediaInfoChanged(stream);
        }
    }

    /**
     * Publishes {@code onMetaData} (RTMP 1.0 §7.1.2): kept for joiners and sent to every output.
     *
     * @param metadata the values; {@code null} clears the kept metadata and sends nothing
     */
    public void metadata(Map<String, Object> metadata) {
        if (metadata == null) {
            stream.onMetadata(publisher, null);
            return;
        }
        RelayEvent.Metadata event = new RelayEvent.Metadata(metadata, FlvTags.metadata(metadata));
        Output[] outputs = stream.onMetadata(publisher, event);
        if (outputs != null) {
            HubFanout.broadcast(outputs, event);
            hub.listeners.mediaInfoChanged(stream);
        }
    }

    /** Ends publishing: players hear {@code UnpublishNotify} and wait for the next publisher. Idempotent. */
    public void close() {
        hub.release(stream, publisher);
    }

    /** @return the publisher this handle stands for (identity) */
    Publisher publisher() {
        return publisher;
    }

    /**
     * A legacy player would stop on a codec it cannot know (ffmpeg 7.1 refuses a video stream whose
     * first tag names CodecID 15), and a tag header that says nothing reliable must not touch the
     * E-RTMP gate or the caches. The first one of a publisher is logged at INFO with the peer and the
     * reason, the others at DEBUG.
     */
    private void dropMalformed(MediaMessage media) {
        long n = stream.onMalformedVideo(publisher, media);
        if (n == 1 && !VideoTagValidator.isEmptySequenceStart(media.payload())) { // ffmpeg's placeholder is no fault
            log.info("{} ({}) publishing {} sent malformed video, not relayed (further ones at DEBUG): {}",
                    publisher, publisher.source.remoteAddress(), stream.key(), MediaClassifier.malformedReason(media));
        } else if (n >= 1 && log.isDebugEnabled()) {
            log.debug("{} publishing {}: malformed video #{} not relayed: {}",
                    publisher, stream.key(), n, MediaClassifier.malformedReason(media));
        }
    }

    static Status refused(StreamKey key, String fourCc) {
        return Status.error(StatusCodes.PLAY_FAILED,
                key.name() + " is E-RTMP " + fourCc + ", which the player did not list in fourCcList");
    }

    @Override
    public String toString() {
        return "Ingest[" + publisher + " → " + stream.key() + "]";
    }
}
