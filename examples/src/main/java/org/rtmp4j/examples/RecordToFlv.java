package org.rtmp4j.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.message.DataMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.VideoMessage;
import org.rtmp4j.core.session.NetStream;
import org.rtmp4j.core.session.PlayRequest;
import org.rtmp4j.core.session.PublishRequest;
import org.rtmp4j.core.session.RtmpController;
import org.rtmp4j.core.session.RtmpSession;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.flv.FlvWriter;
import org.rtmp4j.flv.media.ScriptData;
import org.rtmp4j.server.RtmpServer;

/**
 * Records every published stream under {@code <dir>/<app>/} (pyrtmp's flvdump demo): by default each publish
 * to its own {@code <name>-yyyyMMdd-HHmmss.flv} (UTC), so a reconnecting publisher never overwrites its
 * earlier recording; {@link RecordMode} also offers appending to or replacing {@code <name>.flv}. The file
 * opens at the stream's first metadata or media message, receives {@code onMetaData} and every audio and
 * video message as FLV tags (payloads as published; timestamps rebased to the stream's first audio/video
 * message and unwrapped across 2^32 by a {@code RecordingTimeline}, so a stream published at any timestamp
 * records from 0 with monotonic timestamps), and closes on unpublish. Thread-safe: one instance serves all
 * connections; the library calls each connection's callbacks one at a time.
 */
public final class RecordToFlv implements RtmpController {
    /** The description of a refused play. */
    static final String NO_PLAYBACK = "this server only records; it has no playback";

    private final Path dir;
    private final RecordMode mode;
    private final Clock clock;
    private final Map<String, Recording> recordings = new ConcurrentHashMap<>(); // "<session id>/<stream id>"
    private final Set<Path> busy = ConcurrentHashMap.newKeySet(); // <name>.flv files being appended or replaced

    /** Records into {@code dir} with unique file names ({@link RecordMode#UNIQUE}), creating {@code <dir>/<app>} as needed. */
    public RecordToFlv(Path dir) {
        this(dir, RecordMode.UNIQUE);
    }

    /** Records into {@code dir}; {@code mode} says what happens when a name is published again. */
    public RecordToFlv(Path dir, RecordMode mode) {
        this(dir, mode, Clock.systemUTC());
    }

    /** As {@link #RecordToFlv(Path, RecordMode)}, with {@code clock} giving the start times that name unique files. */
    RecordToFlv(Path dir, RecordMode mode, Clock clock) {
        this.dir = dir;
        this.mode = mode;
        this.clock = clock;
    }

    /**
     * Accepts a publish if app and stream name are plain file names; else rejects with
     * NetStream.Publish.BadName ("empty stream key" for a client given no key, as the live relay answers).
     */
    @Override
    public void onPublish(RtmpSession session, PublishRequest request) {
        if (request.name().isEmpty()) {
            request.rejectBadName("empty stream key");
        } else if (SafeNames.isSafeApp(session.app()) && SafeNames.isSafe(request.name())) {
            request.accept();
        } else {
            request.rejectBadName("app and stream name must be plain file names");
        }
    }

    /** A recorder has no playback: a play (RTMP 1.0 §7.2.2.1) gets NetStream.Play.Failed, not Play.Start and silence. */
    @Override
    public void onPlay(RtmpSession session, PlayRequest request) {
        request.reject(Status.error(StatusCodes.PLAY_FAILED, NO_PLAYBACK));
    }

    /** Writes {@code @setDataFrame onMetaData} as an FLV {@code onMetaData} script tag (FLV 10.1 §E.4.4.2). */
    @Override
    public void onMetadata(RtmpSession session, NetStream stream, DataMessage data) {
        Map<String, Object> metadata = ScriptData.metadata(data.values());
        if (!metadata.isEmpty()) {
            io(() -> recording(session, stream).metadata(metadata));
        }
    }

    /** Writes audio or video as an FLV tag with the message's payload and rebased timestamp (FLV 10.1 §E.4.1). */
    @Override
    public void onMedia(RtmpSession session, NetStream stream, MediaMessage media) {
        FlvTagType type = media instanceof VideoMessage ? FlvTagType.VIDEO : FlvTagType.AUDIO;
        io(() -> recording(session, stream).media(type, media.timestamp(), media.payload()));
    }

    /** Closes the stream's file; {@link FlvWriter#close()} patches its duration and file size. */
    @Override
    public void onUnpublish(RtmpSession session, NetStream stream) {
        Recording r = recordings.remove(session.id() + "/" + stream.id());
        if (r != null) {
            io(r::close);
        }
    }

    /** Closes whatever the connection left open (normally {@link #onUnpublish} already did). */
    @Override
    public void onClose(RtmpSession session, Throwable causeOrNull) {
        for (String key : recordings.keySet()) {
            Recording r = key.startsWith(session.id() + "/") ? recordings.remove(key) : null;
            if (r != null) {
                io(r::close);
            }
        }
    }

    private Recording recording(RtmpSession session, NetStream stream) throws IOException {
        String key = session.id() + "/" + stream.id();
        Recording r = recordings.get(key);
        if (r == null) {
            r = Recording.open(dir, session.app(), stream.name(), mode, clock.instant(),
                    Recording.DEFAULT_MAX_PENDING, busy);
            recordings.put(key, r);
        }
        return r;
    }

    private interface IoAction {
        void run() throws IOException;
    }

    /** An I/O error closes the publisher's connection; the library logs it at WARN. */
    private static void io(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records {@code rtmp://HOST:1935/<app>/<name>} into {@code args[0]} (default {@code recordings}). */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "recordings");
        RtmpServer server = RtmpServer.builder()
                .bind(new InetSocketAddress("0.0.0.0", 1935))
                .controller(new RecordToFlv(dir))
                .build()
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("Recording rtmp://HOST:" + server.port() + "/<app>/<name> into " + dir.toAbsolutePath());
    }
}
