package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rtmp4j.core.session.OutboundLimits;
import org.rtmp4j.http.FlvStreamPath;
import org.rtmp4j.http.HttpMethod;
import org.rtmp4j.live.HttpFlvPlayer;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.LiveOptions;

/**
 * Audio rides with video (issue 17; DESIGN-NOTES.md, "Audio rides with video (issue 17)") with real peers and the
 * default hold (50 ms, at most one video frame interval): ffmpeg publishes {@code media/h264-aac-avatar.flv} in
 * real time ({@code -re}), ffmpeg plays it over RTMP ({@code -c copy} to FLV) and over HTTP-FLV ({@code -c copy} to
 * Matroska), and ffprobe reads the HTTP-FLV stream live, listing its packets in arrival order.
 *
 * <p>Checks: every video frame from the player's join keyframe to the end is there (byte for byte for the FLV file,
 * by count for the Matroska one), decoding either file with {@code -v error} prints nothing, and in arrival order
 * audio and video interleave within the hold: no audio packet arrives after a video packet whose DTS is more than
 * the hold later than its own ({@link #lateAudio}). Holding audio behind newer video, which a hold that ignored the
 * next video would do, breaks that ({@link #theInterleaveCheckFailsForAudioHeldBehindVideo}).
 */
@Tag("ffmpeg")
@Timeout(180)
class AudioHoldFfmpegIT {
    private static final double HOLD_SECONDS = LiveOptions.DEFAULT_AUDIO_HOLD_MAX.toMillis() / 1000.0;

    @RegisterExtension
    final FfmpegServer fixture = FfmpegServer.perTestMethod();

    /** One packet as ffprobe listed it: {@code codec_type} and {@code dts_time} (seconds). */
    record Packet(boolean audio, double dts) {}

    /**
     * The audio packets that arrived after a video packet whose DTS exceeds theirs by more than {@code boundSeconds}
     * (plus 1 ms for FLV's millisecond timestamps), as "audio DTS after video DTS" strings.
     */
    static List<String> lateAudio(List<Packet> arrivalOrder, double boundSeconds) {
        List<String> late = new ArrayList<>();
        double lastVideo = Double.NEGATIVE_INFINITY;
        for (Packet p : arrivalOrder) {
            if (!p.audio()) {
                lastVideo = Math.max(lastVideo, p.dts());
            } else if (lastVideo - p.dts() > boundSeconds + 0.001) {
                late.add("audio " + p.dts() + " after video " + lastVideo);
            }
        }
        return late;
    }

    static List<Packet> parsePackets(List<String> csvLines) {
        List<Packet> packets = new ArrayList<>();
        for (String line : csvLines) {
            String[] f = line.strip().split(",");
            if (f.length >= 2 && (f[0].equals("audio") || f[0].equals("video")) && !f[1].equals("N/A")) {
                packets.add(new Packet(f[0].equals("audio"), Double.parseDouble(f[1])));
            }
        }
        return packets;
    }

    @Test
    void theInterleaveCheckFailsForAudioHeldBehindVideo() {
        // 25 fps video, AAC every 23 ms; the second list delivers the audio of 0.10..0.60 s only after the video of 0.60 s
        List<Packet> inOrder = new ArrayList<>();
        List<Packet> heldBehind = new ArrayList<>();
        List<Packet> held = new ArrayList<>();
        for (int ms = 0, a = 0; ms <= 1000; ms += 40) {
            inOrder.add(new Packet(false, ms / 1000.0));
            heldBehind.add(new Packet(false, ms / 1000.0));
            for (; a < ms + 40; a += 23) {
                Packet audio = new Packet(true, a / 1000.0);
                inOrder.add(audio);
                if (a >= 100 && a < 600) {
                    held.add(audio);
                } else {
                    heldBehind.add(audio);
                }
            }
            if (ms == 600) {
                heldBehind.addAll(held);
            }
        }
        assertThat(lateAudio(inOrder, HOLD_SECONDS)).isEmpty();
        assertThat(lateAudio(heldBehind, HOLD_SECONDS)).isNotEmpty();
    }

    @Test
    void ffmpegPlayersOverRtmpAndHttpFlvGetEveryFrameDecodableAndInterleavedWithTheDefaultHold() throws Exception {
        Path source = Media.h264Aac();
        LiveBroadcastController relay = new LiveBroadcastController();
        assertThat(relay.options().audioHoldMax()).isEqualTo(LiveOptions.DEFAULT_AUDIO_HOLD_MAX);
        ObservingController observed = new ObservingController(relay);
        var server = fixture.start(observed, b -> b.http(new InetSocketAddress("127.0.0.1", 0))
                .httpRoute(HttpMethod.GET, FlvStreamPath::matches, new HttpFlvPlayer(relay, OutboundLimits.DEFAULT, false)));
        String httpUrl = "http://127.0.0.1:" + server.httpPort() + "/live/hold.flv";
        Ffmpeg ffmpeg = fixture.ffmpeg();
        Ffmpeg.Run publisher = ffmpeg.start("publisher", "-re", "-i", source.toString(), "-c", "copy", "-f", "flv",
                fixture.url("live/hold"));
        observed.await("publish hold", 20);
        observed.afterVideoMessages(1).get(20, TimeUnit.SECONDS);

        Path rtmpOut = fixture.out().resolve("rtmp-player.flv");
        Ffmpeg.Run rtmpPlayer = ffmpeg.start("rtmp-player", "-i", fixture.url("live/hold"), "-c", "copy", "-f", "flv",
                rtmpOut.toString());
        Path httpOut = fixture.out().resolve("http-player.mkv");
        Ffmpeg.Run httpPlayer = ffmpeg.start("http-player", "-i", httpUrl, "-c", "copy", "-f", "matroska",
                httpOut.toString());
        CompletableFuture<List<String>> arrival = CompletableFuture.supplyAsync(() -> {
            try {
                return ffmpeg.ffprobe("arrival", "-show_entries", "packet=codec_type,dts_time", "-of", "csv=p=0", httpUrl);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        publisher.awaitSuccess(Duration.ofSeconds(60));
        rtmpPlayer.awaitSuccess(Duration.ofSeconds(30));
        httpPlayer.awaitSuccess(Duration.ofSeconds(30));
        List<Packet> packets = parsePackets(arrival.get(60, TimeUnit.SECONDS));

        FlvFrames published = FlvFrames.read(source);
        published.assertReceivedFromKeyFrameToEnd(FlvFrames.read(rtmpOut), "ffmpeg RTMP player");
        assertThat(ffmpeg.decodeErrors(rtmpOut)).as("decode errors of the RTMP player's file").isEmpty();
        assertThat(ffmpeg.decodeErrors(httpOut)).as("decode errors of the HTTP-FLV player's file").isEmpty();
        long mkvVideo = ffmpeg.probe(httpOut).streams().stream().filter(s -> s.codecType().equals("video"))
                .mapToLong(Ffmpeg.StreamInfo::frames).sum();
        assertThat(joinCounts(published)).as("the HTTP-FLV player's %d video frames: every frame from a keyframe on",
                mkvVideo).contains(mkvVideo);

        long audioPackets = packets.stream().filter(Packet::audio).count();
        long videoPackets = packets.size() - audioPackets;
        System.out.printf("arrival order over HTTP-FLV: %d video, %d audio packets%n", videoPackets, audioPackets);
        assertThat(joinCounts(published)).as("live HTTP-FLV video packets").contains(videoPackets);
        assertThat(audioPackets).as("audio packets: about 43 per second of video").isGreaterThan(videoPackets);
        assertThat(lateAudio(packets, HOLD_SECONDS)).as("audio arriving behind video newer than the hold").isEmpty();
    }

    /** The video frame counts a player that joins at one of the published keyframes and stays to the end can have. */
    private static List<Long> joinCounts(FlvFrames published) {
        List<Long> counts = new ArrayList<>();
        for (int i = 0; i < published.size(); i++) {
            if (published.frames().get(i).keyFrame()) {
                counts.add((long) (published.size() - i));
            }
        }
        return counts;
    }
}
