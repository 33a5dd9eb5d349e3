/**
 * Media understanding of FLV tag bodies, which are also RTMP audio, video and data message
 * payloads: {@link org.rtmp4j.flv.media.VideoTagHeader} and
 * {@link org.rtmp4j.flv.media.AudioTagHeader} parse the legacy tag headers (FLV 10.1 §E.4.2.1,
 * §E.4.3.1) and the E-RTMP ExHeaders (E-RTMP v2, Enhanced Audio / Enhanced Video: FourCC,
 * packet types, ModEx, Multitrack); {@link org.rtmp4j.flv.media.Multitrack} iterates the
 * tracks of a multitrack body (E-RTMP v2, Multitrack); {@link org.rtmp4j.flv.media.VideoMetadata}
 * and {@link org.rtmp4j.flv.media.ColorInfo} decode video {@code Metadata} packets (E-RTMP v2,
 * Metadata Frame); {@link org.rtmp4j.flv.media.ScriptData} handles {@code onMetaData}
 * (FLV 10.1 §E.5).
 *
 * <p>Parsers never move the position of the buffer they are given and never copy the payload.
 * Too-short or unrecognised headers raise {@link org.rtmp4j.flv.FlvFormatException} with an
 * offset 0-based within the tag body. Everything here is stateless or immutable and thread-safe.
 */
package org.rtmp4j.flv.media;
