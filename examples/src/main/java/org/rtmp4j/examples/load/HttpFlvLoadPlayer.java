package org.rtmp4j.examples.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.rtmp4j.client.ByteStreamListener;

/**
 * One HTTP-FLV player's connection: parses the response with an {@link HttpFlvParser} and feeds the
 * audio and video tags to a {@link LoadPlayer}, which measures them exactly as it does RTMP messages.
 * A malformed response closes the connection (the parser's exception names the byte offset and the
 * reason). Thread-safety: confined to the connection's loop thread.
 */
final class HttpFlvLoadPlayer implements ByteStreamListener {
    private static final int AUDIO = 8;
    private static final int VIDEO = 9;

    private final LoadPlayer player;
    private final HttpFlvParser parser;

    /** @param player receives the media and the close */
    HttpFlvLoadPlayer(LoadPlayer player) {
        this.player = player;
        this.parser = new HttpFlvParser((type, timestamp, head) -> {
            if (type == AUDIO || type == VIDEO) {
                player.media(type == VIDEO, timestamp, head);
            }
        });
    }

    /**
     * @param path the request target, e.g. {@code /live/key.flv}
     * @param host the Host field value, e.g. {@code 127.0.0.1:8080}
     * @return the GET request (RFC 9112 §3) for an HTTP-FLV stream
     */
    static ByteBuffer request(String path, String host) {
        String text = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAccept: */*\r\nUser-Agent: rtmp4j-load\r\n\r\n";
        return ByteBuffer.wrap(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Override
    public void onData(ByteBuffer data) throws IOException {
        player.bytesRead(data.remaining());
        parser.feed(data);
    }

    @Override
    public void onClose(Throwable causeOrNull) {
        player.onClose(causeOrNull);
    }
}
