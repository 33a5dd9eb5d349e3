package org.rtmp4j.live;

import org.rtmp4j.flv.codec.MediaInfo;

/**
 * Told about the relay's streams as they change, so that a controller, a log or an HTTP API need not
 * rebuild stream keys and poll {@link LiveBroadcastController#activeStreams()}. Register with {@link
 * LiveBroadcastController#addListener(LiveListener)}; every method has an empty default, override what
 * you need.
 *
 * <p>Threading: called on the publishing connection's I/O thread, after the message that caused the
 * change went to the players and outside the relay's locks; must not block. Calls for one stream come
 * in order. An exception is logged at WARN and ignored: it affects neither the stream nor other
 * listeners.
 */
public interface LiveListener {
    /**
     * The current publisher's media description became known or changed: codecs, picture size,
     * frame rate, sample rate or channels, from its sequence headers (FLV 10.1 §E.4.2.1, §E.4.3.1;
     * E-RTMP v2) and {@code onMetaData} (FLV 10.1 §E.5), as {@link StreamInfo#media()} shows it.
     * Called once per actual change (values compared with {@link MediaInfo#equals}), so typically
     * once when the first audio message names its codec, again when the video sequence header gives
     * codec and size, and again when {@code onMetaData} adds the frame rate. A new publisher of the
     * same key starts from {@link MediaInfo#EMPTY}, so its first description is reported even if it
     * equals its predecessor's; nothing is reported when a publisher leaves.
     *
     * @param key the stream's app and name
     * @param media the new description; never {@code null} or {@link MediaInfo#EMPTY}
     */
    default void onMediaInfo(StreamKey key, MediaInfo media) {}

    /**
     * A publisher started publishing {@code key}, whatever the input (an RTMP publish, an HTTP-FLV
     * upload through {@link LiveBroadcastController#publish}, a pull relay): called once per accepted
     * publish, after the stream's outputs heard {@link RelayEvent.Published} and before its first
     * message, so an output subscribed from here ({@link LiveBroadcastController#subscribe}) gets the
     * publish from its first message on. Also called for a publisher that took the name over from
     * another ({@link PublisherPolicy#TAKEOVER}); not for an E-RTMP reconnect hand-over, where the
     * stream stays live. The end of the publish reaches subscribed outputs as {@link
     * RelayEvent.Unpublished}.
     *
     * @param key the stream's app and name
     */
    default void onPublished(StreamKey key) {}
}
