package org.rtmp4j.flv.codec;

import java.nio.ByteBuffer;
import org.rtmp4j.flv.FlvFormatException;

/**
 * AudioSpecificConfig (ISO/IEC 14496-3 §1.6.2.1), the body of an AAC sequence header (legacy
 * AACPacketType 0 or E-RTMP {@code SequenceStart} for {@code mp4a}).
 *
 * <p>Layout (bits): audioObjectType UB[5], or 31 followed by UB[6] giving 32 + value;
 * samplingFrequencyIndex UB[4], or 0xF followed by samplingFrequency UB[24];
 * channelConfiguration UB[4]. For explicit SBR/PS signalling (object type 5 or 29) the
 * extension sampling frequency (same coding) and the core audioObjectType follow. Immutable.
 *
 * @param audioObjectType the (core) object type: 2 AAC-LC, 1 Main, 3 SSR, 4 LTP, ...
 * @param samplingFrequency the core sampling frequency in Hz
 * @param channelConfiguration 0 (defined in the PCE), 1 mono, 2 stereo, ... 7 = 7.1
 * @param extensionObjectType 5 (SBR, HE-AAC) or 29 (PS, HE-AAC v2) when signalled, else 0
 * @param extensionSamplingFrequency the SBR output frequency in Hz, or 0
 */
public record AacAudioSpecificConfig(int audioObjectType, int samplingFrequency,
        int channelConfiguration, int extensionObjectType, int extensionSamplingFrequency) {

    private static final String WHAT = "AudioSpecificConfig";

    private static final int[] FREQUENCIES = {
        96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350
    };

    /**
     * Parses the leading fields.
     *
     * @param config the AudioSpecificConfig bytes; position kept
     * @return the fields
     * @throws FlvFormatException if truncated, the object type is 0, or the sampling frequency
     *     index is reserved (13, 14); offsets are within {@code config}
     */
    public static AacAudioSpecificConfig parse(ByteBuffer config) throws FlvFormatException {
        byte[] b = new byte[Math.min(config.remaining(), 16)];
        config.duplicate().get(b);
        BitReader r = new BitReader(b, WHAT);
        int objectType = objectType(r);
        int frequency = frequency(r);
        int channels = r.u(4);
        int extType = 0;
        int extFrequency = 0;
        if (objectType == 5 || objectType == 29) {
            extType = objectType;
            extFrequency = frequency(r);
            objectType = objectType(r);
        }
        return new AacAudioSpecificConfig(objectType, frequency, channels, extType, extFrequency);
    }

    private static int objectType(BitReader r) throws FlvFormatException {
        long at = r.byteOffset();
        int t = r.u(5);
        if (t == 31) {
            t = 32 + r.u(6);
        }
        if (t == 0) {
            throw new FlvFormatException(at, WHAT + ": audioObjectType 0 (null object)");
        }
        return t;
    }

    private static int frequency(BitReader r) throws FlvFormatException {
        long at = r.byteOffset();
        int index = r.u(4);
        if (index == 0xF) {
            int f = r.u(24);
            if (f == 0) {
                throw new FlvFormatException(at, WHAT + ": explicit samplingFrequency 0");
            }
            return f;
        }
        if (index >= FREQUENCIES.length) {
            throw new FlvFormatException(at, WHAT + ": reserved samplingFrequencyIndex " + index);
        }
        return FREQUENCIES[index];
    }

    /**
     * Returns the output sample rate: the SBR extension frequency when signalled, else the
     * core frequency.
     *
     * @return the sample rate in Hz
     */
    public int outputSampleRate() {
        return extensionSamplingFrequency > 0 ? extensionSamplingFrequency : samplingFrequency;
    }

    /**
     * Returns the channel count implied by channelConfiguration (1..6 → same, 7 → 8, 11 → 7,
     * 12 → 8, 13 → 24, 14 → 8), or 0 when it is defined elsewhere.
     *
     * @return the number of channels, or 0 if unknown
     */
    public int channels() {
        switch (channelConfiguration) {
            case 1: case 2: case 3: case 4: case 5: case 6:
                return channelConfiguration;
            case 7: case 12: case 14:
                return 8;
            case 11:
                return 7;
            case 13:
                return 24;
            default:
                return 0;
        }
    }
}
