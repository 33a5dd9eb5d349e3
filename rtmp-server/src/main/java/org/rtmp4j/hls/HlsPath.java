package org.rtmp4j.hls;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rtmp4j.live.StreamKey;

/**
 * The HLS URL shapes served by {@link HlsHandler} (RFC 8216bis §4, §6.2.2):
 *
 * <ul>
 *   <li>{@code /APP/KEY.m3u8}: the media playlist;</li>
 *   <li>{@code /APP/KEY/INST/init-V.mp4}: the fMP4 init segment of init version {@code V}
 *       ({@code EXT-X-MAP});</li>
 *   <li>{@code /APP/KEY/INST/seg-MSN.m4s} or {@code .ts}: the media segment with media sequence
 *       number {@code MSN};</li>
 *   <li>{@code /APP/KEY/INST/part-MSN-P.m4s} or {@code .ts}: partial segment {@code P} (from 0) of
 *       segment {@code MSN} (LL-HLS, {@code EXT-X-PART}).</li>
 * </ul>
 *
 * <p>{@code INST} names one instance of the stream's muxer (lower-case base-36, made from the clock
 * when it starts, unique per process start and key): a stream that stops and starts again numbers its
 * segments from 0 under a new {@code INST}, so a URI never names two different contents and a CDN may
 * cache every segment as immutable. APP and KEY are one segment each, of {@code A-Z a-z 0-9 . _ ~ -}
 * not starting with {@code .} (as {@link org.rtmp4j.http.FlvStreamPath}); numbers are decimal, at
 * most 18 digits for MSN and 9 for V and P (longer never matches: 404, not an overflow).
 *
 * @param app the application name
 * @param key the stream key
 * @param type what the path names
 * @param instance the muxer instance, {@code ""} for {@link Type#PLAYLIST}
 * @param number the init version for {@link Type#INIT}, the MSN for segments and parts, else 0
 * @param part the part index for {@link Type#PART}, else -1
 * @param ts whether a segment or part has the {@code .ts} extension (MPEG-TS) rather than {@code .m4s}
 */
public record HlsPath(String app, String key, Type type, String instance, long number, int part, boolean ts) {
    private static final String NAME = "([A-Za-z0-9_~-][A-Za-z0-9._~-]*)";
    private static final Pattern PLAYLIST = Pattern.compile("/" + NAME + "/" + NAME + "\\.m3u8");
    private static final Pattern RESOURCE = Pattern.compile("/" + NAME + "/" + NAME + "/([0-9a-z]{1,16})/"
            + "(?:init-([0-9]{1,9})\\.mp4|seg-([0-9]{1,18})\\.(m4s|ts)|part-([0-9]{1,18})-([0-9]{1,9})\\.(m4s|ts))");

    /** What an {@link HlsPath} names. */
    public enum Type {
        /** {@code /APP/KEY.m3u8} */
        PLAYLIST,
        /** {@code /APP/KEY/INST/init-V.mp4} */
        INIT,
        /** {@code /APP/KEY/INST/seg-MSN.m4s|ts} */
        SEGMENT,
        /** {@code /APP/KEY/INST/part-MSN-P.m4s|ts} */
        PART
    }

    /**
     * @throws NullPointerException if a string or {@code type} is null
     */
    public HlsPath {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(instance, "instance");
    }

    /**
     * @param path a request path without query ({@link org.rtmp4j.http.HttpRequestHead#path()})
     * @return what it names, or empty if it has none of the shapes
     */
    public static Optional<HlsPath> parse(String path) {
        Matcher m = PLAYLIST.matcher(path);
        if (m.matches()) {
            return Optional.of(new HlsPath(m.group(1), m.group(2), Type.PLAYLIST, "", 0, -1, false));
        }
        m = RESOURCE.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        String app = m.group(1);
        String key = m.group(2);
        String inst = m.group(3);
        if (m.group(4) != null) {
            return Optional.of(new HlsPath(app, key, Type.INIT, inst, Integer.parseInt(m.group(4)), -1, false));
        }
        if (m.group(5) != null) {
            return Optional.of(new HlsPath(app, key, Type.SEGMENT, inst, Long.parseLong(m.group(5)), -1,
                    m.group(6).equals("ts")));
        }
        return Optional.of(new HlsPath(app, key, Type.PART, inst, Long.parseLong(m.group(7)),
                Integer.parseInt(m.group(8)), m.group(9).equals("ts")));
    }

    /**
     * @param path a request path without query
     * @return whether {@link #parse} accepts it (a route predicate)
     */
    public static boolean matches(String path) {
        return PLAYLIST.matcher(path).matches() || RESOURCE.matcher(path).matches();
    }

    /** @return the stream this path belongs to */
    public StreamKey streamKey() {
        return new StreamKey(app, key);
    }

    /**
     * @param version the init version
     * @return the init segment's file name, {@code init-V.mp4}
     */
    public static String initName(int version) {
        return "init-" + version + ".mp4";
    }

    /**
     * @param msn the media sequence number
     * @param ts whether MPEG-TS
     * @return the segment's file name, {@code seg-MSN.m4s} or {@code seg-MSN.ts}
     */
    public static String segmentName(long msn, boolean ts) {
        return "seg-" + msn + (ts ? ".ts" : ".m4s");
    }

    /**
     * @param msn the media sequence number of the segment the part belongs to
     * @param part the part index within it, from 0
     * @param ts whether MPEG-TS
     * @return the part's file name, {@code part-MSN-P.m4s} or {@code .ts}
     */
    public static String partName(long msn, int part, boolean ts) {
        return "part-" + msn + "-" + part + (ts ? ".ts" : ".m4s");
    }
}
