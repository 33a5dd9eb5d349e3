package org.rtmp4j.flv.ts;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Writes 188-byte transport packets (ISO/IEC 13818-1 §2.4.3.2) into a growable buffer: PSI
 * sections, PES packets split across packets, and PCR-only packets. Keeps one continuity_counter
 * per PID (§2.4.3.3: incremented only by packets that carry a payload). The last packet of a PES
 * is filled with adaptation field stuffing (§2.4.3.4–5), a PSI packet with 0xFF after the
 * section (§2.4.4). Not thread-safe.
 */
final class TsPacketWriter {
    /** Size of a transport packet in bytes. */
    static final int PACKET_SIZE = 188;
    private static final int PAYLOAD_SIZE = PACKET_SIZE - 4;
    private static final int SYNC_BYTE = 0x47;
    private static final int INITIAL_CAPACITY = 64 * PACKET_SIZE;

    private final byte[] continuity = new byte[0x2000];
    private byte[] out = new byte[INITIAL_CAPACITY];
    private int length;

    /** How the first packet of a PES carries the adaptation field flags and the PCR. */
    record FirstPacket(long pcrBase, boolean randomAccess, boolean discontinuity) {
        /** No adaptation field needed. */
        static final FirstPacket PLAIN = new FirstPacket(-1, false, false);

        boolean needsAdaptationField() {
            return pcrBase >= 0 || randomAccess || discontinuity;
        }
    }

    /**
     * Writes one PSI section in one packet: payload_unit_start_indicator 1, pointer_field 0,
     * the section, 0xFF up to the end of the packet.
     *
     * @param pid the PID (0 for the PAT)
     * @param section table_id through CRC_32, at most 183 bytes
     */
    void writeSection(int pid, byte[] section) {
        int at = header(pid, true, 0b01, nextCounter(pid));
        out[at++] = 0;                                  // pointer_field
        System.arraycopy(section, 0, out, at, section.length);
        at += section.length;
        Arrays.fill(out, at, length, (byte) 0xFF);
    }

    /**
     * Writes a packet with an adaptation field only (adaptation_field_control '10'), which holds
     * a PCR; its continuity_counter repeats the PID's last one (§2.4.3.3).
     *
     * @param pid the PCR_PID
     * @param pcrBase program_clock_reference_base in 90 kHz units (33 bits; extension 0)
     * @param discontinuity the discontinuity_indicator
     */
    void writePcrOnly(int pid, long pcrBase, boolean discontinuity) {
        int at = header(pid, false, 0b10, (continuity[pid] - 1) & 0x0F);
        out[at++] = (byte) (PAYLOAD_SIZE - 1);          // adaptation_field_length 183
        out[at++] = (byte) ((discontinuity ? 0x80 : 0) | 0x10);
        at = pcr(at, pcrBase);
        Arrays.fill(out, at, length, (byte) 0xFF);
    }

    /**
     * Writes a whole PES packet, split into transport packets of one PID; the first has
     * payload_unit_start_indicator 1 and, when asked, an adaptation field with the PCR, the
     * random_access_indicator and the discontinuity_indicator; the last is completed with
     * adaptation field stuffing.
     *
     * @param pid the elementary PID
     * @param pes the PES packet bytes, in pieces (each piece's remaining bytes, not consumed)
     * @param pesLength the sum of the pieces' remaining bytes, at least 1
     * @param first the adaptation field content of the first packet
     */
    void writePes(int pid, List<ByteBuffer> pes, int pesLength, FirstPacket first) {
        int piece = 0;
        int pieceOffset = 0;
        int left = pesLength;
        boolean start = true;
        while (left > 0) {
            int afLength = start && first.needsAdaptationField()
                    ? 2 + (first.pcrBase() >= 0 ? 6 : 0) : 0;   // length byte + flags (+ PCR)
            int room = PAYLOAD_SIZE - afLength;
            int stuffing = Math.max(0, room - left);
            int afc = afLength + stuffing > 0 ? 0b11 : 0b01;
            int at = header(pid, start, afc, nextCounter(pid));
            if (afLength + stuffing > 0) {
                int fieldLength = afLength + stuffing - 1;       // bytes after the length byte
                out[at++] = (byte) fieldLength;
                if (fieldLength > 0) {
                    int flags = 0;
                    if (afLength > 0) {
                        flags = (first.discontinuity() ? 0x80 : 0)
                                | (first.randomAccess() ? 0x40 : 0)
                                | (first.pcrBase() >= 0 ? 0x10 : 0);
                    }
                    out[at++] = (byte) flags;
                    if (afLength > 0 && first.pcrBase() >= 0) {
                        at = pcr(at, first.pcrBase());
                    }
                    int fill = fieldLength - 1 - (afLength > 0 && first.pcrBase() >= 0 ? 6 : 0);
                    Arrays.fill(out, at, at + fill, (byte) 0xFF);
                    at += fill;
                }
            }
            int n = length - at;
            left -= n;
            while (n > 0) {
                ByteBuffer b = pes.get(piece);
                int take = Math.min(n, b.remaining() - pieceOffset);
                b.duplicate().position(b.position() + pieceOffset).get(out, at, take);
                at += take;
                n -= take;
                pieceOffset += take;
                if (pieceOffset == b.remaining()) {
                    piece++;
                    pieceOffset = 0;
                }
            }
            start = false;
        }
    }

    /**
     * Hands over the bytes written so far and starts an empty buffer.
     *
     * @return the packets, a multiple of 188 bytes, owned by the caller
     */
    ByteBuffer take() {
        ByteBuffer taken = ByteBuffer.wrap(out, 0, length).slice();
        out = new byte[Math.max(INITIAL_CAPACITY, length)];
        length = 0;
        return taken;
    }

    /**
     * Returns the number of bytes written since the last {@link #take()}.
     *
     * @return a multiple of 188
     */
    int pending() {
        return length;
    }

    private int nextCounter(int pid) {
        int cc = continuity[pid];
        continuity[pid] = (byte) ((cc + 1) & 0x0F);
        return cc;
    }

    /** Appends a packet, writes its 4-byte header and returns the offset after it. */
    private int header(int pid, boolean unitStart, int adaptationFieldControl, int counter) {
        if (out.length - length < PACKET_SIZE) {
            out = Arrays.copyOf(out, out.length * 2);
        }
        int at = length;
        length += PACKET_SIZE;
        out[at] = (byte) SYNC_BYTE;
        out[at + 1] = (byte) ((unitStart ? 0x40 : 0) | (pid >> 8 & 0x1F));
        out[at + 2] = (byte) pid;
        out[at + 3] = (byte) (adaptationFieldControl << 4 | counter);
        return at + 4;
    }

    /** Writes the 6-byte PCR field: base (33 bits), reserved '111111', extension 0 (9 bits). */
    private int pcr(int at, long base) {
        long b = base & 0x1FFFFFFFFL;
        out[at] = (byte) (b >>> 25);
        out[at + 1] = (byte) (b >>> 17);
        out[at + 2] = (byte) (b >>> 9);
        out[at + 3] = (byte) (b >>> 1);
        out[at + 4] = (byte) ((b & 1) << 7 | 0x7E);
        out[at + 5] = 0;
        return at + 6;
    }
}
