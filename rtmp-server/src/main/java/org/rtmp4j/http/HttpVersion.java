package org.rtmp4j.http;

/** The protocol versions the parser accepts (RFC 9112 §2.3); others get 505. */
public enum HttpVersion {
    /** HTTP/1.0: the connection closes after each request unless it asks for keep-alive. */
    HTTP_1_0("HTTP/1.0"),
    /** HTTP/1.1: persistent connections by default (RFC 9112 §9.3). */
    HTTP_1_1("HTTP/1.1");

    private final String text;

    HttpVersion(String text) {
        this.text = text;
    }

    /** @return the version as written on the wire, e.g. {@code HTTP/1.1} */
    public String text() {
        return text;
    }
}
