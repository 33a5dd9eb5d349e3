package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.flv.codec.MediaInfo;
import org.rtmp4j.flv.codec.MediaInfoCollector;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.StreamInfo;

/**
 * E-RTMP codecs through the live relay (issue 4): for HEVC, AV1, VP9 and H.264, ffmpeg 7.1 publishes a short
 * generated clip with {@code -rtmp_enhanced_codecs}; the server relays it ({@link LiveBroadcastController}) and
 * records it ({@link RecordToFlv}, composed by {@link RecordingRelay}). A player that announced the FourCCs joins
 * mid-GOP and must start at a cached keyframe; a player that did not is refused with an onStatus error, both when
 * it plays a live stream and when it was already waiting for the publisher (legacy H.264 needs no FourCC and
 * plays). ffmpeg 7.1's FLV muxer writes no E-RTMP audio (Opus/FLAC arrived in ffmpeg 8),
 * so the audio is AAC.
 */
@Tag("ffmpeg")
@Timeout(180)
class EnhancedCodecsIT {
    /**
     * Every FourCC ffmpeg 7.1 can announce in connect (E-RTMP v2 {@code fourCcList}); it refuses {@code avc1}
     * ("Unsupported codec fourcc") and always sends H.264 as legacy FLV (codec id 7).
     */
    private static final String FOUR_CC_LIST = "hvc1,av01,vp09";
    private static final int FPS = 25;
    private static final int SECONDS = 3;
    /**
     * When the late player starts: the sequence header plus frames 0..26 (the 1 s GOP starts at frame 25), so a
     * player that connects within the next ~0.9 s joins mid-GOP and needs the GOP cache.
     */
    private static final int LATE_JOIN_AFTER_VIDEO_MESSAGES = FPS + 3;

    /** The codecs under test: ffmpeg encoder arguments and what the server, ffprobe and the gate must say. */
    enum Codec {
        HEVC("hvc1", "hevc", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error"),
        AV1("av01", "av1", "libsvtav1", "-preset", "12", "-svtav1-params", "lp=1"),
        VP9("vp09", "vp9", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8"),
        H264(null, "h264", "libx264", "-preset", "ultrafast");

        /** The E-RTMP video FourCC, or {@code null} for legacy FLV (ffmpeg 7.1 sends H.264 without ExHeader). */
        final String fourCc;
        final String codecName;
        final String[] encoder;

        Codec(String fourCc, String codecName, String... encoder) {
            this.fourCc = fourCc;
            this.codecName = codecName;
            this.encoder = encoder;
        }
    }

    /** One clean output directory per codec. */
    @RegisterExtension
    final FfmpegServer fixture = FfmpegServer.perDisplayName().cleaningOutput();

    private final LiveBroadcastController live = new LiveBroadcastController();
    private Path recordings;
    private ObservingController observed;

    @BeforeEach
    void setUp() throws Exception {
        recordings = fixture.out().resolve("recordings");
        observed = fixture.startObserved(new RecordingRelay(live, recordings, RecordMode.OVERWRITE));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Codec.class)
    void relaysRecordsAndGatesTheCodec(Codec codec) throws Exception {
        Path out = fixture.out();
        Ffmpeg ffmpeg = fixture.ffmpeg();
        String name = codec.name().toLowerCase(java.util.Locale.ROOT);
        String url = fixture.url("live/" + name);
        List<String> publish = new ArrayList<>(List.of(
                "-re", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=" + FPS,
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
                "-t", String.valueOf(SECONDS), "-c:v"));
        publish.addAll(List.of(codec.encoder));
        publish.addAll(List.of("-g", String.valueOf(FPS), "-pix_fmt", "yuv420p", "-c:a", "aac",
                "-rtmp_enhanced_codecs", FOUR_CC_LIST, "-f", "flv", url));
        // a player without fourCcList that is already waiting when the publisher starts
        Ffmpeg.Run earlyLegacyPlayer = ffmpeg.start("early-legacy-player", "-i", url, "-c", "copy", "-f", "flv",
                out.resolve("early-legacy-played.flv").toString());
        observed.await("play " + name, 30);
        Ffmpeg.Run publisher = ffmpeg.start("publish", publish.toArray(String[]::new));
        observed.await("publish " + name, 30);

        observed.afterVideoMessages(LATE_JOIN_AFTER_VIDEO_MESSAGES).get(30, TimeUnit.SECONDS);
        StreamInfo info = live.activeStreams().iterator().next();
        Path played = out.resolve("played.flv");
        Ffmpeg.Run player = ffmpeg.start("player", "-rtmp_enhanced_codecs", FOUR_CC_LIST, "-i", url,
                "-c", "copy", "-f", "flv", played.toString());
        observed.await("play " + name, 30);
        int videoMessagesAtPlay = observed.videoMessages();
        Ffmpeg.Run legacyPlayer = ffmpeg.start("legacy-player", "-i", url, "-c", "copy", "-f", "flv",
                out.resolve("legacy-played.flv").toString());

        publisher.awaitSuccess(Duration.ofSeconds(60));
        player.awaitSuccess(Duration.ofSeconds(30)); // ends on NetStream.Play.UnpublishNotify
        int legacyExit = legacyPlayer.await(Duration.ofSeconds(30));
        int earlyLegacyExit = earlyLegacyPlayer.await(Duration.ofSeconds(30));
        observed.await("unpublish", 15); // RecordToFlv has closed the file when this event is recorded

        // 4. the server's view while live
        assertThat(info.videoFourCc()).as("StreamInfo FourCC").isEqualTo(codec.fourCc);
        assertThat(info.videoCodec()).as("StreamInfo video codec").isEqualTo(codec.codecName);
        assertThat(info.width()).as("StreamInfo width").isEqualTo(320);
        assertThat(info.height()).as("StreamInfo height").isEqualTo(240);
        assertThat(info.audioCodec()).as("StreamInfo audio codec").isEqualTo("aac");
        assertThat(info.frameRate()).as("StreamInfo frame rate").isEqualTo(FPS);
        assertThat(info.sampleRate()).as("StreamInfo sample rate").isEqualTo(44100);

        // 3. the recording: every frame sent, the right codec, clean decode
        Path recording = recordings.resolve("live").resolve(name + ".flv");
        Ffmpeg.ProbeInfo recorded = ffmpeg.probe(recording);
        assertThat(recorded.stream("video").codecName()).as("recording codec").isEqualTo(codec.codecName);
        assertThat(recorded.stream("video").frames()).as("recorded video frames").isEqualTo(FPS * SECONDS);
        assertThat(recorded.stream("audio").codecName()).isEqualTo("aac");
        assertThat(ffmpeg.decodeErrors(recording)).as("recording decode errors").isEmpty();
        FlvFrames sent = FlvFrames.read(recording);
        MediaInfo fromConfig = configOnly(recording);
        assertThat(fromConfig.videoCodec()).as("codec from the recorded sequence header").isEqualTo(codec.codecName);
        // VP9's vpcC has no picture size: MediaInfoCollector takes it from the first key frame
        assertThat(fromConfig.width()).as("width from the recorded sequence header").isEqualTo(320);
        assertThat(fromConfig.height()).as("height from the recorded sequence header").isEqualTo(240);

        // 2. the late player: from a cached keyframe to the end, decodable, the right codec
        FlvFrames received = FlvFrames.read(played);
        sent.assertReceivedFromKeyFrameToEnd(received, "late player");
        int framesBeforePlay = videoMessagesAtPlay - 1; // minus the sequence header
        assertThat(received.size())
                .as("the player got frames published before its play (%d of %d): the GOP cache", framesBeforePlay,
                        sent.size())
                .isGreaterThan(sent.size() - framesBeforePlay);
        Ffmpeg.ProbeInfo playedProbe = ffmpeg.probe(played);
        assertThat(playedProbe.stream("video").codecName()).as("played codec").isEqualTo(codec.codecName);
        assertThat(playedProbe.stream("video").frames()).as("played frames").isEqualTo(received.size());
        assertThat(ffmpeg.decodeErrors(played)).as("played decode errors").isEmpty();

        // 5. the players without the FourCC: refused at play, or dropped when the sequence start names the FourCC
        String legacyLog = legacyPlayer.logTail();
        String earlyLog = earlyLegacyPlayer.logTail();
        if (codec.fourCc == null) {
            assertThat(legacyExit).as("legacy player of legacy video exits cleanly; log:%n%s", legacyLog).isZero();
            assertThat(earlyLegacyExit).as("early legacy player exit code; log:%n%s", earlyLog).isZero();
            sent.assertReceivedAll(FlvFrames.read(out.resolve("early-legacy-played.flv")), "early legacy player");
        } else {
            String refusal = "Server error: " + name + " is E-RTMP " + codec.fourCc
                    + ", which the player did not list in fourCcList";
            assertThat(legacyExit).as("legacy player exit code; log:%n%s", legacyLog).isNotZero();
            assertThat(legacyLog).contains(refusal);
            assertThat(earlyLegacyExit).as("early legacy player exit code; log:%n%s", earlyLog).isNotZero();
            assertThat(earlyLog).contains(refusal);
        }
        System.out.printf("%s: sent %d, played %d (joined after %d), recorded %d (%s %dx%d); StreamInfo %s %s %dx%d"
                        + " %.0f fps; legacy players: exit %d/%d %s%n",
                codec, sent.size(), received.size(), framesBeforePlay, recorded.stream("video").frames(),
                recorded.stream("video").codecName(), fromConfig.width(), fromConfig.height(), info.videoFourCc(),
                info.videoCodec(), info.width(), info.height(), info.frameRate(), legacyExit, earlyLegacyExit,
                legacyLog.lines().filter(l -> l.contains("Server error")).findFirst().orElse(""));
    }

    /** What the recording's audio and video tags say (sequence headers, key frames), without {@code onMetaData}. */
    private static MediaInfo configOnly(Path flv) throws Exception {
        MediaInfoCollector collector = new MediaInfoCollector();
        try (FlvReader reader = FlvReader.open(flv)) {
            for (Optional<FlvTag> tag = reader.next(); tag.isPresent(); tag = reader.next()) {
                if (tag.get().type() == FlvTagType.VIDEO) {
                    collector.acceptVideo(tag.get().body());
                } else if (tag.get().type() == FlvTagType.AUDIO) {
                    collector.acceptAudio(tag.get().body());
                }
            }
        }
        return collector.mediaInfo();
    }
}
