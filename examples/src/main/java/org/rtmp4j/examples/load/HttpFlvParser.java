package org.rtmp4j.examples.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * Parses an HTTP-FLV response as it arrives: the HTTP/1.1 status line and header fields (RFC 9112
 * §4, §5), the chunked transfer coding if the response uses it (RFC 9112 §7.1; otherwise the body
 * runs to the end of the connection), then the FLV header, tags and PreviousTagSize fields (FLV
 * 10.1 §E.2, §E.3). Payloads are not copied: of each tag body only the first {@link #HEAD_BYTES}
 * bytes are kept (enough for a video tag header and a {@link SyntheticVideo} send time), the rest
 * is skipped in place. Thread-safety: not thread-safe; one connection's loop thread feeds it.
 */
final class HttpFlvParser {
    /** Bytes of each tag body handed to {@link TagListener#onTag}. */
    static final int HEAD_BYTES = 32;
    /** Largest response head (status line and header fields) accepted, in bytes. */
    static final int MAX_HEAD_BYTES = 16 * 1024;
    private static final int FLV_HEADER = 9;
    private static final int TAG_HEADER = 11;
    private static final int PREVIOUS_TAG_SIZE = 4;

    /** Receives each complete tag. */
    interface TagListener {
        /**
         * @param type FLV tag type (8 audio, 9 video, 18 script data)
         * @param timestamp tag timestamp in ms (with its extension byte)
         * @param head the first bytes of the tag body (at most {@link #HEAD_BYTES}), valid during the call
         */
        void onTag(int type, int timestamp, ByteBuffer head);
    }

    private enum State { HTTP_HEAD, CHUNK_SIZE, CHUNK_DATA, CHUNK_CRLF, DONE }

    private enum FlvState { HEADER, SKIP_TO_BODY, TAG_HEADER, TAG_BODY, PREVIOUS_SIZE }

    private final TagListener listener;
    private final StringBuilder head = new StringBuilder();
    private State state = State.HTTP_HEAD;
    private boolean chunked;
    private long chunkLeft;
    private final StringBuilder chunkLine = new StringBuilder();
    private int crlfLeft;
    private long offset;
    private long bodyOffset;

    private FlvState flv = FlvState.HEADER;
    private final byte[] fixed = new byte[TAG_HEADER];
    private int fixedFill;
    private long skipLeft;
    private final ByteBuffer tagHead = ByteBuffer.allocate(HEAD_BYTES);
    private int tagType;
    private int tagTimestamp;
    private int tagLeft;

    /** @param listener gets every complete tag */
    HttpFlvParser(TagListener listener) {
        this.listener = listener;
    }

    /**
     * Feeds the next bytes of the connection.
     *
     * @param data from position to limit; consumed entirely
     * @throws IOException with the byte offset (counted from the response's first byte) and the reason when the
     *     response is not a 200 HTTP-FLV response or its framing is malformed
     */
    void feed(ByteBuffer data) throws IOException {
        while (data.hasRemaining()) {
            switch (state) {
                case HTTP_HEAD -> readHead(data);
                case CHUNK_SIZE -> readChunkSize(data);
                case CHUNK_DATA -> {
                    int n = (int) Math.min(chunkLeft, data.remaining());
                    body(data, n);
                    chunkLeft -= n;
                    if (chunkLeft == 0) {
                        state = State.CHUNK_CRLF;
                        crlfLeft = 2;
                    }
                }
                case CHUNK_CRLF -> {
                    byte b = data.get();
                    offset++;
                    if (b != (crlfLeft == 2 ? '\r' : '\n')) {
                        throw error("chunk data not followed by CRLF");
                    }
                    if (--crlfLeft == 0) {
                        state = State.CHUNK_SIZE;
                    }
                }
                case DONE -> {
                    offset += data.remaining();
                    data.position(data.limit());
                }
            }
        }
    }

    /** @return whether the chunked body ended with its last chunk */
    boolean ended() {
        return state == State.DONE;
    }

    private void readHead(ByteBuffer data) throws IOException {
        while (data.hasRemaining()) {
            char c = (char) (data.get() & 0xFF);
            offset++;
            head.append(c);
            if (head.length() > MAX_HEAD_BYTES) {
                throw error("response head longer than " + MAX_HEAD_BYTES + " bytes");
            }
            int n = head.length();
            if (c == '\n' && n >= 4 && head.charAt(n - 2) == '\r' && head.charAt(n - 3) == '\n' && head.charAt(n - 4) == '\r') {
                parseHead(head.toString());
                bodyOffset = offset;
                state = chunked ? State.CHUNK_SIZE : State.CHUNK_DATA;
                chunkLeft = chunked ? 0 : Long.MAX_VALUE;
                return;
            }
        }
    }

    private void parseHead(String text) throws IOException {
        String[] lines = text.split("\r\n");
        String status = lines[0];
        if (!status.startsWith("HTTP/1.") || status.length() < 12 || !status.startsWith("200", 9)) {
            throw error("not a 200 response: " + status);
        }
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).trim().equalsIgnoreCase("transfer-encoding")) {
                chunked = lines[i].substring(colon + 1).toLowerCase(Locale.ROOT).contains("chunked");
            }
        }
    }

    private void readChunkSize(ByteBuffer data) throws IOException {
        while (data.hasRemaining()) {
            byte b = data.get();
            offset++;
            if (b != '\n') {
                if (chunkLine.length() > 1024) {
                    throw error("chunk size line longer than 1024 bytes");
                }
                chunkLine.append((char) (b & 0xFF));
                continue;
            }
            String line = chunkLine.toString();
            chunkLine.setLength(0);
            int end = line.indexOf(';');
            String hex = (end < 0 ? line : line.substring(0, end)).trim();
            try {
                chunkLeft = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw error("bad chunk size '" + hex + "'");
            }
            if (chunkLeft < 0) {
                throw error("negative chunk size " + hex);
            }
            state = chunkLeft == 0 ? State.DONE : State.CHUNK_DATA;
            return;
        }
    }

    /** Consumes {@code n} body bytes of {@code data} as FLV. */
    private void body(ByteBuffer data, int n) throws IOException {
        int end = data.position() + n;
        while (data.position() < end) {
            int avail = end - data.position();
            switch (flv) {
                case HEADER -> {
                    if (fill(data, avail, FLV_HEADER)) {
                        if (fixed[0] != 'F' || fixed[1] != 'L' || fixed[2] != 'V') {
                            throw error("body does not start with an FLV header");
                        }
                        long dataOffset = ((fixed[5] & 0xFFL) << 24) | ((fixed[6] & 0xFF) << 16) | ((fixed[7] & 0xFF) << 8) | (fixed[8] & 0xFF);
                        if (dataOffset < FLV_HEADER) {
                            throw error("FLV DataOffset " + dataOffset + " < 9");
                        }
                        skipLeft = dataOffset - FLV_HEADER + PREVIOUS_TAG_SIZE;
                        flv = FlvState.SKIP_TO_BODY;
                    }
                }
                case SKIP_TO_BODY, PREVIOUS_SIZE -> {
                    int k = (int) Math.min(skipLeft, avail);
                    skip(data, k);
                    skipLeft -= k;
                    if (skipLeft == 0) {
                        flv = FlvState.TAG_HEADER;
                    }
                }
                case TAG_HEADER -> {
                    if (fill(data, avail, TAG_HEADER)) {
                        tagType = fixed[0] & 0x1F;
                        tagLeft = ((fixed[1] & 0xFF) << 16) | ((fixed[2] & 0xFF) << 8) | (fixed[3] & 0xFF);
                        tagTimestamp = ((fixed[7] & 0xFF) << 24) | ((fixed[4] & 0xFF) << 16) | ((fixed[5] & 0xFF) << 8)
                                | (fixed[6] & 0xFF);
                        tagHead.clear();
                        flv = FlvState.TAG_BODY;
                        if (tagLeft == 0) {
                            endTag();
                        }
                    }
                }
                case TAG_BODY -> {
                    int k = Math.min(tagLeft, avail);
                    int keep = Math.min(k, tagHead.remaining());
                    for (int i = 0; i < keep; i++) {
                        tagHead.put(data.get(data.position() + i));
                    }
                    skip(data, k);
                    tagLeft -= k;
                    if (tagLeft == 0) {
                        endTag();
                    }
                }
            }
        }
    }

    private void endTag() {
        tagHead.flip();
        listener.onTag(tagType, tagTimestamp, tagHead);
        skipLeft = PREVIOUS_TAG_SIZE;
        flv = FlvState.PREVIOUS_SIZE;
    }

    /** Copies up to {@code want - fixedFill} bytes into {@link #fixed}; @return whether it holds {@code want} bytes. */
    private boolean fill(ByteBuffer data, int avail, int want) {
        int k = Math.min(avail, want - fixedFill);
        data.get(fixed, fixedFill, k);
        fixedFill += k;
        offset += k;
        if (fixedFill < want) {
            return false;
        }
        fixedFill = 0;
        return true;
    }

    private void skip(ByteBuffer data, int k) {
        data.position(data.position() + k);
        offset += k;
    }

    private IOException error(String reason) {
        return new IOException("HTTP-FLV response at byte " + offset + (bodyOffset > 0 ? " (body from byte " + bodyOffset + ")" : "")
                + ": " + reason);
    }
}
