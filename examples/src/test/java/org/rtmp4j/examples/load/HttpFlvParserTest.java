package org.rtmp4j.examples.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link HttpFlvParser}: chunked HTTP-FLV split at every byte boundary, and malformed responses with offsets. */
class HttpFlvParserTest {
    private record Tag(int type, int timestamp, long sendNanos, boolean keyframe, int headBytes) { }

    private static final String OK_CHUNKED = "HTTP/1.1 200 OK\r\nContent-Type: video/x-flv\r\nTransfer-Encoding: chunked\r\n\r\n";

    @Test
    void tagsArriveWholeWhateverTheChunkAndReadBoundaries() throws IOException {
        SyntheticVideo video = new SyntheticVideo(500);
        ByteArrayOutputStream flv = new ByteArrayOutputStream();
        flv.writeBytes(new byte[] {'F', 'L', 'V', 1, 5, 0, 0, 0, 9, 0, 0, 0, 0});
        writeTag(flv, 8, 0x01020304, new byte[] {(byte) 0xAF, 1, 2});
        writeTag(flv, 9, 40, body(video.frame(0, 123_456_789L).payload()));
        writeTag(flv, 9, 80, body(video.frame(1, 987_654_321L).payload()));
        byte[] flvBytes = flv.toByteArray();
        for (int chunk : new int[] {1, 7, 100, flvBytes.length}) {
            byte[] response = chunked(flvBytes, chunk);
            for (int read : new int[] {1, 3, 64, response.length}) {
                List<Tag> tags = new ArrayList<>();
                HttpFlvParser parser = parser(tags);
                for (int i = 0; i < response.length; i += read) {
                    parser.feed(ByteBuffer.wrap(response, i, Math.min(read, response.length - i)));
                }
                assertThat(tags).as("chunk %d, read %d", chunk, read).containsExactly(
                        new Tag(8, 0x01020304, Long.MIN_VALUE, false, 3),
                        new Tag(9, 40, 123_456_789L, true, HttpFlvParser.HEAD_BYTES),
                        new Tag(9, 80, 987_654_321L, false, HttpFlvParser.HEAD_BYTES));
                assertThat(parser.ended()).isTrue();
            }
        }
    }

    @Test
    void realAacTagsArriveWithTheirTimestampAndTheirFirstBytes() throws IOException {
        SyntheticAudio aac = SyntheticAudio.aac();
        ByteArrayOutputStream flv = new ByteArrayOutputStream();
        flv.writeBytes(new byte[] {'F', 'L', 'V', 1, 5, 0, 0, 0, 9, 0, 0, 0, 0});
        writeTag(flv, 8, 0, body(aac.sequenceHeader().payload()));
        writeTag(flv, 8, aac.frame(7).timestamp(), body(aac.frame(7).payload()));
        byte[] response = chunked(flv.toByteArray(), 100);
        List<Integer> timestamps = new ArrayList<>();
        List<Boolean> frames = new ArrayList<>();
        List<byte[]> heads = new ArrayList<>();
        HttpFlvParser parser = new HttpFlvParser((type, ts, head) -> {
            assertThat(type).isEqualTo(8);
            timestamps.add(ts);
            frames.add(SyntheticAudio.isAacFrame(head));
            heads.add(body(head));
        });
        for (int i = 0; i < response.length; i += 5) {
            parser.feed(ByteBuffer.wrap(response, i, Math.min(5, response.length - i)));
        }
        assertThat(timestamps).containsExactly(0, 162); // frame 7: 7 × 1024 / 44.1 ms
        assertThat(frames).containsExactly(false, true);
        byte[] frame = body(aac.frame(7).payload());
        assertThat(heads.get(1)).isEqualTo(java.util.Arrays.copyOf(frame, HttpFlvParser.HEAD_BYTES));
    }

    @Test
    void anHttpFlvPlayerMeasuresAudioLatencyLikeAnRtmpPlayer() throws IOException {
        SyntheticAudio aac = SyntheticAudio.aac();
        Latencies latencies = Latencies.create();
        AudioSendTimes sendTimes = new AudioSendTimes();
        LoadPlayer player = new LoadPlayer(latencies, new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE), sendTimes);
        HttpFlvLoadPlayer http = new HttpFlvLoadPlayer(player);
        player.playSent();
        long now = System.nanoTime();
        sendTimes.sent(7, now);
        ByteArrayOutputStream flv = new ByteArrayOutputStream();
        flv.writeBytes(new byte[] {'F', 'L', 'V', 1, 5, 0, 0, 0, 9, 0, 0, 0, 0});
        writeTag(flv, 9, 0, body(new SyntheticVideo(500).frame(0, now).payload()));
        writeTag(flv, 8, aac.frame(7).timestamp(), body(aac.frame(7).payload()));
        http.onData(ByteBuffer.wrap(chunked(flv.toByteArray(), 64)));

        assertThat(latencies.video().count()).isEqualTo(1);
        assertThat(latencies.audio().count()).isEqualTo(1);
        assertThat(player.mediaMessages()).isEqualTo(2);
    }

    @Test
    void aBodyWithoutChunkedCodingRunsToTheEndOfTheConnection() throws IOException {
        List<Tag> tags = new ArrayList<>();
        ByteArrayOutputStream r = new ByteArrayOutputStream();
        r.writeBytes("HTTP/1.0 200 OK\r\nContent-Type: video/x-flv\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        r.writeBytes(new byte[] {'F', 'L', 'V', 1, 1, 0, 0, 0, 9, 0, 0, 0, 0});
        writeTag(r, 9, 7, new byte[] {0x27, 1, 0, 0, 0});
        parser(tags).feed(ByteBuffer.wrap(r.toByteArray()));
        assertThat(tags).containsExactly(new Tag(9, 7, Long.MIN_VALUE, false, 5));
    }

    @Test
    void aNon200ResponseIsRefusedWithItsStatusLine() {
        byte[] r = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> parser(new ArrayList<>()).feed(ByteBuffer.wrap(r)))
                .isInstanceOf(IOException.class).hasMessageContaining("at byte " + r.length)
                .hasMessageContaining("HTTP/1.1 404 Not Found");
    }

    @Test
    void aBodyThatIsNotFlvIsRefusedWithTheOffset() {
        byte[] r = (OK_CHUNKED + "9\r\n<html>...\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> parser(new ArrayList<>()).feed(ByteBuffer.wrap(r)))
                .isInstanceOf(IOException.class).hasMessageContaining("does not start with an FLV header")
                .hasMessageContaining("at byte " + (OK_CHUNKED.length() + 3 + 9));
    }

    @Test
    void aBadChunkSizeIsRefused() {
        byte[] r = (OK_CHUNKED + "zz\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> parser(new ArrayList<>()).feed(ByteBuffer.wrap(r)))
                .isInstanceOf(IOException.class).hasMessageContaining("bad chunk size 'zz'");
    }

    @Test
    void aChunkNotFollowedByCrlfIsRefused() {
        byte[] r = (OK_CHUNKED + "1\r\nFXX").getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> parser(new ArrayList<>()).feed(ByteBuffer.wrap(r)))
                .isInstanceOf(IOException.class).hasMessageContaining("not followed by CRLF");
    }

    private static HttpFlvParser parser(List<Tag> tags) {
        return new HttpFlvParser((type, ts, head) -> tags.add(new Tag(type, ts, SyntheticVideo.sendNanos(head),
                type == 9 && SyntheticVideo.isKeyframe(head), head.remaining())));
    }

    private static byte[] body(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    private static void writeTag(ByteArrayOutputStream out, int type, int ts, byte[] body) {
        out.write(type);
        out.write(body.length >> 16);
        out.write(body.length >> 8);
        out.write(body.length);
        out.write(ts >> 16);
        out.write(ts >> 8);
        out.write(ts);
        out.write(ts >>> 24);
        out.write(0);
        out.write(0);
        out.write(0);
        out.writeBytes(body);
        int size = 11 + body.length;
        out.writeBytes(new byte[] {(byte) (size >> 24), (byte) (size >> 16), (byte) (size >> 8), (byte) size});
    }

    private static byte[] chunked(byte[] body, int chunk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(OK_CHUNKED.getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < body.length; i += chunk) {
            int n = Math.min(chunk, body.length - i);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, i, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
