/**
 * Typed views and builders for RTMP commands (RTMP 1.0 §7.2; E-RTMP v2 connect extensions).
 *
 * <p>Each view record ({@link org.rtmp4j.core.command.Connect}, {@link
 * org.rtmp4j.core.command.Publish}, {@link org.rtmp4j.core.command.Play}, {@link
 * org.rtmp4j.core.command.DeleteStream}, ...) has a {@code static from(CommandMessage)} that reads a
 * decoded {@link org.rtmp4j.core.message.CommandMessage} and throws {@link
 * org.rtmp4j.core.RtmpProtocolException} when a required value is missing or has the wrong AMF type.
 * {@link org.rtmp4j.core.command.Commands} builds replies ({@code _result}, {@code _error}, {@code
 * onStatus}, {@code onFCPublish}, ...), client requests and data messages, in AMF0 (type 20) or,
 * for connections with {@code objectEncoding} 3, AMF3 (type 17). Views also accept AMF3 command
 * messages whose values follow AVM+ switches (AMF3 objects, arrays and integers). {@link
 * org.rtmp4j.core.command.EnhancedCapabilities} reads and writes the E-RTMP v2 {@code fourCcList},
 * FourCC info maps and {@code capsEx} of connect and its {@code _result}; {@link
 * org.rtmp4j.core.command.ReconnectRequest} reads and writes the E-RTMP v2 Reconnect Request info
 * object and resolves its {@code tcUrl}; {@link
 * org.rtmp4j.core.command.Call} covers any other method. Everything here is immutable or stateless
 * and so thread-safe.
 */
package org.rtmp4j.core.command;
