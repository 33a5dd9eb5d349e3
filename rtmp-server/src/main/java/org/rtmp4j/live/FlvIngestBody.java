package org.rtmp4j.live;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.rtmp4j.amf.AmfException;
import org.rtmp4j.amf.AmfLimits;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.VideoMessage;
import org.rtmp4j.flv.FlvDemuxer;
import org.rtmp4j.flv.FlvFormatException;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.media.ScriptData;
import org.rtmp4j.http.HttpBodyListener;
import org.rtmp4j.http.HttpExchange;
import org.rtmp4j.http.HttpHeaders;
import org.rtmp4j.http.HttpRequestException;

/**
 * The body of one HTTP-FLV ingest request ({@link HttpFlvIngest}): demuxes it incrementally and
 * publishes every tag through its {@link Ingest}; it is also the hub's {@link IngestSource} for it.
 * Bad FLV is thrown as {@link HttpRequestException} 400, which the HTTP connection answers (or
 * just closes, if the answer started), logs once with the peer, offset and reason, and closes.
 *
 * <p>Thread-safety: the body callbacks run on the connection's event loop; {@link #close()} (a
 * takeover) may come from any thread and is posted there.
 */
final class FlvIngestBody implements HttpBodyListener, IngestSource {
    /**
     * The RTMP message stream id the ingested messages carry (RTMP 1.0 §6.1.1); the hub sets each
     * output's own, so any non-zero value does.
     */
    private static final int MESSAGE_STREAM_ID = 1;

    private final HttpExchange exchange;
    private final StreamKey key;
    private final FlvDemuxer demuxer;
    private final String id;
    private final String query;
    private Ingest ingest;
    /** Set on the loop once the stream was taken over: the connection closes at the next bytes. */
    private boolean takenOver;
    /** Set on the loop once the body ended, failed or was aborted: a later takeover answers nothing. */
    private boolean finished;

    FlvIngestBody(HttpExchange exchange, StreamKey key, int maxTagSize, String id) {
        this.exchange = exchange;
        this.key = key;
        this.demuxer = new FlvDemuxer(maxTagSize, false);
        this.id = id;
        this.query = Queries.http(exchange.request());
    }

    void start(Ingest publishing) {
        this.ingest = publishing;
    }

    @Override
    public void onBody(ByteBuffer data) {
        if (takenOver) {
            throw new HttpRequestException(409, demuxer.offset(), key + " was taken over by another publisher");
        }
        try {
            demuxer.feed(data, this::publish);
        } catch (FlvFormatException e) {
            throw notFlv(e.offset(), e.getMessage());
        }
    }

    private void publish(FlvTag tag) {
        switch (tag.type()) {
            case AUDIO -> ingest.media(new AudioMessage(tag.timestamp(), MESSAGE_STREAM_ID, tag.body()));
            case VIDEO -> ingest.media(new VideoMessage(tag.timestamp(), MESSAGE_STREAM_ID, tag.body()));
            default -> {
                List<Object> values;
                try {
                    values = ScriptData.values(tag.type(), tag.body(), AmfLimits.DEFAULT);
                } catch (AmfException e) {
                    throw notFlv(demuxer.offset(), "script tag: " + e.getMessage());
                }
                int name = !values.isEmpty() && ScriptData.SET_DATA_FRAME.equals(values.get(0)) ? 1 : 0;
                if (values.size() > name && ScriptData.ON_META_DATA.equals(values.get(name))) {
                    Map<String, Object> metadata = ScriptData.metadata(values);
                    ingest.metadata(metadata);
                } // other script data (cue points) is not relayed, as for RTMP publishers
            }
        }
    }

    private HttpRequestException notFlv(long offset, String reason) {
        finished = true;
        ingest.close();
        return new HttpRequestException(400, offset, "FLV ingest of " + key + " is not FLV: " + reason);
    }

    @Override
    public void onEnd() {
        if (takenOver) {
            return;
        }
        try {
            demuxer.finish();
        } catch (FlvFormatException e) {
            throw notFlv(e.offset(), e.getMessage());
        }
        finished = true;
        ingest.close();
        exchange.respond(200, HttpHeaders.EMPTY, ByteBuffer.allocate(0));
    }

    @Override
    public void onAbort(String reason) {
        finished = true;
        ingest.close();
    }

    // ---------------------------------------------------------------- IngestSource

    @Override
    public String id() {
        return id;
    }

    @Override
    public String query() {
        return query;
    }

    @Override
    public String protocol() {
        return "http-flv";
    }

    @Override
    public SocketAddress remoteAddress() {
        return exchange.remoteAddress();
    }

    @Override
    public void close() {
        exchange.execute(() -> {
            if (!takenOver && !finished) {
                takenOver = true;
                HttpFlvIngest.answer(exchange, 409, key + " was taken over by another publisher");
            }
        });
    }

    @Override
    public String toString() {
        return id + "@" + exchange.remoteAddress();
    }

    /** The body of a refused ingest: the first bytes close the connection (the answer is already out). */
    record Refused(int status, String reason) implements HttpBodyListener {
        @Override
        public void onBody(ByteBuffer data) {
            throw new HttpRequestException(status, 0, "FLV ingest refused: " + reason);
        }
    }
}
