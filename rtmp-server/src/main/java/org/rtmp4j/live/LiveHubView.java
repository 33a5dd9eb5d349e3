package org.rtmp4j.live;

import java.time.Clock;
import java.util.Collection;
import java.util.Objects;
import javax.management.ObjectName;
import org.rtmp4j.core.command.Status;

/**
 * The read side of a {@link LiveBroadcastController}, its base so that each class keeps one job: the hub (the
 * registry of streams), what hosts and operators observe of it (settings, live names, counters, stream snapshots,
 * JMX, listeners, the operator's {@link StreamControl}) and the push loop detection ({@link RelayChain}). The
 * decisions (RTMP callbacks, publish and subscribe, hooks) are the controller's. Thread-safety: as the controller's.
 */
abstract class LiveHubView {
    final LiveHub hub;
    private final LiveStatsBean mbean;
    private final StreamControl control;
    private final RelayChain relayChain;

    /**
     * @param options the relay settings
     * @param clock the source of {@link StreamInfo#publishingSince()}
     */
    LiveHubView(LiveOptions options, Clock clock) {
        this.hub = new LiveHub(Objects.requireNonNull(options, "options"), Objects.requireNonNull(clock, "clock"),
                this::publishNotifyStatus, this::unpublishNotifyStatus);
        this.mbean = new LiveStatsBean(this);
        this.control = new StreamControl(hub);
        this.relayChain = new RelayChain(hub);
    }

    /**
     * @param key the stream going live
     * @return the {@code NetStream.Play.PublishNotify} sent to its players
     */
    protected abstract Status publishNotifyStatus(StreamKey key);

    /**
     * @param key the stream whose publisher leaves
     * @return the {@code NetStream.Play.UnpublishNotify} sent to its players
     */
    protected abstract Status unpublishNotifyStatus(StreamKey key);

    /**
     * @return this hub's push loop detection: its random server id, the chain a push of a local stream announces,
     *     and the refusal of a publish that already came through this server
     */
    public RelayChain relayChain() {
        return relayChain;
    }

    /** @return the settings */
    public LiveOptions options() {
        return hub.options;
    }

    /** @return the transport-neutral hub */
    LiveHub hub() {
        return hub;
    }

    /**
     * @return the operator's view: per-stream details with players by kind, closing a publisher
     *     (for an HTTP API or metrics; DESIGN-NOTES.md "HTTP API and metrics")
     */
    public StreamControl control() {
        return control;
    }

    /** @return the registry of live names and names with waiting players */
    public LiveStreams streams() {
        return hub.streams;
    }

    /**
     * @param key a stream name
     * @return whether a publisher is attached to it now (of any kind)
     */
    public boolean isLive(StreamKey key) {
        return hub.isLive(Objects.requireNonNull(key, "key"));
    }

    /** @return how many names are being published now (what {@link LiveOptions#maxStreams()} limits) */
    public int liveStreamCount() {
        return hub.publishedCount.get();
    }

    /**
     * A snapshot of every registry entry (live, or with waiting players): name, codecs and picture
     * size from the sequence headers, bitrate, players, uptime (measured with this controller's
     * clock).
     *
     * @return one {@link StreamInfo} per entry, in no particular order
     */
    public Collection<StreamInfo> activeStreams() {
        return hub.streams.infos(hub.clock.instant());
    }

    /**
     * The totals: publishes accepted so far, names live now, players now. Each count is exact;
     * taken while streams come and go, they need not be from the same instant.
     *
     * @return a new snapshot
     */
    public LiveStats stats() {
        return new LiveStats(hub.acceptedPublishes.get(), hub.publishedCount.get(), hub.streams.playerCount());
    }

    /**
     * Registers a {@link LiveStatsMXBean} for this controller in the platform MBean server
     * ({@code ManagementFactory.getPlatformMBeanServer()}) as
     * {@code DOMAIN:type=LiveBroadcastController,name=live-N} (N counts controllers in this JVM).
     * Calling it again returns the same name. Undo with {@link #unregisterMBean()}.
     *
     * @param domain the JMX domain, e.g. {@code "rtmp4j"}
     * @return the registered name
     * @throws IllegalArgumentException if {@code domain} is not a valid JMX domain
     * @throws IllegalStateException if the MBean server refuses the registration
     */
    public ObjectName registerMBean(String domain) {
        return mbean.register(Objects.requireNonNull(domain, "domain"));
    }

    /**
     * Removes the MXBean registered by {@link #registerMBean(String)}. Idempotent.
     *
     * @return whether one was registered
     */
    public boolean unregisterMBean() {
        return mbean.unregister();
    }

    /**
     * Registers {@code listener} for every stream of this relay, e.g. to learn a stream's codecs
     * ({@link LiveListener#onMediaInfo}) without polling {@link #activeStreams()}. Any thread; it
     * hears changes from the next published message on. Registering the same listener twice makes it
     * hear everything twice.
     *
     * @param listener the listener; called on publishers' I/O threads (see {@link LiveListener})
     * @throws NullPointerException if {@code listener} is null
     */
    public void addListener(LiveListener listener) {
        hub.listeners.add(listener);
    }

    /**
     * Unregisters one registration of {@code listener}. Any thread; a call already under way may
     * still complete after this returns.
     *
     * @param listener the listener
     * @return whether it was registered
     */
    public boolean removeListener(LiveListener listener) {
        return hub.listeners.remove(listener);
    }
}
