package org.rtmp4j.examples;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rtmp4j.amf.AmfDate;
import org.rtmp4j.flv.codec.MediaInfo;

/** Renders a {@link FlvInfo} as text lines or as one JSON object (the same facts either way). Stateless. */
final class FlvInfoReport {
    /** Lists and arrays longer than this are summarised in the text form ("[N values]"). */
    private static final int TEXT_LIST_LIMIT = 8;
    /** Strings longer than this are cut in the text form. */
    private static final int TEXT_STRING_LIMIT = 80;

    private FlvInfoReport() {}

    /** Prints the text form, one fact per line with a 12-column label. */
    static void printText(FlvInfo info, PrintWriter out) {
        line(out, "file", info.file() + " (" + info.fileSize() + " bytes)");
        line(out, "header", "FLV version " + info.version() + ", flags " + flags(info) + ", DataOffset "
                + info.dataOffset());
        if (info.metadata() == null) {
            line(out, "metadata", "none");
        } else {
            line(out, "metadata", "onMetaData in tag type " + info.metadataTagType()
                    + (info.metadataTagType() == 15 ? " (AMF3)" : " (AMF0)") + ", " + info.metadata().size()
                    + " properties");
            info.metadata().forEach((k, v) -> out.printf(Locale.ROOT, "  %-22s %s%s%n", k, brief(v), fourCc(k, v)));
        }
        line(out, "video", info.streams().videoCodec() == null ? "none" : video(info.streams()));
        line(out, "audio", info.streams().audioCodec() == null ? "none" : audio(info.streams()));
        info.tracks().forEach((id, t) -> line(out, "track " + id, "video "
                + (t.videoCodec() == null ? "none" : video(t)) + "; audio "
                + (t.audioCodec() == null ? "none" : audio(t))));
        Map<String, Long> c = info.tagCounts();
        line(out, "tags", info.tagCount() + " (audio " + c.get("audio") + ", video " + c.get("video")
                + ", script " + c.get("script") + ", script AMF3 " + c.get("scriptAmf3") + ")");
        line(out, "timestamps", info.firstTimestampMs() < 0 ? "no audio or video"
                : info.firstTimestampMs() + " .. " + info.lastTimestampMs() + " ms");
        String times = info.keyframeTimesMs().toString().replaceAll("[\\[\\]]", "");
        line(out, "keyframes", info.keyframeCount() + (info.keyframeTimesMs().isEmpty() ? ""
                : info.keyframeTimesMs().size() < info.keyframeCount()
                        ? " (first " + info.keyframeTimesMs().size() + " at " + times + " ms)"
                        : " (at " + times + " ms)"));
        if (info.mediaErrors() > 0) {
            line(out, "tag errors", info.mediaErrors() + " (first: " + info.firstMediaError() + ")");
        }
        if (info.previousTagSizeMismatches() > 0) {
            line(out, "back-pointers", info.previousTagSizeMismatches() + " PreviousTagSize mismatches");
        }
        line(out, "damage", info.damage() == null ? "none"
                : "at offset " + info.damage().offset() + ": " + info.damage().reason());
    }

    /** Builds the JSON object's content (see the README for its keys). */
    static Map<String, Object> jsonMap(FlvInfo info) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", info.file().toString());
        m.put("fileSize", info.fileSize());
        m.put("header", map("version", info.version(), "audio", info.header().hasAudio(),
                "video", info.header().hasVideo(), "dataOffset", info.dataOffset()));
        m.put("metadata", info.metadata() == null ? null : jsonValue(info.metadata()));
        m.put("metadataTagType", info.metadataTagType() == 0 ? null : info.metadataTagType());
        m.put("streams", streams(info.streams()));
        List<Object> tracks = new ArrayList<>();
        info.tracks().forEach((id, t) -> {
            Map<String, Object> track = map("trackId", id);
            track.putAll(streams(t));
            tracks.add(track);
        });
        m.put("tracks", tracks);
        Map<String, Object> tags = map("total", info.tagCount());
        tags.putAll(info.tagCounts());
        m.put("tags", tags);
        m.put("timestamps", info.firstTimestampMs() < 0 ? null
                : map("firstMs", info.firstTimestampMs(), "lastMs", info.lastTimestampMs()));
        m.put("keyframes", map("count", info.keyframeCount(), "timesMs", info.keyframeTimesMs()));
        m.put("damage", info.damage() == null ? null
                : map("offset", info.damage().offset(), "reason", info.damage().reason()));
        m.put("tagErrors", map("count", info.mediaErrors(), "first", info.firstMediaError()));
        m.put("previousTagSizeMismatches", info.previousTagSizeMismatches());
        return m;
    }

    private static Map<String, Object> streams(MediaInfo s) {
        Map<String, Object> video = s.videoCodec() == null ? null : map("codec", s.videoCodec(),
                "width", s.width(), "height", s.height(), "frameRate", s.hasFrameRate() ? s.frameRate() : null);
        Map<String, Object> audio = s.audioCodec() == null ? null : map("codec", s.audioCodec(),
                "sampleRate", s.sampleRate(), "channels", s.channels());
        return map("video", video, "audio", audio);
    }

    /**
     * Metadata values for JSON: AMF dates as ISO-8601 strings, maps without {@linkplain #isPadding padding},
     * everything else as {@link Json} writes it.
     */
    private static Object jsonValue(Object v) {
        if (v instanceof AmfDate) {
            return java.time.Instant.ofEpochMilli((long) ((AmfDate) v).epochMillis()).toString();
        }
        if (v instanceof Map) {
            Map<String, Object> m = new LinkedHashMap<>();
            ((Map<?, ?>) v).forEach((k, x) -> {
                if (!isPadding(k, x)) {
                    m.put(String.valueOf(k), jsonValue(x));
                }
            });
            return m;
        }
        if (v instanceof List) {
            List<Object> l = new ArrayList<>();
            ((List<?>) v).forEach(x -> l.add(jsonValue(x)));
            return l;
        }
        return v;
    }

    private static String video(MediaInfo s) {
        return s.videoCodec() + (s.width() > 0 ? " " + s.width() + "x" + s.height() : "")
                + (s.hasFrameRate() ? " " + new java.math.BigDecimal(s.frameRate())
                        .setScale(3, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString() + " fps" : "");
    }

    private static String audio(MediaInfo s) {
        return s.audioCodec() + (s.sampleRate() > 0 ? " " + s.sampleRate() + " Hz" : "")
                + (s.channels() > 0 ? " " + s.channels() + (s.channels() == 1 ? " channel" : " channels") : "");
    }

    private static String flags(FlvInfo info) {
        boolean a = info.header().hasAudio();
        boolean v = info.header().hasVideo();
        return a && v ? "audio+video" : a ? "audio" : v ? "video" : "none";
    }

    /** A metadata value on one line: long lists as their size, maps with their values shortened. */
    private static String brief(Object v) {
        if (v instanceof List) {
            List<?> l = (List<?>) v;
            if (l.size() > TEXT_LIST_LIMIT) {
                return "[" + l.size() + " values]";
            }
            List<String> parts = new ArrayList<>();
            l.forEach(x -> parts.add(brief(x)));
            return "[" + String.join(", ", parts) + "]";
        }
        if (v instanceof Map) {
            List<String> parts = new ArrayList<>();
            ((Map<?, ?>) v).forEach((k, x) -> {
                if (!isPadding(k, x)) {
                    parts.add(k + ": " + brief(x));
                }
            });
            return "{" + String.join(", ", parts) + "}";
        }
        if (v instanceof String && ((String) v).length() > TEXT_STRING_LIMIT) {
            return ((String) v).substring(0, TEXT_STRING_LIMIT) + "... (" + ((String) v).length() + " characters)";
        }
        if (v instanceof AmfDate) {
            return jsonValue(v).toString();
        }
        if (v instanceof Double) {
            double d = (Double) v;
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : v.toString();
        }
        return String.valueOf(v);
    }

    /** For {@code videocodecid}/{@code audiocodecid} holding an E-RTMP FourCC as a number: " ('av01')". */
    private static String fourCc(String key, Object v) {
        if ((key.equals("videocodecid") || key.equals("audiocodecid")) && v instanceof Number) {
            long id = ((Number) v).longValue();
            if (id > 0xFFFFFF && id <= 0xFFFFFFFFL) {
                char[] c = {(char) (id >>> 24), (char) ((id >>> 16) & 0xFF), (char) ((id >>> 8) & 0xFF), (char) (id & 0xFF)};
                return " ('" + new String(c) + "')";
            }
        }
        return "";
    }

    /**
     * The blank {@code _padNNNN} strings with which a {@code keyframes} object reserves room to be rewritten in
     * place (as {@code FlvWriter} writes it): space, not data, so the report leaves them out.
     */
    private static boolean isPadding(Object key, Object value) {
        return String.valueOf(key).matches("_pad\\d{4}") && value instanceof String && ((String) value).isBlank();
    }

    private static void line(PrintWriter out, String label, String text) {
        out.printf(Locale.ROOT, "%-12s %s%n", label, text);
    }

    private static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
