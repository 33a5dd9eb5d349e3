package org.rtmp4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.session.ClientListener;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.flv.media.VideoTagHeader;

/**
 * Test helper shared by the loopback ITs: a player's {@link ClientListener} that queues the media messages and the
 * onStatus codes it receives, with bounded waits on them (each poll at most 10 s, the media timestamp wait 5 s).
 */
public class MediaSink implements ClientListener {
    /** Media messages in arrival order. */
    public final BlockingQueue<MediaMessage> media = new LinkedBlockingQueue<>();
    /** onStatus codes (e.g. NetStream.Play.Start) in arrival order. */
    public final BlockingQueue<String> statuses = new LinkedBlockingQueue<>();

    @Override
    public void onMedia(int streamId, MediaMessage m) {
        media.add(m);
    }

    @Override
    public void onStatus(int streamId, Status status) {
        statuses.add(status.code());
    }

    /** Waits for the next {@code n} media messages and returns them; fails if one takes over 10 s. */
    public List<MediaMessage> take(int n) throws InterruptedException {
        List<MediaMessage> out = new ArrayList<>();
        while (out.size() < n) {
            MediaMessage m = media.poll(10, TimeUnit.SECONDS);
            assertThat(m).as("media %d of %d", out.size(), n).isNotNull();
            out.add(m);
        }
        return out;
    }

    /** Waits for the media message with {@code timestamp}, skipping earlier ones. */
    public MediaMessage awaitTimestamp(int timestamp) throws InterruptedException {
        while (true) {
            MediaMessage m = media.poll(5, TimeUnit.SECONDS);
            assertThat(m).as("media with timestamp %d", timestamp).isNotNull();
            if (m.timestamp() == timestamp) {
                return m;
            }
        }
    }

    /** Waits for the status {@code code}, skipping others. */
    public void awaitStatus(String code) throws InterruptedException {
        while (true) {
            String c = statuses.poll(10, TimeUnit.SECONDS);
            assertThat(c).as("status %s", code).isNotNull();
            if (c.equals(code)) {
                return;
            }
        }
    }

    /**
     * A player that joined a live stream of {@code tags} (a real file, published whole) mid-way: asserts that it
     * got the video and audio sequence headers, then a suffix of the file that starts at a video keyframe in the
     * first half, every payload equal to the file's.
     */
    public void assertJoinedAtAKeyFrameOf(List<FlvTag> tags) throws Exception {
        MediaMessage vsh = media.poll(10, TimeUnit.SECONDS);
        assertThat(VideoTagHeader.parse(vsh.payload()).isSequenceHeader()).isTrue();
        media.poll(10, TimeUnit.SECONDS); // audio sequence header
        MediaMessage first = media.poll(10, TimeUnit.SECONDS);
        assertThat(VideoTagHeader.parse(first.payload()).isKeyFrame()).isTrue();
        int start = -1;
        for (int i = 0; i < tags.size() && start < 0; i++) {
            if (tags.get(i).type() == FlvTagType.VIDEO && tags.get(i).timestamp() == first.timestamp()
                    && VideoTagHeader.parse(tags.get(i).body()).isKeyFrame()) {
                start = i;
            }
        }
        assertThat(start).isBetween(1, tags.size() / 2);
        List<MediaMessage> rest = take(tags.size() - start - 1);
        for (int i = 0; i < rest.size(); i++) {
            assertThat(bytes(rest.get(i).payload())).isEqualTo(bytes(tags.get(start + 1 + i).body()));
        }
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
