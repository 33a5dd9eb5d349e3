package org.rtmp4j.flv.ts;

import java.io.ByteArrayOutputStream;

/**
 * Builds the two PSI sections this muxer writes (ISO/IEC 13818-1 §2.4.4): the
 * program_association_section (PAT, §2.4.4.3) and the TS_program_map_section (PMT, §2.4.4.8),
 * each ending with its CRC_32 (Annex A). One program (program_number 1, transport_stream_id 1),
 * no descriptors. Stateless and thread-safe.
 */
final class PsiSections {
    /** program_number of the single program, and the transport_stream_id. */
    static final int PROGRAM_NUMBER = 1;

    private PsiSections() {}

    /**
     * Returns the PAT section: table_id 0x00, one program mapping program 1 to {@code pmtPid}.
     *
     * @param pmtPid the PID of the PMT (13 bits)
     * @param version the version_number (taken modulo 32)
     * @return the section bytes, table_id through CRC_32 (16 bytes)
     */
    static byte[] pat(int pmtPid, int version) {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        header(s, 0x00, 5 + 4 + 4, PROGRAM_NUMBER, version);
        u16(s, PROGRAM_NUMBER);
        u16(s, 0xE000 | pmtPid);            // reserved '111', program_map_PID
        return withCrc(s);
    }

    /**
     * Returns the PMT section: table_id 0x02, program 1, the given PCR_PID and one elementary
     * stream entry per {@code streams} element (stream_type, elementary_PID, ES_info_length 0).
     *
     * @param pcrPid the PID whose adaptation fields carry the PCR
     * @param version the version_number (taken modulo 32)
     * @param streams pairs of {stream_type, elementary_PID}
     * @return the section bytes, table_id through CRC_32
     */
    static byte[] pmt(int pcrPid, int version, int[]... streams) {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        header(s, 0x02, 5 + 4 + 5 * streams.length + 4, PROGRAM_NUMBER, version);
        u16(s, 0xE000 | pcrPid);            // reserved '111', PCR_PID
        u16(s, 0xF000);                     // reserved '1111', program_info_length 0
        for (int[] es : streams) {
            s.write(es[0]);                 // stream_type
            u16(s, 0xE000 | es[1]);         // reserved '111', elementary_PID
            u16(s, 0xF000);                 // reserved '1111', ES_info_length 0
        }
        return withCrc(s);
    }

    private static void header(ByteArrayOutputStream s, int tableId, int sectionLength,
            int idExtension, int version) {
        s.write(tableId);
        // section_syntax_indicator 1, '0', reserved '11', section_length (12 bits)
        u16(s, 0xB000 | sectionLength);
        u16(s, idExtension);                // transport_stream_id or program_number
        s.write(0xC0 | (version & 0x1F) << 1 | 1);  // reserved '11', version, current_next 1
        s.write(0);                         // section_number
        s.write(0);                         // last_section_number
    }

    private static byte[] withCrc(ByteArrayOutputStream s) {
        byte[] body = s.toByteArray();
        int crc = Crc32Mpeg.compute(body, 0, body.length);
        u16(s, crc >>> 16);
        u16(s, crc & 0xFFFF);
        return s.toByteArray();
    }

    private static void u16(ByteArrayOutputStream s, int v) {
        s.write(v >> 8 & 0xFF);
        s.write(v & 0xFF);
    }
}
