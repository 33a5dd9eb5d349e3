/**
 * Codec configuration records carried in FLV/RTMP sequence headers, and a per-stream
 * {@link org.rtmp4j.flv.codec.MediaInfo} summary built from them.
 *
 * <p>Video: {@link org.rtmp4j.flv.codec.AvcDecoderConfigurationRecord} with
 * {@link org.rtmp4j.flv.codec.H264Sps} (ISO/IEC 14496-15 §5.3.3.1, ITU-T H.264 §7.3.2.1.1),
 * {@link org.rtmp4j.flv.codec.HevcDecoderConfigurationRecord} with
 * {@link org.rtmp4j.flv.codec.HevcSps} (ISO/IEC 14496-15 §8.3.3.1, ITU-T H.265 §7.3.2.2),
 * {@link org.rtmp4j.flv.codec.Av1CodecConfigurationRecord} (AV1-ISOBMFF §2.3, AV1 §5.5) and
 * {@link org.rtmp4j.flv.codec.Vp9CodecConfiguration} (VP codec ISOBMFF binding, vpcC).
 * Audio: {@link org.rtmp4j.flv.codec.AacAudioSpecificConfig} (ISO/IEC 14496-3 §1.6.2.1),
 * {@link org.rtmp4j.flv.codec.OpusIdHeader} (RFC 7845 §5.1) and
 * {@link org.rtmp4j.flv.codec.FlacStreamInfo} (FLAC format, STREAMINFO).
 *
 * <p>Every parser reads the buffer it is given without moving its position, never allocates
 * more than the bytes actually present, and reports hostile or truncated input only as
 * {@link org.rtmp4j.flv.FlvFormatException} whose offset is 0-based within the given buffer.
 * Parsed records are immutable and thread-safe; {@link org.rtmp4j.flv.codec.MediaInfoCollector}
 * is not thread-safe.
 */
package org.rtmp4j.flv.codec;
