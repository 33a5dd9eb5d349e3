package org.rtmp4j.server.rtmpt;

import org.rtmp4j.http.HttpRequestException;

/**
 * One RTMPT request path, parsed: {@code /open/1}, {@code /send/ID/SEQ}, {@code /idle/ID/SEQ},
 * {@code /close/ID/SEQ} or {@code /fcs/ident2} (the RTMPT shape that Flash Player, librtmp, ffmpeg and Red5
 * share; there is no published specification). Immutable.
 *
 * @param command what the request asks
 * @param sessionId the session id, or {@code null} for {@link Command#OPEN} and {@link Command#IDENT}
 * @param sequence the request's sequence number (0 to 2^32-1), or -1 for {@link Command#OPEN} and
 *     {@link Command#IDENT}
 */
public record RtmptRequest(Command command, String sessionId, long sequence) {
    /** Longest session id accepted, in characters (ids this server makes have 32). */
    public static final int MAX_ID_LENGTH = 64;
    private static final long MAX_SEQUENCE = 0xFFFF_FFFFL;

    /** What an RTMPT request asks. */
    public enum Command {
        /** {@code POST /open/1}: a new session; its one body byte is padding. */
        OPEN("open"),
        /** {@code POST /send/ID/SEQ}: the body is RTMP bytes ({@code application/x-fcs}). */
        SEND("send"),
        /** {@code POST /idle/ID/SEQ}: a poll; its one body byte is padding. */
        IDLE("idle"),
        /** {@code POST /close/ID/SEQ}: the client ends the session. */
        CLOSE("close"),
        /** {@code /fcs/ident2}: Flash Player's probe, answered 404 as Red5 and FMS do. */
        IDENT("fcs");

        private final String word;

        Command(String word) {
            this.word = word;
        }
    }

    /**
     * Whether a path is RTMPT's (its first segment is {@code open}, {@code send}, {@code idle} or
     * {@code close}, or it is {@code /fcs/ident2}), whether or not the rest is well formed. Any thread.
     *
     * @param path a request path without query
     * @return whether {@link #parse} should see it
     */
    public static boolean matches(String path) {
        if ("/fcs/ident2".equals(path)) {
            return true;
        }
        for (Command c : Command.values()) {
            if (c != Command.IDENT && path.length() > c.word.length() + 1 && path.charAt(0) == '/'
                    && path.startsWith(c.word, 1) && path.charAt(c.word.length() + 1) == '/') {
                return true;
            }
        }
        return false;
    }

    /**
     * Parses a path that {@link #matches} accepted.
     *
     * @param path the request path without query
     * @return the request
     * @throws HttpRequestException 400 with the offset in the path and the reason when the id or the
     *     sequence number is malformed (id: 1 to {@value #MAX_ID_LENGTH} of {@code A-Z a-z 0-9 - _};
     *     sequence: decimal, at most 2^32-1), {@code /open/} is not {@code /open/1}, or the path is not RTMPT's
     */
    public static RtmptRequest parse(String path) {
        if ("/fcs/ident2".equals(path)) {
            return new RtmptRequest(Command.IDENT, null, -1);
        }
        if ("/open/1".equals(path)) {
            return new RtmptRequest(Command.OPEN, null, -1);
        }
        for (Command c : Command.values()) {
            if (c == Command.IDENT || !matches(path) || !path.startsWith(c.word, 1)
                    || path.charAt(c.word.length() + 1) != '/') {
                continue;
            }
            if (c == Command.OPEN) {
                throw new HttpRequestException(400, 6, "RTMPT open must be /open/1");
            }
            int idStart = c.word.length() + 2;
            int slash = path.indexOf('/', idStart);
            if (slash < 0) {
                throw new HttpRequestException(400, path.length(), "RTMPT " + c.word + " without a sequence number");
            }
            String id = id(path, idStart, slash);
            return new RtmptRequest(c, id, sequence(path, slash + 1));
        }
        throw new HttpRequestException(400, 0, "not an RTMPT path");
    }

    private static String id(String path, int from, int to) {
        if (to == from || to - from > MAX_ID_LENGTH) {
            throw new HttpRequestException(400, from, "RTMPT session id must have 1 to " + MAX_ID_LENGTH
                    + " characters, has " + (to - from));
        }
        for (int i = from; i < to; i++) {
            char ch = path.charAt(i);
            if (!(ch >= 'A' && ch <= 'Z' || ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '-'
                    || ch == '_')) {
                throw new HttpRequestException(400, i, "RTMPT session id has a character outside A-Z a-z 0-9 - _");
            }
        }
        return path.substring(from, to);
    }

    private static long sequence(String path, int from) {
        if (from == path.length() || path.length() - from > 10) {
            throw new HttpRequestException(400, from, "RTMPT sequence number must have 1 to 10 digits");
        }
        long n = 0;
        for (int i = from; i < path.length(); i++) {
            char ch = path.charAt(i);
            if (ch < '0' || ch > '9') {
                throw new HttpRequestException(400, i, "RTMPT sequence number is not decimal");
            }
            n = n * 10 + (ch - '0');
        }
        if (n > MAX_SEQUENCE) {
            throw new HttpRequestException(400, from, "RTMPT sequence number over 2^32-1: " + n);
        }
        return n;
    }
}
