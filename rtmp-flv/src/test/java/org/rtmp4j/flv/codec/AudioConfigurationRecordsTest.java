package org.rtmp4j.flv.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rtmp4j.flv.codec.CodecTestSupport.assertOnlyFormatExceptions;
import static org.rtmp4j.flv.codec.CodecTestSupport.hex;

import org.junit.jupiter.api.Test;
import org.rtmp4j.flv.FlvFormatException;

class AudioConfigurationRecordsTest {

    /** The OpusHead of the shared av1-opus-enhanced-testsrc.flv: mono, pre-skip 312, 48 kHz. */
    static final String OPUS_HEAD = "4f707573486561640101380180bb00000000" + "00";
    /** fLaC + STREAMINFO: blocks 4096, 48 kHz, 2 channels, 16 bits, 4800 samples. */
    static final String FLAC = "664c6143800000221000100000000e0011aa0bb802f0000012c0"
            + "00000000000000000000000000000000";

    @Test
    void aacLcAt44100StereoFromTheClassicTwoBytes() throws FlvFormatException {
        AacAudioSpecificConfig asc = AacAudioSpecificConfig.parse(hex("1210"));
        assertThat(asc.audioObjectType()).isEqualTo(2);
        assertThat(asc.samplingFrequency()).isEqualTo(44100);
        assertThat(asc.channelConfiguration()).isEqualTo(2);
        assertThat(asc.channels()).isEqualTo(2);
        assertThat(asc.outputSampleRate()).isEqualTo(44100);
    }

    @Test
    void aacExplicitSamplingFrequencyIsRead() throws FlvFormatException {
        AacAudioSpecificConfig asc = AacAudioSpecificConfig.parse(hex("178061a808"));
        assertThat(asc.audioObjectType()).isEqualTo(2);
        assertThat(asc.samplingFrequency()).isEqualTo(50000);
        assertThat(asc.channels()).isEqualTo(1);
    }

    @Test
    void aacEscapedObjectTypeIsThirtyTwoPlusSixBits() throws FlvFormatException {
        AacAudioSpecificConfig asc = AacAudioSpecificConfig.parse(hex("f94640"));
        assertThat(asc.audioObjectType()).isEqualTo(42);
        assertThat(asc.samplingFrequency()).isEqualTo(48000);
        assertThat(asc.channels()).isEqualTo(2);
    }

    @Test
    void heAacExplicitSbrReportsTheExtensionRate() throws FlvFormatException {
        AacAudioSpecificConfig asc = AacAudioSpecificConfig.parse(hex("2b1188"));
        assertThat(asc.extensionObjectType()).isEqualTo(5);
        assertThat(asc.audioObjectType()).isEqualTo(2);
        assertThat(asc.samplingFrequency()).isEqualTo(24000);
        assertThat(asc.outputSampleRate()).isEqualTo(48000);
    }

    @Test
    void aacReservedFrequencyIndexAndNullObjectAreRejected() {
        assertThatThrownBy(() -> AacAudioSpecificConfig.parse(hex("1690")))
                .isInstanceOf(FlvFormatException.class)
                .hasMessageContaining("reserved samplingFrequencyIndex 13");
        assertThatThrownBy(() -> AacAudioSpecificConfig.parse(hex("0010")))
                .isInstanceOf(FlvFormatException.class).hasMessageContaining("audioObjectType 0");
        assertOnlyFormatExceptions(hex("178061a808"), AacAudioSpecificConfig::parse, true);
    }

    @Test
    void opusIdHeaderOfTheSharedFile() throws FlvFormatException {
        OpusIdHeader h = OpusIdHeader.parse(hex(OPUS_HEAD));
        assertThat(h.version()).isEqualTo(1);
        assertThat(h.channels()).isEqualTo(1);
        assertThat(h.preSkip()).isEqualTo(312);
        assertThat(h.inputSampleRate()).isEqualTo(48000);
        assertThat(h.outputGain()).isZero();
        assertThat(h.streamCount()).isEqualTo(1);
        assertThat(h.coupledCount()).isZero();
    }

    @Test
    void opusIdHeaderWithMappingFamilyOneReadsTheTable() throws FlvFormatException {
        // 6 channels (5.1), family 1, 4 streams, 2 coupled, mapping 0 4 1 2 3 5; gain -256
        OpusIdHeader h = OpusIdHeader.parse(
                hex("4f707573486561640106380180bb000000ff01040200040102030" + "5"));
        assertThat(h.channels()).isEqualTo(6);
        assertThat(h.outputGain()).isEqualTo(-256);
        assertThat(h.mappingFamily()).isEqualTo(1);
        assertThat(h.streamCount()).isEqualTo(4);
        assertThat(h.coupledCount()).isEqualTo(2);
    }

    @Test
    void opusIdHeaderRejectsBadMagicAndTruncation() {
        assertThatThrownBy(() -> OpusIdHeader.parse(hex("4f707573546167730101380180bb0000000000")))
                .isInstanceOf(FlvFormatException.class).hasMessageContaining("OpusHead");
        assertOnlyFormatExceptions(hex(OPUS_HEAD), OpusIdHeader::parse, true);
    }

    @Test
    void flacStreamInfoFields() throws FlvFormatException {
        FlacStreamInfo si = FlacStreamInfo.parse(hex(FLAC));
        assertThat(si.minBlockSize()).isEqualTo(4096);
        assertThat(si.maxBlockSize()).isEqualTo(4096);
        assertThat(si.sampleRate()).isEqualTo(48000);
        assertThat(si.channels()).isEqualTo(2);
        assertThat(si.bitsPerSample()).isEqualTo(16);
        assertThat(si.totalSamples()).isEqualTo(4800);
    }

    @Test
    void flacRejectsNonStreamInfoFirstBlockAndTruncation() {
        assertThatThrownBy(() -> FlacStreamInfo.parse(hex("664c614304000022")))
                .isInstanceOfSatisfying(FlvFormatException.class,
                        e -> assertThat(e.offset()).isEqualTo(4));
        assertOnlyFormatExceptions(hex(FLAC), FlacStreamInfo::parse, true);
    }
}
