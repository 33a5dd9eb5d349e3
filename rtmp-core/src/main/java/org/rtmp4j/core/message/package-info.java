/**
 * The typed RTMP message layer (RTMP 1.0 §5.4, §6.2, §7.1): the sealed {@link
 * org.rtmp4j.core.message.RtmpMessage} hierarchy of immutable records and {@link
 * org.rtmp4j.core.message.MessageCodec}, which converts them to and from the chunk layer's {@link
 * org.rtmp4j.core.chunk.RawMessage}.
 *
 * <p>Media payloads (audio type 8, video type 9) are read-only {@link java.nio.ByteBuffer}s shared
 * between the raw and typed forms and between every relayed copy; they are never copied. Command
 * and data bodies are AMF0 (AMF3-typed bodies are decoded as a 0x00 format byte plus AMF0 values).
 * Malformed bodies yield {@link org.rtmp4j.core.RtmpProtocolException}. Everything here is
 * immutable or stateless and so thread-safe.
 */
package org.rtmp4j.core.message;
