/**
 * FLV container muxing and demuxing (Adobe FLV 10.1, Annex E).
 *
 * <p>{@link org.rtmp4j.flv.FlvDemuxer} and {@link org.rtmp4j.flv.FlvMuxer} are sans-I/O: they
 * turn bytes into {@link org.rtmp4j.flv.FlvTag}s and back without touching channels or threads.
 * {@link org.rtmp4j.flv.FlvReader} and {@link org.rtmp4j.flv.FlvWriter} are small blocking
 * wrappers over NIO channels and files. Tag bodies are read-only {@link java.nio.ByteBuffer}s
 * that are shared, never copied, once a tag exists. Malformed input raises
 * {@link org.rtmp4j.flv.FlvFormatException}, whose message names the byte offset and the reason.
 *
 * <p>This package does not log. Tag bodies are opaque here; {@link org.rtmp4j.flv.media} parses
 * the audio and video tag headers (legacy and E-RTMP) and script data.
 */
package org.rtmp4j.flv;
