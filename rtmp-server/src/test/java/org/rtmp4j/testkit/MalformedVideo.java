package org.rtmp4j.testkit;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.rtmp4j.core.message.VideoMessage;

/**
 * Video messages a relay must count and drop rather than relay (DESIGN-NOTES.md "The live hub"): an unknown
 * CodecID, a frame without data, and E-RTMP ExHeader sequence starts ({@code hvc1}, {@code av01}) without their
 * configuration record.
 */
public final class MalformedVideo {
    private MalformedVideo() {
    }

    /**
     * @param timestamp the messages' timestamp, in ms
     * @return four malformed video messages on message stream 1
     */
    public static List<VideoMessage> messages(int timestamp) {
        int[][] bodies = {{0x1F, 1, 2, 3}, {0x20, 9}, {0x90, 'h', 'v', 'c', '1'}, {0x91, 'a', 'v', '0', '1'}};
        List<VideoMessage> out = new ArrayList<>();
        for (int[] b : bodies) {
            byte[] bytes = new byte[b.length];
            for (int i = 0; i < b.length; i++) {
                bytes[i] = (byte) b[i];
            }
            out.add(new VideoMessage(timestamp, 1, ByteBuffer.wrap(bytes)));
        }
        return out;
    }
}
