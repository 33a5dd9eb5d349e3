package org.rtmp4j.flv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Map;
import org.rtmp4j.amf.AmfException;
import org.rtmp4j.flv.media.Amf3ScriptData;
import org.rtmp4j.flv.media.ScriptData;
import org.rtmp4j.flv.media.VideoTagHeader;

/**
 * One pass over an existing FLV file before {@link FlvWriter#append}: finds the end of the last
 * whole tag, the timestamps, the video key frames and the patchable fields of the first
 * {@code onMetaData}. Not thread-safe.
 */
final class FlvRecordingScan {

    FlvHeader header;
    /** File offset just after the last whole tag's data, or -1 when there is no tag. */
    long lastTagEnd = -1;
    /** Size (11 + DataSize) of the last whole tag. */
    int lastTagSize;
    /** Offset of the damage, or -1 when the file is intact. */
    long damageOffset = -1;
    /** The damage reason, or null. */
    String damage;
    long minTimestamp = Long.MAX_VALUE;
    long maxTimestamp = Long.MIN_VALUE;
    long durationPosition = -1;
    long filesizePosition = -1;
    long keyframesPosition = -1;
    int keyframesRegionSize;
    boolean metadataFound;
    final KeyframeIndex keyframes = new KeyframeIndex();

    private FlvDemuxer demuxer;

    /**
     * Scans the channel from position 0.
     *
     * @param channel the file
     * @param source the file name for messages
     * @return the scan
     * @throws FlvFormatException if the file does not start with a whole FLV header
     * @throws IOException if reading fails
     */
    static FlvRecordingScan scan(FileChannel channel, String source) throws IOException {
        FlvRecordingScan s = new FlvRecordingScan();
        s.demuxer = new FlvDemuxer();
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        long pos = 0;
        try {
            while (true) {
                buf.clear();
                int n = channel.read(buf, pos);
                if (n < 0) {
                    s.demuxer.finish();
                    break;
                }
                pos += n;
                buf.flip();
                s.demuxer.feed(buf, s::onTag);
            }
        } catch (FlvFormatException e) {
            if (s.demuxer.header().isEmpty()) {
                throw e.withSource(source);
            }
            s.damageOffset = e.offset();
            s.damage = e.reason();
        }
        s.header = s.demuxer.header().orElseThrow();
        return s;
    }

    private void onTag(FlvTag tag) {
        long end = demuxer.offset();
        long start = end - tag.tagSize();
        lastTagEnd = end;
        lastTagSize = tag.tagSize();
        long ts = Integer.toUnsignedLong(tag.timestamp());
        if (tag.type().isScript()) {
            if (!metadataFound) {
                metadata(tag, start + FlvTag.HEADER_SIZE);
            }
            return;
        }
        minTimestamp = Math.min(minTimestamp, ts);
        maxTimestamp = Math.max(maxTimestamp, ts);
        if (tag.type() == FlvTagType.VIDEO && FlvWriter.isIndexedKeyFrame(tag)) {
            keyframes.add(ts, start);
        }
    }

    private void metadata(FlvTag tag, long bodyStart) {
        try {
            FlvTagType type = tag.type();
            Map<String, Object> m = ScriptData.metadata(type, tag.body());
            if (m.isEmpty()) {
                return;
            }
            metadataFound = true;
            int d = ScriptData.numberOffset(type, tag.body(), "duration");
            int f = ScriptData.numberOffset(type, tag.body(), "filesize");
            durationPosition = d < 0 ? -1 : bodyStart + d;
            filesizePosition = f < 0 ? -1 : bodyStart + f;
            int[] k = keyframesSpan(type, tag.body());
            if (k != null && KeyframeIndex.capacity(k[1] - k[0]) >= 0) {
                keyframesPosition = bodyStart + k[0];
                keyframesRegionSize = k[1] - k[0];
            }
        } catch (AmfException e) {
            // unreadable metadata: nothing to patch
        }
    }

    /** The AMF0 {@code keyframes} object's span; in a type-15 tag only when it is plain AMF0. */
    private static int[] keyframesSpan(FlvTagType type, ByteBuffer body) {
        if (type == FlvTagType.SCRIPT) {
            return ScriptData.valueSpan(body, "keyframes");
        }
        Amf3ScriptData.Span span = Amf3ScriptData.valueSpan(body, "keyframes");
        return span == null || span.amf3() ? null : new int[] {span.start(), span.end()};
    }
}
