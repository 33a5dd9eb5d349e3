/**
 * TLS for the listeners and the clients (DESIGN-NOTES.md, "TLS (issue 16 §1)"): {@link
 * org.rtmp4j.tls.TlsContext} (a server certificate from PEM files or a PKCS12 key store, reloaded
 * when the files change), {@link org.rtmp4j.tls.PemFiles} (the PEM parser, RFC 7468) and {@link
 * org.rtmp4j.tls.TlsTrust} (what a client trusts: the JDK's trust store, given certificates or a
 * SHA-256 pin). The record layer itself runs on the event loops with the JDK's {@code SSLEngine}.
 */
package org.rtmp4j.tls;
