package org.rtmp4j.relay;

import org.rtmp4j.client.NioClient;
import org.rtmp4j.core.session.OutboundLimits;
import org.rtmp4j.live.LiveMedia;
import org.rtmp4j.live.MediaSink;
import org.rtmp4j.live.RelayEvent;

/**
 * One connection attempt of a {@link PushRelay} as an output of the hub: runs on the connection's event
 * loop, publishes what the hub hands it on the destination's message stream (RTMP 1.0 §7.1.4, §7.1.5,
 * {@code @setDataFrame onMetaData}), and lets the hub's slow-output policy compare the connection's queued
 * bytes with {@link PushOptions#limits()}. Events of an attempt that is no longer current are ignored by
 * the relay (its {@code attempt} number).
 *
 * <p>Media goes out as the message's shared chunk encoding ({@link LiveMedia#rtmp()}) for the connection's
 * chunk size and the destination's message stream id, made ahead by {@link #prepare} on the publisher's thread
 * as an RTMP player's sink does: pushes and players with the same key (chunk size, message stream id) write
 * one encoding of each message between them. A push rewrites neither timestamps nor payloads (the hub's join
 * gives it the keyframe start, metadata and sequence headers as it gives a player), so nothing else keys it.
 *
 * <p>Thread-safety: every call but {@link #execute}, {@link #executorKey} and {@link #inSinkThread} runs on
 * the connection's loop, as {@link MediaSink} says.
 */
final class PushSink implements MediaSink {
    private final PushRelay relay;
    private final int attempt;
    private final NioClient client;
    private final int streamId;
    private final OutboundLimits limits;
    private boolean live; // loop thread

    PushSink(PushRelay relay, int attempt, NioClient client, int streamId, OutboundLimits limits) {
        this.relay = relay;
        this.attempt = attempt;
        this.client = client;
        this.streamId = streamId;
        this.limits = limits;
    }

    @Override
    public Object executorKey() {
        return client.executorKey(); // the loop: pushes of one loop share the hub's task per message
    }

    @Override
    public boolean inSinkThread() {
        return client.inLoop();
    }

    @Override
    public void execute(Runnable task) {
        client.execute(task);
    }

    @Override
    public long queuedBytes() {
        return client.queuedBytes();
    }

    @Override
    public OutboundLimits limits() {
        return limits;
    }

    /** Publisher's thread: makes the shared encoding for this connection's key, as an RTMP player's sink does. */
    @Override
    public void prepare(LiveMedia media) {
        if (!client.isClosed()) {
            media.rtmp().entry(client.chunkSizeHint(), streamId);
        }
    }

    @Override
    public void onEvent(RelayEvent event) {
        if (client.isClosed()) {
            return; // the relay saw the close and handles it
        }
        if (event instanceof LiveMedia m) {
            client.sendEncoded(streamId, m.rtmp());
            relay.sent(m.size());
            if (!live) {
                live = true;
                relay.live(attempt);
            }
        } else if (event instanceof RelayEvent.Metadata md) {
            if (md.values() != null) {
                client.sendMetadata(streamId, md.values());
            }
        } else if (event instanceof RelayEvent.Unpublished) {
            relay.sourceEnded(attempt);
        } else if (event instanceof RelayEvent.Refused r) {
            relay.lost(attempt, "the hub refused the output: " + r.status().description());
        }
    }

    @Override
    public void onOverflow(long queuedBytes, long maxQueued) {
        relay.lost(attempt, "destination too slow: " + queuedBytes + " bytes queued, over the cap of " + maxQueued);
    }

    @Override
    public String toString() {
        return "push " + relay.id() + "#" + attempt;
    }
}
