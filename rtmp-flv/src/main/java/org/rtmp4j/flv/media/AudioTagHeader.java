package org.rtmp4j.flv.media;

import java.nio.ByteBuffer;
import org.rtmp4j.flv.FlvFormatException;

/**
 * The header of an audio tag body (an RTMP audio message payload), legacy or E-RTMP.
 *
 * <p>Legacy layout (FLV 10.1 §E.4.2.1): byte 0 = SoundFormat UB[4] | SoundRate UB[2] (0 5.5 kHz,
 * 1 11 kHz, 2 22 kHz, 3 44 kHz) | SoundSize UB[1] (0 8-bit, 1 16-bit) | SoundType UB[1] (0 mono,
 * 1 stereo); for AAC (10) an AACPacketType UI8 follows (0 sequence header, 1 raw).
 *
 * <p>E-RTMP layout (E-RTMP v2, Enhanced Audio): SoundFormat 9 (ExHeader) | AudioPacketType
 * UB[4]. {@code ModEx} (7) prefixes are consumed (size UI8+1, or UI16+1 when the UI8 is 255;
 * data; ModExType UB[4] | next packet type UB[4]). {@code Multitrack} (5) is followed by
 * AvMultitrackType UB[4] | packet type UB[4], then the FourCC unless
 * {@code ManyTracksManyCodecs}; this record then describes the first track (its FourCC, UI8 track
 * id, and the UI24 track size when not {@code OneTrack}). Otherwise the FourCC follows. A
 * {@code MultichannelConfig} body (channel order, count, mapping/flags) is the payload after
 * {@link #headerSize()}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param exHeader whether SoundFormat is 9 (ExHeader)
 * @param soundFormat the SoundFormat (0..15; 10 AAC, 2 MP3, 11 Speex, 14 MP3 8 kHz, 9 ExHeader)
 * @param soundRate legacy SoundRate (0..3), 0 for ExHeader
 * @param soundSize legacy SoundSize (0 or 1), 0 for ExHeader
 * @param soundType legacy SoundType (0 mono, 1 stereo), 0 for ExHeader
 * @param packetType the packet type (after ModEx and Multitrack; AACPacketType mapped for AAC),
 *     or {@code null} for legacy formats without one
 * @param fourCc the FourCC for ExHeader (see {@link AudioFourCc}), {@code null} for legacy
 * @param multitrackType the multitrack type, or {@code null} when not multitrack
 * @param trackId the first track's id when multitrack, else 0
 * @param timestampOffsetNano the ModEx TimestampOffsetNano in ns, else 0
 * @param modEx whether ModEx prefixes were present
 * @param headerSize bytes before the codec payload
 */
public record AudioTagHeader(boolean exHeader, int soundFormat, int soundRate, int soundSize,
        int soundType, AudioPacketType packetType, String fourCc, AvMultitrackType multitrackType,
        int trackId, int timestampOffsetNano, boolean modEx, int headerSize) {

    /** SoundFormat: MP3. */
    public static final int FORMAT_MP3 = 2;
    /** SoundFormat: ExHeader (E-RTMP FourCC mode). */
    public static final int FORMAT_EX_HEADER = 9;
    /** SoundFormat: AAC. */
    public static final int FORMAT_AAC = 10;
    /** SoundFormat: Speex. */
    public static final int FORMAT_SPEEX = 11;
    /** SoundFormat: MP3 8 kHz. */
    public static final int FORMAT_MP3_8K = 14;

    private static final String[] LEGACY_NAMES = {
        "pcm", "adpcm", "mp3", "pcm_le", "nellymoser16k", "nellymoser8k", "nellymoser",
        "g711a", "g711u", "exheader", "aac", "speex", "format12", "format13", "mp3_8k", "native"
    };

    /**
     * Parses the header at the body's position without moving it.
     *
     * @param body an audio tag body
     * @return the header
     * @throws FlvFormatException if the body is too short (an empty "silence" message included),
     *     or a packet type or multitrack type is reserved; the offset is 0-based within the body
     */
    public static AudioTagHeader parse(ByteBuffer body) throws FlvFormatException {
        TagBodyCursor c = new TagBodyCursor(body, "audio tag header");
        int b0 = c.u8();
        int format = b0 >> 4;
        if (format != FORMAT_EX_HEADER) {
            int rate = (b0 >> 2) & 0x03;
            int size = (b0 >> 1) & 0x01;
            int type = b0 & 0x01;
            AudioPacketType pt = null;
            if (format == FORMAT_AAC) {
                int aac = c.u8();
                if (aac > 1) {
                    throw c.error(1, "unknown AACPacketType " + aac);
                }
                pt = aac == 0 ? AudioPacketType.SEQUENCE_START : AudioPacketType.CODED_FRAMES;
            }
            return new AudioTagHeader(false, format, rate, size, type, pt, null, null, 0, 0, false,
                    c.position());
        }
        ModExPrefix modExPrefix = ModExPrefix.read(c, body, b0 & 0x0F);
        int pt = modExPrefix.packetType();
        int nano = modExPrefix.timestampOffsetNano();
        boolean modEx = modExPrefix.present();
        AudioPacketType packetType = packetType(c, pt);
        AvMultitrackType multitrack = null;
        int trackId = 0;
        String fourCc;
        if (packetType == AudioPacketType.MULTITRACK) {
            MultitrackPrefix<AudioPacketType> m =
                    MultitrackPrefix.read(c, AudioPacketType.MULTITRACK.id(), AudioTagHeader::packetType);
            multitrack = m.type();
            packetType = m.packetType();
            fourCc = m.fourCc();
            trackId = m.trackId();
        } else {
            fourCc = c.fourCc();
        }
        return new AudioTagHeader(true, format, 0, 0, 0, packetType, fourCc, multitrack, trackId,
                nano, modEx, c.position());
    }

    private static AudioPacketType packetType(TagBodyCursor c, int pt) throws FlvFormatException {
        AudioPacketType t = AudioPacketType.of(pt);
        if (t == null) {
            throw c.error(c.position() - 1, "reserved AudioPacketType " + pt);
        }
        return t;
    }

    /**
     * Tells whether this carries a decoder configuration: legacy AAC packet type 0 or E-RTMP
     * {@code SequenceStart}.
     *
     * @return true for sequence headers
     */
    public boolean isSequenceHeader() {
        return packetType == AudioPacketType.SEQUENCE_START;
    }

    /**
     * Tells whether the E-RTMP Multitrack packet type was used.
     *
     * @return true for multitrack
     */
    public boolean isMultitrack() {
        return multitrackType != null;
    }

    /**
     * Returns a short codec name: for legacy formats "pcm", "adpcm", "mp3", "pcm_le",
     * "nellymoser16k", "nellymoser8k", "nellymoser", "g711a", "g711u", "aac", "speex", "mp3_8k",
     * "native"; for ExHeader the name of the FourCC (see {@link AudioFourCc#codecName}).
     *
     * @return the codec name
     */
    public String codecName() {
        return exHeader ? AudioFourCc.codecName(fourCc) : LEGACY_NAMES[soundFormat];
    }
}
