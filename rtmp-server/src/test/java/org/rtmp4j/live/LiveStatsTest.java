package org.rtmp4j.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.rtmp4j.core.message.AmfEncoding;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.DataMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.VideoMessage;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.flv.codec.MediaInfo;
import org.rtmp4j.flv.media.ScriptData;

/** {@link LiveBroadcastController#stats()}, the per-stream {@link StreamInfo} details and the {@link LiveStatsMXBean}. */
class LiveStatsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        Instant now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MutableClock clock = new MutableClock();
    private final LiveBroadcastController relay = new LiveBroadcastController(LiveOptions.DEFAULT, clock);

    record Pub(FakeSession session, FakeSession.Stream stream) {}

    private Pub publish(String name) {
        FakeSession s = new FakeSession();
        FakeSession.Stream st = s.newStream();
        relay.onPublish(s, st.publish(name));
        assertThat(s.events()).first().isInstanceOf(FakeSession.Accepted.class);
        return new Pub(s, st);
    }

    private FakeSession play(String name) {
        FakeSession s = new FakeSession("live", List.of());
        relay.onPlay(s, s.newStream().play(name));
        return s;
    }

    private StreamInfo info(String name) {
        return relay.activeStreams().stream().filter(i -> i.key().name().equals(name)).findFirst().orElseThrow();
    }

    private static DataMessage setDataFrame(Map<String, Object> metadata) {
        return new DataMessage(0, 1, AmfEncoding.AMF0, List.of("@setDataFrame", "onMetaData", metadata));
    }

    @Test
    void statsCountPublishesEverLiveStreamsNowAndCurrentPlayers() {
        assertThat(relay.stats()).isEqualTo(new LiveStats(0, 0, 0));
        Pub a = publish("a");
        publish("b");
        play("a");
        play("a");
        play("c"); // waits for a publisher: a viewer, not a live stream
        assertThat(relay.stats()).isEqualTo(new LiveStats(2, 2, 3));

        relay.onUnpublish(a.session(), a.stream());
        assertThat(relay.stats()).isEqualTo(new LiveStats(2, 1, 3));
        publish("a");
        assertThat(relay.stats()).isEqualTo(new LiveStats(3, 2, 3));
    }

    @Test
    void aRefusedPublishIsNotCounted() {
        publish("a");
        FakeSession s = new FakeSession();
        relay.onPublish(s, s.newStream().publish("a"));
        assertThat(relay.stats().totalStreams()).isEqualTo(1);
    }

    @Test
    void streamInfoTakesCodecsFromSequenceHeadersAndSizeFromMetadataWhenTheHeaderHasNone() {
        Pub p = publish("cam");
        relay.onMetadata(p.session(), p.stream(), setDataFrame(Map.of("width", 1280.0, "height", 720.0, "framerate", 30.0)));
        relay.onMedia(p.session(), p.stream(), Flv.avcSequenceHeader(0)); // no SPS: size from metadata
        relay.onMedia(p.session(), p.stream(), Flv.aacSequenceHeader(0)); // AAC LC, 44.1 kHz, stereo
        relay.onMedia(p.session(), p.stream(), Flv.avcKeyFrame(0));

        StreamInfo i = info("cam");
        assertThat(i.videoCodec()).isEqualTo("h264");
        assertThat(i.width()).isEqualTo(1280);
        assertThat(i.height()).isEqualTo(720);
        assertThat(i.frameRate()).isEqualTo(30.0);
        assertThat(i.audioCodec()).isEqualTo("aac");
        assertThat(i.sampleRate()).isEqualTo(44_100);
        assertThat(i.channels()).isEqualTo(2);
    }

    @Test
    void streamInfoOfVp9WithoutMetadataTakesThePictureSizeFromTheFirstKeyFrame() {
        Pub p = publish("vp9");
        // ffmpeg 7.1's vp09 SequenceStart (vpcC, no size), then libvpx's 320x240 key frame and an inter frame
        relay.onMedia(p.session(), p.stream(), video(0, "907670303901000000001482020202" + "0000"));
        relay.onMedia(p.session(), p.stream(), video(23, "9176703039" + "824983420013f00ef60638241c184a000d405f"));
        relay.onMedia(p.session(), p.stream(), video(63, "a176703039" + "86004092f121400000b47f91e46ea610559d47"));

        StreamInfo i = info("vp9");
        assertThat(i.videoFourCc()).isEqualTo("vp09");
        assertThat(i.videoCodec()).isEqualTo("vp9");
        assertThat(i.width()).isEqualTo(320);
        assertThat(i.height()).isEqualTo(240);
    }

    private static VideoMessage video(int ts, String hex) {
        return new VideoMessage(ts, Flv.PUBLISHER_STREAM_ID, ByteBuffer.wrap(HexFormat.of().parseHex(hex)));
    }

    @Test
    void uptimeRunsFromThePublishOnTheControllersClock() {
        publish("cam");
        clock.now = T0.plusSeconds(90);
        StreamInfo i = info("cam");
        assertThat(i.publishingSince()).isEqualTo(T0);
        assertThat(i.uptime()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void bitrateIsMeasuredOnMediaTimestamps() {
        Pub p = publish("cam");
        for (int ts = 0; ts < 10_000; ts += 40) { // 25 frames of 2,000 bytes per second: 400 kbit/s
            relay.onMedia(p.session(), p.stream(), Flv.avcInterFrame(ts, 2000));
        }
        assertThat(info("cam").bitrate()).isBetween(396_000L, 408_000L);
    }

    @Test
    void aNameThatIsNotLiveReportsNoMediaBitrateOrUptimeAndANewPublisherStartsAfresh() {
        Pub p = publish("cam");
        relay.onMedia(p.session(), p.stream(), Flv.aacSequenceHeader(0));
        relay.onMedia(p.session(), p.stream(), Flv.aacFrame(0, 500));
        relay.onMedia(p.session(), p.stream(), Flv.aacFrame(1000, 500));
        play("cam");
        relay.onUnpublish(p.session(), p.stream());

        StreamInfo waiting = info("cam");
        assertThat(waiting.live()).isFalse();
        assertThat(waiting.players()).isEqualTo(1);
        assertThat(waiting.media()).isEqualTo(MediaInfo.EMPTY);
        assertThat(waiting.bitrate()).isZero();
        assertThat(waiting.uptime()).isEqualTo(Duration.ZERO);

        Pub q = publish("cam");
        relay.onMedia(q.session(), q.stream(), Flv.avcKeyFrame(0));
        StreamInfo again = info("cam");
        assertThat(again.videoCodec()).isEqualTo("h264");
        assertThat(again.audioCodec()).isNull();
        assertThat(again.bitrate()).isZero();
    }

    @Test
    void realFilesReportTheirCodecsPictureSizeAndSampleRate() throws Exception {
        StreamInfo avatar = publishFile("h264-aac-avatar.flv");
        assertThat(avatar.videoCodec()).isEqualTo("h264");
        assertThat(avatar.width()).isEqualTo(768);
        assertThat(avatar.height()).isEqualTo(320);
        assertThat(avatar.audioCodec()).isEqualTo("aac");
        assertThat(avatar.sampleRate()).isEqualTo(44_100);
        assertThat(avatar.channels()).isEqualTo(2);
        assertThat(avatar.bitrate()).isPositive();

        StreamInfo av1 = publishFile("av1-opus-enhanced-testsrc.flv");
        assertThat(av1.videoCodec()).isEqualTo("av1");
        assertThat(av1.width()).isPositive();
        assertThat(av1.audioCodec()).isEqualTo("opus");
        assertThat(av1.sampleRate()).isEqualTo(48_000);
        assertThat(av1.bitrate()).isPositive();
    }

    private StreamInfo publishFile(String file) throws Exception {
        Pub p = publish(file);
        Path path = Path.of(System.getProperty("rtmp4j.media.dir", "../media"), file);
        try (FlvReader reader = FlvReader.open(path)) {
            for (Optional<FlvTag> o = reader.next(); o.isPresent(); o = reader.next()) {
                FlvTag t = o.get();
                if (t.type() == FlvTagType.SCRIPT) {
                    List<Object> values = new ArrayList<>(List.of("@setDataFrame", "onMetaData"));
                    values.add(ScriptData.metadata(t.body()));
                    relay.onMetadata(p.session(), p.stream(), new DataMessage(t.timestamp(), 1, AmfEncoding.AMF0, values));
                } else {
                    MediaMessage m = t.type() == FlvTagType.VIDEO
                            ? new VideoMessage(t.timestamp(), 1, t.body())
                            : new AudioMessage(t.timestamp(), 1, t.body());
                    relay.onMedia(p.session(), p.stream(), m);
                }
            }
        }
        return info(file);
    }

    @Test
    void theMXBeanShowsTheTotalsUntilUnregistered() throws Exception {
        MBeanServer mbs = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = relay.registerMBean("rtmp4j.test");
        try {
            assertThat(relay.registerMBean("rtmp4j.test")).isEqualTo(name);
            publish("cam");
            play("cam");
            assertThat(mbs.isRegistered(name)).isTrue();
            assertThat(name.getKeyProperty("type")).isEqualTo("LiveBroadcastController");
            assertThat(mbs.getAttribute(name, "TotalStreams")).isEqualTo(1L);
            assertThat(mbs.getAttribute(name, "ActiveStreams")).isEqualTo(1);
            assertThat(mbs.getAttribute(name, "TotalViewers")).isEqualTo(1);
            assertThat((String[]) mbs.getAttribute(name, "Streams"))
                    .containsExactly("live/cam live players=1 bitrate=0b/s uptime=0s");
        } finally {
            assertThat(relay.unregisterMBean()).isTrue();
        }
        assertThat(mbs.isRegistered(name)).isFalse();
        assertThat(relay.unregisterMBean()).isFalse();
    }

    @Test
    void aMalformedDomainIsRefused() {
        assertThatThrownBy(() -> relay.registerMBean("bad:domain")).isInstanceOf(IllegalArgumentException.class);
    }
}
