package org.rtmp4j.flv.codec;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.rtmp4j.flv.FlvFormatException;

/**
 * AVCDecoderConfigurationRecord (ISO/IEC 14496-15 §5.3.3.1), the body of an AVC sequence header
 * (legacy AVCPacketType 0 or E-RTMP {@code SequenceStart} for {@code avc1}).
 *
 * <p>Layout: configurationVersion UI8 (1), AVCProfileIndication UI8, profile_compatibility UI8,
 * AVCLevelIndication UI8, reserved UB[6] | lengthSizeMinusOne UB[2], reserved UB[3] |
 * numOfSequenceParameterSets UB[5], then each SPS as UI16 length + NAL unit,
 * numOfPictureParameterSets UI8, each PPS as UI16 length + NAL unit. Trailing high-profile
 * fields (chroma_format etc.) are ignored. Immutable; the parameter set buffers are read-only
 * views of the input.
 *
 * @param configurationVersion should be 1
 * @param profileIndication the profile_idc copy
 * @param profileCompatibility the constraint flags copy
 * @param levelIndication the level_idc copy
 * @param nalUnitLengthSize bytes of the length prefix of each NAL unit in coded frames (1, 2, 4)
 * @param sequenceParameterSets the SPS NAL units
 * @param pictureParameterSets the PPS NAL units
 * @param sps the first SPS parsed, or {@code null} when there is none
 */
public record AvcDecoderConfigurationRecord(int configurationVersion, int profileIndication,
        int profileCompatibility, int levelIndication, int nalUnitLengthSize,
        List<ByteBuffer> sequenceParameterSets, List<ByteBuffer> pictureParameterSets,
        H264Sps sps) {

    /**
     * Copies the lists.
     *
     * @param configurationVersion should be 1
     * @param profileIndication profile
     * @param profileCompatibility compatibility flags
     * @param levelIndication level
     * @param nalUnitLengthSize NAL length prefix size
     * @param sequenceParameterSets SPS NAL units
     * @param pictureParameterSets PPS NAL units
     * @param sps parsed first SPS or null
     */
    public AvcDecoderConfigurationRecord {
        sequenceParameterSets = List.copyOf(sequenceParameterSets);
        pictureParameterSets = List.copyOf(pictureParameterSets);
    }

    /**
     * Parses a record.
     *
     * @param record the record bytes (the tag body after the video tag header); position kept
     * @return the record
     * @throws FlvFormatException if truncated, the version is not 1, the length size is 3, or the
     *     first SPS is malformed; the offset is 0-based within {@code record}
     */
    public static AvcDecoderConfigurationRecord parse(ByteBuffer record)
            throws FlvFormatException {
        ByteCursor c = new ByteCursor(record, "AVCDecoderConfigurationRecord");
        int version = c.u8();
        if (version != 1) {
            throw c.error(0, "configurationVersion " + version + ", expected 1");
        }
        int profile = c.u8();
        int compat = c.u8();
        int level = c.u8();
        int lengthSize = (c.u8() & 0x03) + 1;
        if (lengthSize == 3) {
            throw c.error(4, "lengthSizeMinusOne 2 is not allowed");
        }
        int numSps = c.u8() & 0x1F;
        List<ByteBuffer> sps = new ArrayList<>(numSps);
        H264Sps parsed = null;
        for (int i = 0; i < numSps; i++) {
            int len = c.u16();
            int at = c.position();
            ByteBuffer nal = c.slice(len);
            sps.add(nal);
            if (parsed == null) {
                try {
                    parsed = H264Sps.parse(nal);
                } catch (FlvFormatException e) {
                    throw new FlvFormatException(at + Math.max(0, e.offset()),
                            "AVCDecoderConfigurationRecord SPS " + i + ": " + e.reason());
                }
            }
        }
        int numPps = c.u8();
        List<ByteBuffer> pps = new ArrayList<>(Math.min(numPps, c.remaining() / 2));
        for (int i = 0; i < numPps; i++) {
            pps.add(c.slice(c.u16()));
        }
        return new AvcDecoderConfigurationRecord(version, profile, compat, level, lengthSize, sps,
                pps, parsed);
    }
}
