package org.rtmp4j.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.rtmp4j.core.command.PublishType;

/** Common scenario steps over an {@link RtmpPair}. Everything is synchronous: futures are done after a pump. */
final class Steps {
    private Steps() {}

    /** @return {@code o} as a string-keyed map (AMF objects decode to maps) */
    @SuppressWarnings("unchecked")
    static java.util.Map<String, Object> map(Object o) {
        assertThat(o).isInstanceOf(java.util.Map.class);
        return (java.util.Map<String, Object>) o;
    }

    static <T> T done(CompletableFuture<T> f) {
        assertThat(f).isDone();
        try {
            return f.get(1, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static RtmpPair connected(RtmpPair.Split split, RecordingController controller) {
        RtmpPair pair = new RtmpPair(split, controller);
        done(pair.connect());
        return pair;
    }

    static int createStream(RtmpPair pair) {
        CompletableFuture<Integer> f = pair.client.createStream();
        pair.pump();
        return done(f);
    }

    /** Connects, creates a stream and publishes {@code name}. @return the message stream id */
    static int publishing(RtmpPair pair, String name) {
        int id = createStream(pair);
        CompletableFuture<Void> f = pair.client.publish(id, name, PublishType.LIVE);
        pair.pump();
        done(f);
        return id;
    }

    /** Creates a stream and plays {@code name}. @return the message stream id */
    static int playing(RtmpPair pair, String name) {
        int id = createStream(pair);
        CompletableFuture<Void> f = pair.client.play(id, name);
        pair.pump();
        done(f);
        return id;
    }
}
