package org.rtmp4j.live;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/** The {@link LiveStatsMXBean} of one controller, and its registration in the platform MBean server. */
final class LiveStatsBean implements LiveStatsMXBean {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final LiveHubView controller;
    private ObjectName name;

    LiveStatsBean(LiveHubView controller) {
        this.controller = controller;
    }

    /** Registers as {@code domain:type=LiveBroadcastController,name=live-N}. */
    synchronized ObjectName register(String domain) {
        if (name != null) {
            return name;
        }
        try {
            ObjectName n;
            try {
                n = ObjectName.getInstance(domain + ":type=LiveBroadcastController,name=live-" + SEQUENCE.incrementAndGet());
            } catch (MalformedObjectNameException e) {
                throw new IllegalArgumentException("not a JMX domain: '" + domain + "' (" + e.getMessage() + ")", e);
            }
            ManagementFactory.getPlatformMBeanServer().registerMBean(this, n);
            name = n;
            return n;
        } catch (JMException e) {
            throw new IllegalStateException("could not register the MXBean in domain '" + domain + "': " + e, e);
        }
    }

    /** Unregisters if registered. @return whether it was */
    synchronized boolean unregister() {
        if (name == null) {
            return false;
        }
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (JMException e) {
            // already gone: nothing to undo
        }
        name = null;
        return true;
    }

    @Override
    public long getTotalStreams() {
        return controller.stats().totalStreams();
    }

    @Override
    public int getActiveStreams() {
        return controller.stats().activeStreams();
    }

    @Override
    public int getTotalViewers() {
        return controller.stats().totalViewers();
    }

    @Override
    public String[] getStreams() {
        List<String> lines = new ArrayList<>();
        for (StreamInfo i : controller.activeStreams()) {
            lines.add(describe(i));
        }
        return lines.toArray(new String[0]);
    }

    static String describe(StreamInfo i) {
        StringBuilder b = new StringBuilder();
        b.append(i.key().app()).append('/').append(i.key().name())
                .append(i.live() ? " live" : " waiting")
                .append(" players=").append(i.players())
                .append(" bitrate=").append(i.bitrate()).append("b/s");
        if (i.videoCodec() != null) {
            b.append(" video=").append(i.videoCodec()).append(' ').append(i.width()).append('x').append(i.height());
            if (i.media().hasFrameRate()) {
                b.append(String.format(Locale.ROOT, " %.2ffps", i.frameRate()));
            }
        }
        if (i.audioCodec() != null) {
            b.append(" audio=").append(i.audioCodec()).append(' ').append(i.sampleRate()).append("Hz ")
                    .append(i.channels()).append("ch");
        }
        return b.append(" uptime=").append(i.uptime().toSeconds()).append('s').toString();
    }
}
