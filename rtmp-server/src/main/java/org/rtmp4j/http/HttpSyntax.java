package org.rtmp4j.http;

/** Character classes of RFC 9110 §5.6.2 (token) and §5.5 (field values). */
final class HttpSyntax {
    static final byte CR = '\r';
    static final byte LF = '\n';
    private static final boolean[] TCHAR = new boolean[256];

    static {
        for (int c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (int c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[c - 32] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
    }

    private HttpSyntax() {}

    /** @return whether {@code b} may appear in a token (RFC 9110 §5.6.2) */
    static boolean isTchar(int b) {
        return TCHAR[b & 0xFF];
    }

    /** @return whether the string is a non-empty token */
    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0xFF || !isTchar(c)) {
                return false;
            }
        }
        return true;
    }

    /** @return whether {@code b} may appear inside a field value: VCHAR, obs-text, SP, HTAB */
    static boolean isFieldChar(int b) {
        int c = b & 0xFF;
        return c == ' ' || c == '\t' || (c > 0x20 && c != 0x7F);
    }

    /** @return whether {@code b} is SP or HTAB (RFC 9110 §5.6.3 OWS) */
    static boolean isWhitespace(int b) {
        return b == ' ' || b == '\t';
    }

    /** @return the value of a hex digit, or -1 */
    static int hexValue(int b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
