package org.rtmp4j.live;

/**
 * The JMX view of a {@link LiveBroadcastController} (an MXBean: open types only), registered by
 * {@link LiveBroadcastController#registerMBean(String)}. Each getter takes a fresh snapshot.
 *
 * <p>Thread-safety: every getter may be called from any thread.
 */
public interface LiveStatsMXBean {
    /** @return publishes accepted since the controller was created ({@link LiveStats#totalStreams()}) */
    long getTotalStreams();

    /** @return names being published now ({@link LiveStats#activeStreams()}) */
    int getActiveStreams();

    /** @return players subscribed now ({@link LiveStats#totalViewers()}) */
    int getTotalViewers();

    /**
     * @return one line per registry entry: {@code app/name live|waiting players=N bitrate=B/s
     *     video=CODEC WxH audio=CODEC RATE Hz uptime=Ss}
     */
    String[] getStreams();
}
