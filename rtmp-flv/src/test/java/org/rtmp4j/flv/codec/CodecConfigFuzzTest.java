package org.rtmp4j.flv.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.rtmp4j.flv.FlvFormatException;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;

/**
 * Fuzzes the codec configuration parsers: AVC and HEVC decoder configuration records with their
 * SPS (ISO/IEC 14496-15), the AV1 codec configuration record with its sequence header, the VP9
 * codec configuration and frame header, the AAC AudioSpecificConfig (ISO/IEC 14496-3), the Opus ID header and the
 * FLAC STREAMINFO (E-RTMP v1/v2), and {@link MediaInfoCollector} fed a sequence of tag bodies. The
 * only failure allowed is {@link FlvFormatException}, and no parser may move its input's position.
 *
 * <p>Regression inputs: {@code src/test/resources/org/rtmp4j/flv/codec/CodecConfigFuzzTestInputs/
 * parseConfiguration/} and {@code .../collectMediaInfo/}.
 */
class CodecConfigFuzzTest {
    /** Parser ids, chosen by the first input byte modulo their count. */
    private static final String[] PARSERS = {"avcC", "hvcC", "av1C", "vpcC", "aacAsc", "opus", "flac", "h264Sps", "hevcSps", "vp9Frame"};

    /** Input layout: byte 0 selects the parser (modulo 10), the rest is its input. */
    @FuzzTest
    void parseConfiguration(byte[] data) {
        if (data.length == 0) {
            return;
        }
        String parser = PARSERS[(data[0] & 0xFF) % PARSERS.length];
        ByteBuffer in = ByteBuffer.wrap(data, 1, data.length - 1).slice().asReadOnlyBuffer();
        try {
            Object parsed = parse(parser, in);
            assertThat(parsed).isNotNull();
            assertThat(parsed.toString()).isNotNull();
        } catch (FlvFormatException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
        assertThat(in.position()).isZero();
    }

    private static Object parse(String parser, ByteBuffer in) throws FlvFormatException {
        switch (parser) {
            case "avcC":
                return AvcDecoderConfigurationRecord.parse(in);
            case "hvcC":
                HevcDecoderConfigurationRecord h = HevcDecoderConfigurationRecord.parse(in);
                h.frameRate();
                return h;
            case "av1C":
                return Av1CodecConfigurationRecord.parse(in);
            case "vpcC":
                return Vp9CodecConfiguration.parse(in);
            case "aacAsc":
                AacAudioSpecificConfig a = AacAudioSpecificConfig.parse(in);
                a.outputSampleRate();
                a.channels();
                return a;
            case "opus":
                return OpusIdHeader.parse(in);
            case "flac":
                return FlacStreamInfo.parse(in);
            case "h264Sps":
                H264Sps s = H264Sps.parse(in);
                s.level();
                return s;
            case "vp9Frame":
                return Vp9FrameHeader.parse(in);
            default:
                return HevcSps.parse(in);
        }
    }

    /**
     * Input layout: a sequence of tags, each one byte (low two bits: 0 video, 1 audio, otherwise
     * script), a one-byte length, then that many body bytes (fewer at the end of the input). A tag
     * that fails leaves the collector usable; {@link MediaInfoCollector#mediaInfo()} never throws.
     */
    @FuzzTest
    void collectMediaInfo(byte[] data) {
        MediaInfoCollector collector = new MediaInfoCollector();
        int at = 0;
        while (at + 2 <= data.length) {
            int kind = data[at] & 0x03;
            int length = Math.min(data[at + 1] & 0xFF, data.length - at - 2);
            byte[] body = Arrays.copyOfRange(data, at + 2, at + 2 + length);
            at += 2 + length;
            FlvTagType type = kind == 0 ? FlvTagType.VIDEO : kind == 1 ? FlvTagType.AUDIO : FlvTagType.SCRIPT;
            try {
                collector.accept(new FlvTag(type, 0, ByteBuffer.wrap(body)));
            } catch (FlvFormatException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
            assertThat(collector.mediaInfo()).isNotNull();
        }
    }
}
