package org.rtmp4j.examples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.rtmp4j.amf.AmfException;
import org.rtmp4j.flv.FlvFormatException;
import org.rtmp4j.flv.FlvHeader;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.flv.codec.MediaInfo;
import org.rtmp4j.flv.codec.MediaInfoCollector;
import org.rtmp4j.flv.media.ScriptData;
import org.rtmp4j.flv.media.VideoTagHeader;

/**
 * What {@code flv-info} reports about an FLV file (FLV 10.1 Annex E, E-RTMP v2), read in one pass with
 * {@link FlvReader} and {@link MediaInfoCollector}.
 *
 * @param file the file as given
 * @param fileSize its length in bytes
 * @param version the header's version byte (1)
 * @param header the header's audio/video flags
 * @param dataOffset the header's DataOffset (9)
 * @param metadata the first {@code onMetaData}'s properties, or {@code null} if the file has none
 * @param metadataTagType the tag type of that {@code onMetaData} (18 AMF0, 15 AMF3), 0 if none
 * @param streams the streams' summary (the lowest track id for multitrack streams)
 * @param tracks per track id when a stream has a track other than 0 (E-RTMP v2, Multitrack); else empty
 * @param tagCounts tags by type: "audio", "video", "script" (18), "scriptAmf3" (15)
 * @param firstTimestampMs the smallest audio/video timestamp, -1 if none
 * @param lastTimestampMs the largest audio/video timestamp, -1 if none
 * @param keyframeCount video key frames (not sequence headers, not command frames)
 * @param keyframeTimesMs the timestamps of the first key frames, at most the requested number
 * @param damage where and why reading stopped early, or {@code null} for an intact file
 * @param mediaErrors tag headers or codec configuration records that could not be parsed (reading goes on)
 * @param firstMediaError the first such error's message, or {@code null}
 * @param previousTagSizeMismatches {@code PreviousTagSize} fields that did not match (ignored)
 */
record FlvInfo(
        Path file,
        long fileSize,
        int version,
        FlvHeader header,
        long dataOffset,
        Map<String, Object> metadata,
        int metadataTagType,
        MediaInfo streams,
        SortedMap<Integer, MediaInfo> tracks,
        Map<String, Long> tagCounts,
        long firstTimestampMs,
        long lastTimestampMs,
        long keyframeCount,
        List<Long> keyframeTimesMs,
        Damage damage,
        long mediaErrors,
        String firstMediaError,
        long previousTagSizeMismatches) {

    /**
     * Where an FLV file is damaged: the {@link FlvFormatException}'s offset and reason.
     *
     * @param offset the byte offset of the damage (for a truncated tag, the tag's first byte)
     * @param reason what is wrong
     */
    record Damage(long offset, String reason) {}

    /** Tag count keys, in report order. */
    static final List<String> TAG_KINDS = List.of("audio", "video", "script", "scriptAmf3");

    /**
     * Returns the total number of whole tags read.
     *
     * @return the sum of {@link #tagCounts()}
     */
    long tagCount() {
        return tagCounts.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Reads a whole file.
     *
     * @param file the FLV file
     * @param maxKeyframeTimes how many key frame times to keep (the count covers all)
     * @return the report; a file damaged after its header is reported through {@link #damage()}
     * @throws FlvFormatException if the file does not start with a whole FLV header
     * @throws IOException if the file cannot be read
     */
    static FlvInfo read(Path file, int maxKeyframeTimes) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(FlvHeader.SIZE);
        }
        Scan scan = new Scan(maxKeyframeTimes);
        FlvHeader header;
        long mismatches;
        try (FlvReader reader = FlvReader.open(file)) {
            header = reader.header();
            try {
                for (Optional<FlvTag> t = reader.next(); t.isPresent(); t = reader.next()) {
                    scan.accept(t.get());
                }
            } catch (FlvFormatException e) {
                scan.damage = new Damage(e.offset(), e.reason());
            }
            mismatches = reader.demuxer().previousTagSizeMismatches();
        }
        ByteBuffer h = ByteBuffer.wrap(head);
        SortedMap<Integer, MediaInfo> tracks = new TreeMap<>();
        if (scan.multitrack) {
            scan.tracks.forEach((id, c) -> tracks.put(id, c.mediaInfo()));
        }
        return new FlvInfo(file, Files.size(file), h.get(3) & 0xFF, header, h.getInt(5) & 0xFFFFFFFFL,
                scan.metadata, scan.metadataTagType, scan.collector.mediaInfo(), tracks, scan.counts,
                scan.firstTs, scan.lastTs, scan.keyframes, scan.keyframeTimes, scan.damage, scan.mediaErrors,
                scan.firstMediaError, mismatches);
    }

    /** The mutable state of one pass. */
    private static final class Scan {
        final int maxKeyframeTimes;
        final MediaInfoCollector collector = new MediaInfoCollector();
        final SortedMap<Integer, MediaInfoCollector> tracks = new TreeMap<>();
        final Map<String, Long> counts = new LinkedHashMap<>();
        final List<Long> keyframeTimes = new ArrayList<>();
        boolean multitrack;
        Map<String, Object> metadata;
        int metadataTagType;
        long firstTs = -1;
        long lastTs = -1;
        long keyframes;
        long mediaErrors;
        String firstMediaError;
        Damage damage;

        Scan(int maxKeyframeTimes) {
            this.maxKeyframeTimes = maxKeyframeTimes;
            TAG_KINDS.forEach(k -> counts.put(k, 0L));
        }

        void accept(FlvTag tag) {
            counts.merge(kind(tag.type()), 1L, Long::sum);
            if (tag.type().isScript()) {
                script(tag);
            } else {
                long ts = Integer.toUnsignedLong(tag.timestamp());
                firstTs = firstTs < 0 ? ts : Math.min(firstTs, ts);
                lastTs = Math.max(lastTs, ts);
            }
            try {
                if (tag.type() == FlvTagType.VIDEO) {
                    VideoTagHeader h = VideoTagHeader.parse(tag.body());
                    if (h.isKeyFrame() && !h.isSequenceHeader()) {
                        if (keyframes++ < maxKeyframeTimes) {
                            keyframeTimes.add(Integer.toUnsignedLong(tag.timestamp()));
                        }
                    }
                }
                collector.accept(tag);
            } catch (FlvFormatException | AmfException e) {
                mediaError(e);
            }
            perTrack(tag);
        }

        /**
         * Keeps one collector per track id seen; a new one gets the metadata and the tag that showed its track
         * (earlier tags did not carry that track).
         */
        private void perTrack(FlvTag tag) {
            TreeSet<Integer> ids = new TreeSet<>(collector.videoTrackIds());
            ids.addAll(collector.audioTrackIds());
            for (int id : ids) {
                tracks.computeIfAbsent(id, this::newTrack);
            }
            multitrack |= ids.size() > 1 || !ids.isEmpty() && ids.first() != 0;
            for (MediaInfoCollector c : tracks.values()) {
                try {
                    c.accept(tag);
                } catch (FlvFormatException | AmfException e) {
                    // already counted by the main collector
                }
            }
        }

        private MediaInfoCollector newTrack(int id) {
            MediaInfoCollector c = MediaInfoCollector.forTrack(id);
            if (metadata != null) {
                c.acceptMetadata(metadata);
            }
            return c;
        }

        private void script(FlvTag tag) {
            if (metadata != null) {
                return;
            }
            try {
                Map<String, Object> m = ScriptData.metadata(tag.type(), tag.body());
                if (!m.isEmpty()) {
                    metadata = m;
                    metadataTagType = tag.type().id();
                }
            } catch (AmfException e) {
                mediaError(e);
            }
        }

        private void mediaError(Exception e) {
            if (mediaErrors++ == 0) {
                firstMediaError = e.getMessage();
            }
        }

        private static String kind(FlvTagType type) {
            switch (type) {
                case AUDIO:
                    return "audio";
                case VIDEO:
                    return "video";
                case SCRIPT_AMF3:
                    return "scriptAmf3";
                default:
                    return "script";
            }
        }
    }
}
