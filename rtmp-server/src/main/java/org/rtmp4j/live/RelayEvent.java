package org.rtmp4j.live;

import java.nio.ByteBuffer;
import java.util.Map;
import org.rtmp4j.core.command.Status;

/**
 * What the hub hands an output ({@link MediaSink#onEvent}), in the order the publisher produced it.
 * A joining output gets the same events, first the cached ones (metadata, sequence headers, GOP),
 * then those that arrived while it joined. Media reaches a sink only after the hub's join,
 * keyframe-wait and slow-output decisions ({@code OutputGate}).
 */
public sealed interface RelayEvent permits LiveMedia, RelayEvent.Metadata, RelayEvent.Published,
        RelayEvent.Unpublished, RelayEvent.Refused {

    /**
     * The stream's {@code onMetaData} (RTMP 1.0 §7.1.2; FLV 10.1 §E.5).
     *
     * @param values the metadata as published, read-only
     * @param flvTag its FLV script tag (type 18, timestamp 0), built once and shared read-only;
     *     duplicate before moving its position
     */
    record Metadata(Map<String, Object> values, ByteBuffer flvTag) implements RelayEvent {
        /** @return a read-only view (position 0) of the shared script tag */
        public ByteBuffer flvTagView() {
            return flvTag.duplicate();
        }
    }

    /**
     * A publisher started (RTMP players get it as {@code NetStream.Play.PublishNotify}).
     *
     * @param status the status the relay's hook chose for RTMP players
     */
    record Published(Status status) implements RelayEvent {}

    /**
     * The publisher left; the output stays subscribed and waits for the next one (RTMP players get
     * {@code NetStream.Play.UnpublishNotify}).
     *
     * @param status the status the relay's hook chose for RTMP players
     */
    record Unpublished(Status status) implements RelayEvent {}

    /**
     * The output was removed because it cannot decode the stream's video (E-RTMP gate); nothing
     * follows. RTMP players get the status, then {@code NetStream.Play.Stop}.
     *
     * @param status {@code NetStream.Play.Failed} naming the FourCC the output lacks
     * @param fourCc that FourCC, e.g. {@code hvc1}
     */
    record Refused(Status status, String fourCc) implements RelayEvent {}
}
