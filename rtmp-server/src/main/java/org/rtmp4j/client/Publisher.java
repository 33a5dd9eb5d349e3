package org.rtmp4j.client;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rtmp4j.amf.Amf0;
import org.rtmp4j.core.message.AmfEncoding;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.DataMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.VideoMessage;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.media.ScriptData;

/**
 * A stream this client publishes ({@link RtmpClient#publish(String)}). Sends go out synchronously
 * on the caller's thread. Thread-safe; {@link #close()} is idempotent.
 */
public final class Publisher implements AutoCloseable, RtmpClient.NetStreamHandle {
    private final RtmpClient client;
    private final int streamId;
    private final String name;
    private final AtomicBoolean closed = new AtomicBoolean();

    Publisher(RtmpClient client, int streamId, String name) {
        this.client = client;
        this.streamId = streamId;
        this.name = name;
    }

    /** @return the message stream id the server allocated */
    public int streamId() {
        return streamId;
    }

    /** @return the published name */
    public String name() {
        return name;
    }

    /**
     * Sends an audio or video message (RTMP 1.0 §7.1.4, §7.1.5); its stream id is replaced by
     * {@link #streamId()}. The payload is not copied.
     *
     * @param media audio or video; timestamp in ms
     * @throws IllegalStateException if this publisher or the client is closed
     */
    public void send(MediaMessage media) {
        ensureOpen();
        client.run(() -> client.engine().sendMedia(streamId, media));
    }

    /**
     * Sends an FLV tag (FLV 10.1 §E.4): audio and video tags as audio/video messages with the
     * tag's timestamp in ms; a script tag {@code onMetaData} as {@code @setDataFrame} metadata, any
     * other script tag as an AMF0 data message with its decoded values.
     *
     * @param tag the tag; its body is sent without copying
     * @throws org.rtmp4j.amf.AmfException if a script tag body is malformed AMF0
     * @throws IllegalStateException if this publisher or the client is closed
     */
    public void send(FlvTag tag) {
        switch (tag.type()) {
            case AUDIO:
                send(new AudioMessage(tag.timestamp(), streamId, tag.body()));
                break;
            case VIDEO:
                send(new VideoMessage(tag.timestamp(), streamId, tag.body()));
                break;
            default:
                Map<String, Object> metadata = ScriptData.metadata(tag.body());
                if (!metadata.isEmpty()) {
                    sendMetadata(metadata);
                } else {
                    List<Object> values = Amf0.decode(tag.body().duplicate());
                    ensureOpen();
                    client.run(() -> client.engine()
                            .send(new DataMessage(tag.timestamp(), streamId, AmfEncoding.AMF0, values)));
                }
                break;
        }
    }

    /**
     * Sends {@code @setDataFrame, onMetaData, metadata} (the RTMP form of the FLV {@code onMetaData}
     * script tag).
     *
     * @param metadata the properties, e.g. {@code width}, {@code videocodecid}
     * @throws IllegalStateException if this publisher or the client is closed
     */
    public void sendMetadata(Map<String, Object> metadata) {
        ensureOpen();
        client.run(() -> client.engine().sendMetadata(streamId, metadata));
    }

    /** Stops publishing: {@code FCUnpublish} and {@code deleteStream}. Idempotent. */
    @Override
    public void close() {
        closeStream();
    }

    /** Same as {@link #close()}. */
    @Override
    public void closeStream() {
        if (closed.compareAndSet(false, true)) {
            client.streamClosed(this, streamId);
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("publisher of " + name + " is closed");
        }
    }

    @Override
    public String toString() {
        return "Publisher[" + name + ", stream " + streamId + "]";
    }
}
