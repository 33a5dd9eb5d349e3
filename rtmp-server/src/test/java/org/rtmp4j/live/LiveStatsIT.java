package org.rtmp4j.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.client.Publisher;
import org.rtmp4j.client.RtmpClient;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.server.LoopbackServer;
import org.rtmp4j.server.MediaSink;
import org.rtmp4j.server.RtmpServer;
import org.rtmp4j.server.ServerMetrics;

/**
 * Statistics over loopback: a real server with JMX, one RtmpClient publishing the shared
 * H.264/AAC file as fast as it can and two players.
 */
@Timeout(60)
class LiveStatsIT {
    private static final Path AVATAR =
            Path.of(System.getProperty("rtmp4j.media.dir", "../media"), "h264-aac-avatar.flv");

    private final LiveBroadcastController relay = new LiveBroadcastController();
    private final LoopbackServer fixture = new LoopbackServer();
    private RtmpServer server;

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
        relay.unregisterMBean();
    }

    @Test
    void streamInfoLiveStatsServerMetricsAndTheMXBeansAgree() throws Exception {
        server = fixture.start(RtmpServer.builder().jmx("rtmp4j.it"), relay);
        ObjectName liveName = relay.registerMBean("rtmp4j.it");
        ObjectName serverName = server.jmxName().orElseThrow();
        MBeanServer mbs = ManagementFactory.getPlatformMBeanServer();
        assertThat(mbs.isRegistered(serverName)).isTrue();

        List<FlvTag> tags = new ArrayList<>();
        int media = 0;
        try (FlvReader reader = FlvReader.open(AVATAR)) {
            for (Optional<FlvTag> t = reader.next(); t.isPresent(); t = reader.next()) {
                tags.add(t.get());
                media += t.get().type() == FlvTagType.SCRIPT ? 0 : 1;
            }
        }
        MediaSink one = new MediaSink();
        MediaSink two = new MediaSink();
        fixture.client().play("avatar", one);
        fixture.client().play("avatar", two);
        try (Publisher publisher = fixture.client().publish("avatar")) {
            for (FlvTag t : tags) {
                publisher.send(t); // not real time
            }
            one.take(media);
            two.take(media); // the server has relayed (so counted) every message

            StreamInfo info = relay.activeStreams().iterator().next();
            assertThat(info.key()).isEqualTo(new StreamKey("live", "avatar"));
            assertThat(info.live()).isTrue();
            assertThat(info.videoCodec()).isEqualTo("h264");
            assertThat(info.width()).isEqualTo(768);
            assertThat(info.height()).isEqualTo(320);
            assertThat(info.audioCodec()).isEqualTo("aac");
            assertThat(info.sampleRate()).isEqualTo(44_100);
            assertThat(info.channels()).isEqualTo(2);
            assertThat(info.players()).isEqualTo(2);
            assertThat(info.messagesIn()).isEqualTo(media);
            assertThat(info.bitrate()).isPositive();
            assertThat(info.uptime().isNegative()).isFalse();

            assertThat(relay.stats()).isEqualTo(new LiveStats(1, 1, 2));
            ServerMetrics m = server.metrics();
            assertThat(m.activeConnections()).isEqualTo(3);
            assertThat(m.publishers()).isEqualTo(1);
            assertThat(m.players()).isEqualTo(2);
            assertThat(m.bytesIn()).isGreaterThan(info.bytesIn());
            assertThat(m.bytesOut()).isGreaterThan(2 * info.bytesIn());

            assertThat(mbs.getAttribute(serverName, "Port")).isEqualTo(server.port());
            assertThat(mbs.getAttribute(serverName, "ActiveConnections")).isEqualTo(3);
            assertThat(mbs.getAttribute(serverName, "Publishers")).isEqualTo(1);
            assertThat(mbs.getAttribute(serverName, "Players")).isEqualTo(2);
            assertThat((Long) mbs.getAttribute(serverName, "BytesOut")).isGreaterThanOrEqualTo(m.bytesOut());
            assertThat(mbs.getAttribute(serverName, "DroppedMediaMessages")).isEqualTo(m.droppedMediaMessages());
            assertThat(mbs.getAttribute(serverName, "EvictedPerIpConnections")).isEqualTo(m.evictedPerIp());
            assertThat(mbs.getAttribute(liveName, "TotalViewers")).isEqualTo(2);
            assertThat(mbs.getAttribute(liveName, "ActiveStreams")).isEqualTo(1);
        }
        server.close();
        assertThat(mbs.isRegistered(serverName)).isFalse();
        assertThat(server.jmxName()).isEmpty();
    }
}
