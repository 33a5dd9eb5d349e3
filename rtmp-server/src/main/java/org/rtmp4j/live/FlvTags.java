package org.rtmp4j.live;

import java.nio.ByteBuffer;
import java.util.Map;
import org.rtmp4j.flv.FlvHeader;
import org.rtmp4j.flv.FlvMuxer;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.flv.media.ScriptData;

/**
 * FLV bytes for the hub's FLV outputs, each built into one contiguous read-only buffer that every
 * output shares (FLV 10.1 §E.2, §E.3, §E.4.1). Stateless.
 */
final class FlvTags {
    private static final FlvMuxer MUXER = new FlvMuxer();

    private FlvTags() {}

    /**
     * @param tag the tag; its body is copied once into the result
     * @return tag header, body and PreviousTagSize in one direct read-only buffer
     */
    static ByteBuffer encode(FlvTag tag) {
        ByteBuffer[] parts = MUXER.encode(tag);
        int length = 0;
        for (ByteBuffer p : parts) {
            length += p.remaining();
        }
        ByteBuffer out = ByteBuffer.allocateDirect(length);
        for (ByteBuffer p : parts) {
            out.put(p);
        }
        return out.flip().asReadOnlyBuffer();
    }

    /**
     * @param metadata the stream's {@code onMetaData} values
     * @return a script tag (type 18, AMF0 {@code onMetaData}, timestamp 0)
     */
    static ByteBuffer metadata(Map<String, Object> metadata) {
        return encode(new FlvTag(FlvTagType.SCRIPT, 0, ScriptData.encodeOnMetaData(metadata)));
    }

    /**
     * @param hasAudio whether the stream has audio (flag 0x04)
     * @param hasVideo whether the stream has video (flag 0x01)
     * @return the 9-byte FLV header followed by PreviousTagSize0, read-only
     */
    static ByteBuffer header(boolean hasAudio, boolean hasVideo) {
        return MUXER.header(new FlvHeader(hasAudio, hasVideo)).asReadOnlyBuffer();
    }
}
