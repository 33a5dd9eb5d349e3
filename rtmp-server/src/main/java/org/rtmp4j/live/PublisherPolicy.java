package org.rtmp4j.live;

/**
 * What {@link LiveBroadcastController} does when a second publisher asks for a name that is already
 * live. Either way, a publisher whose session was asked to reconnect (E-RTMP v2, Reconnect Request;
 * {@code RtmpSession.requestReconnect}) is handed over to the newcomer without notifying the players.
 */
public enum PublisherPolicy {
    /** Refuse the newcomer with {@code NetStream.Publish.BadName} (the default). */
    REFUSE,
    /**
     * The newcomer takes the stream over: the old publisher's session is closed, players receive
     * {@code NetStream.Play.UnpublishNotify} then {@code NetStream.Play.PublishNotify}, the caches
     * restart empty and the players stay subscribed.
     */
    TAKEOVER
}
