package org.rtmp4j.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.rtmp4j.core.message.DataMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.VideoMessage;
import org.rtmp4j.core.session.NetStream;
import org.rtmp4j.core.session.PublishRequest;
import org.rtmp4j.core.session.RtmpController;
import org.rtmp4j.core.session.RtmpSession;
import org.rtmp4j.flv.FlvHeader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.flv.FlvWriter;
import org.rtmp4j.server.RtmpServer;

/**
 * Records every published stream to {@code <dir>/<app>/<name>.flv} (pyrtmp's flvdump demo). The file is
 * opened at the stream's first metadata or media message, gets the {@code onMetaData} script tag and every
 * audio and video message as an FLV tag (payload and timestamp as published), and is closed on unpublish or
 * when the connection closes. Thread-safe: one instance serves all connections.
 */
public final class RecordToFlv implements RtmpController {
    private record Recording(Path path, FlvWriter writer) {}

    private final Path dir;
    private final Consumer<Path> onRecorded;
    private final Map<String, Recording> recordings = new ConcurrentHashMap<>();

    /** Records into {@code dir}. */
    public RecordToFlv(Path dir) {
        this(dir, path -> {});
    }

    /** Records into {@code dir} and hands each finished (closed) file to {@code onRecorded}. */
    public RecordToFlv(Path dir, Consumer<Path> onRecorded) {
        this.dir = dir;
        this.onRecorded = onRecorded;
    }

    /** Accepts a publish unless the app or stream name is not a safe file name (NetStream.Publish.BadName). */
    @Override
    public void onPublish(RtmpSession session, PublishRequest request) {
        if (SafeNames.isSafe(app(session)) && SafeNames.isSafe(request.command().name())) {
            request.accept();
        } else {
            request.reject("app and stream name must be plain file names");
        }
    }

    /** Writes {@code onMetaData} as an FLV script tag (FLV 10.1 §E.4.4). */
    @Override
    @SuppressWarnings("unchecked")
    public void onMetadata(RtmpSession session, NetStream stream, DataMessage data) {
        for (Object value : data.values()) {
            if (value instanceof Map<?, ?> metadata) {
                io(() -> recording(session, stream).writer().writeMetadata((Map<String, Object>) metadata));
                return;
            }
        }
    }

    /** Writes an audio or video message as an FLV tag with the same timestamp and body (FLV 10.1 §E.4.1). */
    @Override
    public void onMedia(RtmpSession session, NetStream stream, MediaMessage media) {
        FlvTagType type = media instanceof VideoMessage ? FlvTagType.VIDEO : FlvTagType.AUDIO;
        io(() -> recording(session, stream).writer().write(new FlvTag(type, media.timestamp(), media.payload())));
    }

    @Override
    public void onUnpublish(RtmpSession session, NetStream stream) {
        finish(key(session, stream));
    }

    @Override
    public void onClose(RtmpSession session, Throwable causeOrNull) {
        recordings.keySet().stream().filter(k -> k.startsWith(session.id() + "/")).toList().forEach(this::finish);
    }

    private Recording recording(RtmpSession session, NetStream stream) {
        return recordings.computeIfAbsent(key(session, stream), key -> {
            Path path = SafeNames.resolve(dir, app(session), stream.name() + ".flv");
            try {
                Files.createDirectories(path.getParent());
                return new Recording(path, FlvWriter.create(path, new FlvHeader(true, true)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private void finish(String key) {
        Recording done = recordings.remove(key);
        if (done != null) {
            io(done.writer()::close); // FlvWriter patches duration and filesize on close
            onRecorded.accept(done.path());
        }
    }

    private static String key(RtmpSession session, NetStream stream) {
        return session.id() + "/" + stream.id();
    }

    private static String app(RtmpSession session) {
        return session.connectCommand().map(c -> c.app()).orElse("");
    }

    private interface IoAction {
        void run() throws IOException;
    }

    /** An I/O failure in a callback closes that connection (the library logs it at WARN). */
    private static void io(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records every stream published to {@code rtmp://HOST:1935/<app>/<name>} into {@code args[0]}. */
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
