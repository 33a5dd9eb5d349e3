package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rtmp4j.client.ClientOptions;
import org.rtmp4j.client.Publisher;
import org.rtmp4j.client.RtmpClient;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.hls.HlsContainer;
import org.rtmp4j.hls.HlsHandler;
import org.rtmp4j.hls.HlsOptions;
import org.rtmp4j.hls.HlsPath;
import org.rtmp4j.http.HttpMethod;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.server.RtmpServer;

/**
 * HLS out of the hub with real peers (issue 13 §2, "Proof"): ffmpeg 7.1 reads the LL-HLS fMP4 playlist of the
 * shared H.264/AAC file published in real time to its end (EXT-X-ENDLIST after the publisher left) and decodes
 * every frame with no error, ffprobe reports the source's
 * codecs, size and frame rate, and the decoded video frames equal the source's from the first segment's keyframe
 * on; the shared AV1/Opus E-FLV and an HEVC stream from ffmpeg go out as fMP4 HLS that ffprobe and ffmpeg decode;
 * the MPEG-TS container variant is read by ffmpeg.
 */
@Tag("ffmpeg")
@Timeout(240)
class HlsFfmpegIT {
    private static final Pattern URI_LINE = Pattern.compile("^(test/[0-9a-z]+/seg-\\d+\\.(?:m4s|ts))(\\?\\S*)?$", Pattern.MULTILINE);
    private static final Pattern MAP = Pattern.compile("#EXT-X-MAP:URI=\"(test/[0-9a-z]+/init-\\d+\\.mp4)");

    @RegisterExtension
    final FfmpegServer fixture = FfmpegServer.perTestMethod();

    private final LiveBroadcastController relay = new LiveBroadcastController();
    private HlsHandler hls;
    private RtmpServer server;

    private ObservingController start(HlsOptions options) throws Exception {
        hls = new HlsHandler(relay, options);
        ObservingController observed = new ObservingController(relay);
        server = fixture.start(observed, b -> b.http(new InetSocketAddress("127.0.0.1", 0))
                .httpRoute(HttpMethod.GET, HlsPath::matches, hls));
        return observed;
    }

    @AfterEach
    void closeHls() {
        if (hls != null) {
            hls.close();
        }
    }

    private String http(String path) {
        return "http://127.0.0.1:" + server.httpPort() + path;
    }

    @Test
    void ffmpegReadsLowLatencyFmp4HlsOfTheH264AacFileFrameForFrame() throws Exception {
        Path source = Media.h264Aac();
        Path out = fixture.out();
        Ffmpeg ffmpeg = fixture.ffmpeg();
        ObservingController observed = start(HlsOptions.defaults());
        Path sourceMd5 = out.resolve("source.framemd5");
        ffmpeg.run("source-md5", Duration.ofSeconds(60), "-i", source.toString(), "-map", "0:v", "-f", "framemd5",
                sourceMd5.toString());
        List<String> sourceHashes = hashes(sourceMd5);

        Ffmpeg.Run publisher = ffmpeg.start("publisher", "-re", "-i", source.toString(), "-c", "copy", "-f", "flv",
                fixture.url("live/test"));
        observed.await("publish test", 20);
        observed.afterVideoMessages(1).get(20, TimeUnit.SECONDS);
        String playlist = http("/live/test.m3u8");
        Path played = out.resolve("hls.ts");
        Path playedMd5 = out.resolve("hls.framemd5");
        Ffmpeg.Run reader = ffmpeg.start("hls-reader", "-live_start_index", "0", "-i", playlist,
                "-map", "0", "-c", "copy", "-f", "mpegts", played.toString(),
                "-map", "0:v", "-flush_packets", "1", "-f", "framemd5", playedMd5.toString());
        List<String> probe = ffmpeg.ffprobe("hls", "-show_entries", "stream=codec_type,codec_name,width,height,r_frame_rate",
                "-of", "compact", playlist);
        publisher.awaitSuccess(Duration.ofSeconds(60));

        // the playlist ends (EXT-X-ENDLIST) once the publisher has been gone for three target durations
        reader.awaitSuccess(Duration.ofSeconds(40));

        List<String> got = hashes(playedMd5);
        int from = sourceHashes.indexOf(got.get(0));
        assertThat(from).as("the HLS frames start at a frame of the source").isNotNegative();
        assertThat(got).as("every decoded frame from the first segment's keyframe to the end")
                .isEqualTo(sourceHashes.subList(from, sourceHashes.size()));
        assertThat(got.size()).as("most of the 11.4 s file").isGreaterThan(sourceHashes.size() / 2);
        assertThat(ffmpeg.decodeErrors(played)).isEmpty();
        assertThat(String.join("\n", probe)).contains("codec_name=h264", "width=768", "height=320", "r_frame_rate=25/1",
                "codec_name=aac");
    }

    @Test
    void theAv1OpusFileGoesOutAsFmp4HlsThatFfmpegDecodes() throws Exception {
        ObservingController observed = start(HlsOptions.builder().alwaysOn(true).build());
        try (RtmpClient client = RtmpClient.connect(URI.create(fixture.url("live")),
                ClientOptions.defaults().withTimeout(Duration.ofSeconds(10)));
                FlvReader reader = FlvReader.open(Media.av1Opus())) {
            Publisher publisher = client.publish("test");
            for (Optional<FlvTag> t = reader.next(); t.isPresent(); t = reader.next()) {
                if (t.get().type() != FlvTagType.SCRIPT) {
                    publisher.send(t.get());
                }
            }
            publisher.close(); // the hub hears the unpublish after every tag
            observed.await("unpublish test", 20);
        }
        Path file = download("av1-opus.mp4", 1);
        assertThat(fixture.ffmpeg().decodeErrors(file)).isEmpty();
        Ffmpeg.ProbeInfo info = fixture.ffmpeg().probe(file);
        assertThat(info.stream("video").codecName()).isEqualTo("av1");
        assertThat(info.stream("audio").codecName()).isEqualTo("opus");
        assertThat(String.join("\n", fixture.ffmpeg().ffprobe("av1-hls", "-show_entries", "stream=codec_name",
                "-of", "compact", http("/live/test.m3u8")))).contains("codec_name=av1", "codec_name=opus");
    }

    @Test
    void anHevcStreamFromFfmpegGoesOutAsFmp4HlsThatFfmpegDecodes() throws Exception {
        ObservingController observed = start(HlsOptions.builder().alwaysOn(true).build());
        Ffmpeg ffmpeg = fixture.ffmpeg();
        ffmpeg.run("publisher", Duration.ofSeconds(90), "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", "6", "-c:v", "libx265",
                "-preset", "ultrafast", "-x265-params", "log-level=error", "-g", "25", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-rtmp_enhanced_codecs", "hvc1", "-f", "flv", fixture.url("live/test"));
        observed.await("unpublish test", 20);
        Path file = download("hevc.mp4", 2);
        assertThat(ffmpeg.decodeErrors(file)).isEmpty();
        Ffmpeg.ProbeInfo info = ffmpeg.probe(file);
        assertThat(info.stream("video").codecName()).isEqualTo("hevc");
        assertThat(info.stream("video").frames()).as("6 s at 25 fps, all segments").isEqualTo(150);
        assertThat(info.stream("audio").codecName()).isEqualTo("aac");
    }

    @Test
    void theMpegTsVariantCarriesH264AacThatFfmpegReads() throws Exception {
        ObservingController observed = start(HlsOptions.builder().alwaysOn(true).container(HlsContainer.MPEGTS).build());
        Ffmpeg ffmpeg = fixture.ffmpeg();
        ffmpeg.run("publisher", Duration.ofSeconds(60), "-i", Media.h264Aac().toString(), "-c", "copy", "-f", "flv",
                fixture.url("live/test"));
        observed.await("unpublish test", 20);
        Path file = download("h264-aac.ts", 3);
        assertThat(ffmpeg.decodeErrors(file)).isEmpty();
        Ffmpeg.ProbeInfo info = ffmpeg.probe(file);
        assertThat(info.stream("video").codecName()).isEqualTo("h264");
        assertThat(info.stream("audio").codecName()).isEqualTo("aac");
        assertThat(String.join("\n", ffmpeg.ffprobe("ts-hls", "-show_entries", "stream=codec_name,width,height",
                "-of", "compact", http("/live/test.m3u8")))).contains("codec_name=h264", "width=768", "codec_name=aac");
    }

    /**
     * Loads the playlist, then its init segment (fMP4) and every listed segment into one file.
     *
     * @param minSegments the segments the playlist must list
     */
    private Path download(String name, int minSegments) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> playlist = http.send(HttpRequest.newBuilder(URI.create(http("/live/test.m3u8")))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(playlist.statusCode()).as(playlist.body()).isEqualTo(200);
        String text = playlist.body();
        Files.writeString(fixture.out().resolve(name + ".m3u8"), text);
        String query = text.substring(text.indexOf("?hls_ctx="), text.indexOf("?hls_ctx=") + 31);
        List<String> uris = new ArrayList<>();
        Matcher map = MAP.matcher(text);
        if (map.find()) {
            uris.add(map.group(1));
        }
        Matcher m = URI_LINE.matcher(text);
        int segments = 0;
        while (m.find()) {
            uris.add(m.group(1));
            segments++;
        }
        assertThat(segments).as(text).isGreaterThanOrEqualTo(minSegments);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (String uri : uris) {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(http("/live/" + uri + query))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).as(uri).isEqualTo(200);
            all.write(r.body());
        }
        Path file = fixture.out().resolve(name);
        Files.write(file, all.toByteArray());
        return file;
    }

    /** The frame hashes of a framemd5 file (last column), in order. */
    private static List<String> hashes(Path framemd5) throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.exists(framemd5)) {
            return out;
        }
        for (String line : Files.readAllLines(framemd5)) {
            if (!line.startsWith("#") && line.contains(",")) {
                out.add(line.substring(line.lastIndexOf(',') + 1).strip());
            }
        }
        return out;
    }
}
