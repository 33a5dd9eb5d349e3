/**
 * The sans-I/O session engines and the controller API (RTMP 1.0 §7.2, §7.3).
 *
 * <p>{@link org.rtmp4j.core.session.ServerConnection} and {@link org.rtmp4j.core.session.ClientConnection}
 * run the handshake, the chunk stream and the message layer over a {@link
 * org.rtmp4j.core.session.Transport}; the server engine performs everything the protocol mandates
 * (acknowledgements, pings, chunk sizes, message stream ids, status replies) and asks an {@link
 * org.rtmp4j.core.session.RtmpController} only for decisions and media. Engines are confined to one
 * thread; the {@link org.rtmp4j.core.session.RtmpSession} and request methods marshal to it.
 */
package org.rtmp4j.core.session;
