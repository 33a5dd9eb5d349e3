package org.rtmp4j.hls;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The delivery directives of one playlist request (RFC 8216bis §6.2.5): {@code _HLS_msn=M} and
 * {@code _HLS_part=N} ask for a blocking playlist reload (§6.2.5.2), {@code _HLS_skip=YES|v2} for a
 * playlist delta update (§6.2.5.1). Immutable.
 *
 * @param msn the Media Sequence Number to wait for ({@code _HLS_msn}), if any
 * @param part the Part Index to wait for in that segment ({@code _HLS_part}); only with {@code msn}
 * @param skip whether a delta update was asked for ({@code _HLS_skip=YES} or {@code v2}; this server
 *     has no date ranges, so {@code v2} means the same as {@code YES})
 */
public record BlockingRequest(OptionalLong msn, OptionalInt part, boolean skip) {
    /** A request with no directive: answer at once with the whole playlist. */
    public static final BlockingRequest NONE = new BlockingRequest(OptionalLong.empty(), OptionalInt.empty(), false);

    private static final String MSN = "_HLS_msn";
    private static final String PART = "_HLS_part";
    private static final String SKIP = "_HLS_skip";

    /**
     * @throws NullPointerException if an optional is null
     * @throws IllegalArgumentException if {@code part} is present without {@code msn}, or a value is negative
     */
    public BlockingRequest {
        if (msn.isEmpty() && part.isPresent()) {
            throw new IllegalArgumentException("_HLS_part without _HLS_msn");
        }
        if (msn.isPresent() && msn.getAsLong() < 0 || part.isPresent() && part.getAsInt() < 0) {
            throw new IllegalArgumentException("negative _HLS_msn or _HLS_part");
        }
    }

    /** @return whether the request blocks ({@code _HLS_msn} present) */
    public boolean blocking() {
        return msn.isPresent();
    }

    /**
     * Reads the directives from a request's raw query ({@code a=b&c=d}, not percent-decoded). Other
     * parameters are ignored: the {@code hls_ctx} session token, cache busters, empty ones
     * ({@code a&&b}) and {@code _HLS_} names this version of the spec does not define (they are reserved
     * for future directives, RFC 8216bis §6.2.5, so a newer client must not be refused). Names and values are matched literally and
     * case-sensitively: clients send them unencoded.
     *
     * @param rawQuery the query without its {@code ?}; null or empty means no directive
     * @return the directives
     * @throws HlsRequestException status 400 with the offset of the offending parameter when a
     *     directive appears twice, has no value, {@code _HLS_msn} is not a decimal-integer of at most 2^63-1,
     *     {@code _HLS_part} not one of at most 2^31-1, {@code _HLS_skip} not {@code YES} or {@code v2},
     *     or {@code _HLS_part} comes without {@code _HLS_msn} (RFC 8216bis §6.2.5.2: MUST be 400)
     */
    public static BlockingRequest parse(String rawQuery) throws HlsRequestException {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return NONE;
        }
        long msn = -1;
        int part = -1;
        int partOffset = -1;
        boolean skip = false;
        boolean skipSeen = false;
        int start = 0;
        int n = rawQuery.length();
        while (start <= n) {
            int end = rawQuery.indexOf('&', start);
            if (end < 0) {
                end = n;
            }
            int eq = rawQuery.indexOf('=', start);
            if (eq < 0 || eq > end) {
                eq = end;
            }
            String name = rawQuery.substring(start, eq);
            if (name.equals(MSN) || name.equals(PART) || name.equals(SKIP)) {
                if (eq == end) {
                    throw bad(start, name + " without a value");
                }
                int valueAt = eq + 1;
                switch (name) {
                    case MSN -> {
                        if (msn >= 0) {
                            throw bad(start, "_HLS_msn repeated");
                        }
                        msn = decimal(rawQuery, valueAt, end, Long.MAX_VALUE, MSN);
                    }
                    case PART -> {
                        if (part >= 0) {
                            throw bad(start, "_HLS_part repeated");
                        }
                        part = (int) decimal(rawQuery, valueAt, end, Integer.MAX_VALUE, PART);
                        partOffset = start;
                    }
                    case SKIP -> {
                        if (skipSeen) {
                            throw bad(start, "_HLS_skip repeated");
                        }
                        skipSeen = true;
                        String v = rawQuery.substring(valueAt, end);
                        if (!v.equals("YES") && !v.equals("v2")) {
                            throw bad(valueAt, "_HLS_skip must be YES or v2");
                        }
                        skip = true;
                    }
                    default -> throw new AssertionError(name);
                }
            }
            start = end + 1;
        }
        if (part >= 0 && msn < 0) {
            throw bad(partOffset, "_HLS_part without _HLS_msn");
        }
        return new BlockingRequest(msn < 0 ? OptionalLong.empty() : OptionalLong.of(msn),
                part < 0 ? OptionalInt.empty() : OptionalInt.of(part), skip);
    }

    /**
     * @return the directives as a query string ({@code _HLS_msn=M&_HLS_part=N&_HLS_skip=YES}, each
     *     only if present), empty for {@link #NONE}; {@link #parse(String)} reads it back to an equal record
     */
    public String toQuery() {
        StringBuilder b = new StringBuilder();
        if (msn.isPresent()) {
            b.append(MSN).append('=').append(msn.getAsLong());
        }
        if (part.isPresent()) {
            b.append('&').append(PART).append('=').append(part.getAsInt());
        }
        if (skip) {
            b.append(b.length() == 0 ? "" : "&").append(SKIP).append("=YES");
        }
        return b.toString();
    }

    /** RFC 8216bis §4.2 decimal-integer: 1 to 20 digits, here bounded by {@code max}. */
    private static long decimal(String s, int from, int to, long max, String name) throws HlsRequestException {
        if (from == to) {
            throw bad(from, name + " has an empty value");
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw bad(i, name + " must be a decimal-integer");
            }
            int digit = c - '0';
            if (value > (max - digit) / 10) {
                throw bad(from, name + " exceeds " + max);
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static HlsRequestException bad(int offset, String reason) {
        return new HlsRequestException(400, offset, reason);
    }
}
