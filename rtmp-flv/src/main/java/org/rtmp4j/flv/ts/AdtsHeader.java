package org.rtmp4j.flv.ts;

import org.rtmp4j.flv.FlvFormatException;
import org.rtmp4j.flv.codec.AacAudioSpecificConfig;

/**
 * The 7-byte ADTS header put before every raw AAC frame (ISO/IEC 13818-7 §6.2.1
 * adts_fixed_header and adts_variable_header; ISO/IEC 14496-3 §1.A.2.2), derived from the
 * stream's AudioSpecificConfig: syncword 0xFFF, ID 0 (MPEG-4), layer 0, protection_absent 1 (no
 * CRC), profile_ObjectType = audioObjectType - 1, sampling_frequency_index, channel_configuration,
 * aac_frame_length (header included), adts_buffer_fullness 0x7FF (variable rate),
 * number_of_raw_data_blocks_in_frame 0.
 *
 * <p>For HE-AAC (explicit SBR or PS signalling) the header describes the core AAC-LC stream at
 * the core sampling frequency; decoders find the SBR/PS data in the frame (implicit signalling).
 * Immutable and thread-safe.
 *
 * @param profile the profile_ObjectType (0 Main, 1 LC, 2 SSR, 3 LTP)
 * @param samplingFrequencyIndex the sampling_frequency_index (0..12)
 * @param channelConfiguration the channel_configuration (1..7)
 */
record AdtsHeader(int profile, int samplingFrequencyIndex, int channelConfiguration) {
    /** Size of the header without CRC, in bytes. */
    static final int SIZE = 7;
    /** Largest aac_frame_length (13 bits), header included. */
    static final int MAX_FRAME_LENGTH = 0x1FFF;

    private static final int[] FREQUENCIES = {
        96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350
    };

    /**
     * Derives the header fields from an AudioSpecificConfig.
     *
     * @param config the parsed configuration
     * @return the header fields
     * @throws FlvFormatException (offset 0) if ADTS cannot describe the stream: an object type
     *     other than AAC Main, LC, SSR or LTP, a sampling frequency outside the index table, or a
     *     channel configuration of 0 (defined by a PCE) or above 7
     */
    static AdtsHeader of(AacAudioSpecificConfig config) throws FlvFormatException {
        int type = config.audioObjectType();
        if (type < 1 || type > 4) {
            throw new FlvFormatException(0, "ADTS cannot carry audioObjectType " + type
                    + " (only AAC Main, LC, SSR, LTP)");
        }
        int index = -1;
        for (int i = 0; i < FREQUENCIES.length; i++) {
            if (FREQUENCIES[i] == config.samplingFrequency()) {
                index = i;
            }
        }
        if (index < 0) {
            throw new FlvFormatException(0, "ADTS cannot carry the sampling frequency "
                    + config.samplingFrequency() + " Hz (no sampling_frequency_index)");
        }
        int channels = config.channelConfiguration();
        if (channels < 1 || channels > 7) {
            throw new FlvFormatException(0, "ADTS cannot carry channelConfiguration " + channels);
        }
        return new AdtsHeader(type - 1, index, channels);
    }

    /**
     * Encodes the header for a raw frame.
     *
     * @param rawFrameLength the raw_data_block bytes that follow, at most 8,184
     * @return the 7 header bytes
     * @throws IllegalArgumentException if the frame is too long for aac_frame_length
     */
    byte[] encode(int rawFrameLength) {
        int frameLength = SIZE + rawFrameLength;
        if (rawFrameLength < 0 || frameLength > MAX_FRAME_LENGTH) {
            throw new IllegalArgumentException("AAC frame of " + rawFrameLength
                    + " bytes exceeds aac_frame_length " + MAX_FRAME_LENGTH);
        }
        return new byte[] {
            (byte) 0xFF,
            (byte) 0xF1,                                // sync, ID 0, layer 00, protection_absent 1
            (byte) (profile << 6 | samplingFrequencyIndex << 2 | channelConfiguration >> 2),
            (byte) ((channelConfiguration & 3) << 6 | frameLength >> 11),
            (byte) (frameLength >> 3),
            (byte) ((frameLength & 7) << 5 | 0x1F),     // buffer fullness 0x7FF, high 5 bits
            (byte) 0xFC,                                // buffer fullness low 6 bits, 0 blocks
        };
    }
}
