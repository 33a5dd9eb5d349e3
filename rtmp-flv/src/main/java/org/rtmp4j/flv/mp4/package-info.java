/**
 * Fragmented MP4 (ISO/IEC 14496-12 §8.8 movie fragments; the CMAF structure of ISO/IEC 23000-19:
 * one init segment, then {@code moof}+{@code mdat} fragments) written from FLV tags, sans I/O, for
 * HLS (RFC 8216bis §3.1.2 fMP4 segments) and Media Source Extensions.
 *
 * <p>{@link org.rtmp4j.flv.mp4.Fmp4Muxer} takes the audio and video tags of one stream and
 * returns the init segment and {@link org.rtmp4j.flv.mp4.Fmp4Fragment}s; its limits are
 * {@link org.rtmp4j.flv.mp4.Fmp4Options}. Codecs: H.264 ({@code avc1}/{@code avcC}, ISO/IEC
 * 14496-15 §5.4), HEVC ({@code hvc1}/{@code hvcC}, ISO/IEC 14496-15 §8.4), AV1
 * ({@code av01}/{@code av1C}, AV1 Codec ISO Media File Format Binding §2), VP9
 * ({@code vp09}/{@code vpcC}, VP Codec ISO Media File Format Binding §2), AAC
 * ({@code mp4a}/{@code esds}, ISO/IEC 14496-14 §3.3) and Opus ({@code Opus}/{@code dOps},
 * Encapsulation of Opus in ISO Base Media File Format §4.3), from the configuration records of
 * {@code org.rtmp4j.flv.codec}.
 */
package org.rtmp4j.flv.mp4;
