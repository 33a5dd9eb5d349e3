/**
 * A sans-I/O MPEG-2 transport stream muxer (ISO/IEC 13818-1) for HLS: H.264 or HEVC video and
 * AAC audio from FLV tags, in 188-byte packets. {@link org.rtmp4j.flv.ts.TsMuxer} is the entry
 * point, {@link org.rtmp4j.flv.ts.TsMuxerOptions} its settings.
 */
package org.rtmp4j.flv.ts;
