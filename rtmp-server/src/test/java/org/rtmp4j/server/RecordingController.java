package org.rtmp4j.server;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.message.DataMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.session.NetStream;
import org.rtmp4j.core.session.PlayRequest;
import org.rtmp4j.core.session.PublishRequest;
import org.rtmp4j.core.session.RtmpController;
import org.rtmp4j.core.session.RtmpSession;

/**
 * A small test controller (not the live one): records what publishers send into blocking queues
 * (MockWebServer's {@code takeRequest} style) and relays each published name to its players.
 * Publishing the name {@code forbidden} is rejected.
 */
public final class RecordingController implements RtmpController {
    /** A media message with the name of the loop thread it arrived on. */
    public record Received(String streamName, MediaMessage media, String thread) {}

    public final BlockingQueue<Received> media = new LinkedBlockingQueue<>();
    public final BlockingQueue<Map<String, Object>> metadata = new LinkedBlockingQueue<>();
    public final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final Map<String, CopyOnWriteArrayList<NetStream>> players = new ConcurrentHashMap<>();

    @Override
    public void onOpen(RtmpSession session) {
        events.add("open");
    }

    @Override
    public void onClose(RtmpSession session, Throwable causeOrNull) {
        events.add("close");
    }

    @Override
    public void onPublish(RtmpSession session, PublishRequest request) {
        if (request.command().name().equals("forbidden")) {
            request.reject(Status.error(StatusCodes.PUBLISH_BAD_NAME, "not allowed"));
            return;
        }
        request.accept();
        events.add("publish " + request.command().name());
    }

    @Override
    public void onPlay(RtmpSession session, PlayRequest request) {
        request.accept();
        players.computeIfAbsent(request.command().name(), k -> new CopyOnWriteArrayList<>()).add(request.stream());
        events.add("play " + request.command().name());
    }

    @Override
    public void onUnpublish(RtmpSession session, NetStream stream) {
        events.add("unpublish " + stream.name());
        for (NetStream p : players.getOrDefault(stream.name(), new CopyOnWriteArrayList<>())) {
            p.session().sendStatus(p, Status.status(StatusCodes.PLAY_UNPUBLISH_NOTIFY, stream.name() + " is now unpublished"));
        }
    }

    @Override
    public void onStopPlay(RtmpSession session, NetStream stream) {
        players.getOrDefault(stream.name(), new CopyOnWriteArrayList<>()).remove(stream);
        events.add("stop " + stream.name());
    }

    @Override
    public void onMetadata(RtmpSession session, NetStream stream, DataMessage setDataFrame) {
        Map<String, Object> m = org.rtmp4j.flv.media.ScriptData.metadata(setDataFrame.values());
        metadata.add(m);
        for (NetStream p : players.getOrDefault(stream.name(), new CopyOnWriteArrayList<>())) {
            p.session().sendMetadata(p, m);
        }
    }

    @Override
    public void onMedia(RtmpSession session, NetStream stream, MediaMessage m) {
        media.add(new Received(stream.name(), m, Thread.currentThread().getName()));
        for (NetStream p : players.getOrDefault(stream.name(), new CopyOnWriteArrayList<>())) {
            p.session().sendMedia(p, m);
        }
    }

    /** Waits for an event that starts with {@code prefix}, skipping others. */
    public String awaitEvent(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            String e = events.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
            if (e != null && e.startsWith(prefix)) {
                return e;
            }
        }
        throw new AssertionError("no event " + prefix);
    }
}
