/**
 * Typed views and builders for RTMP commands (RTMP 1.0 §7.2; E-RTMP v2 connect extensions).
 *
 * <p>Each view record ({@link org.rtmp4j.core.command.Connect}, {@link
 * org.rtmp4j.core.command.Publish}, {@link org.rtmp4j.core.command.Play}, {@link
 * org.rtmp4j.core.command.DeleteStream}, ...) has a {@code static from(CommandMessage)} that reads a
 * decoded {@link org.rtmp4j.core.message.CommandMessage} and throws {@link
 * org.rtmp4j.core.RtmpProtocolException} when a required value is missing or has the wrong AMF type.
 * {@link org.rtmp4j.core.command.Commands} builds replies ({@code _result}, {@code _error}, {@code
 * onStatus}), client requests and data messages. Everything here is immutable or stateless and so
 * thread-safe.
 */
package org.rtmp4j.core.command;
