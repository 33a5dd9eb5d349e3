package org.rtmp4j.flv.ts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small transport stream reader written for the tests from ISO/IEC 13818-1 alone (no code shared with the muxer):
 * splits packets, checks the sync byte and the continuity counters, and reassembles PES packets and PSI sections.
 */
final class TsTestStream {
    /** One transport packet's header fields (§2.4.3.2, §2.4.3.4). {@code pcr} is the 33-bit base, or -1. */
    record Packet(int index, int pid, boolean unitStart, int adaptationFieldControl, int continuityCounter,
            boolean discontinuity, boolean randomAccess, long pcr, byte[] payload) {}

    /** One reassembled PES packet (§2.4.3.6). {@code dts} equals {@code pts} when absent. */
    record Pes(int pid, int firstPacket, int streamId, int declaredLength, long pts, long dts, boolean randomAccess,
            byte[] payload) {}

    final List<Packet> packets = new ArrayList<>();
    final List<Pes> pes = new ArrayList<>();
    /** PSI sections by PID, in order (pointer_field 0 assumed, one section per packet). */
    final Map<Integer, List<byte[]>> sections = new LinkedHashMap<>();

    static TsTestStream read(ByteBuffer ts) {
        byte[] b = new byte[ts.remaining()];
        ts.duplicate().get(b);
        return read(b);
    }

    static TsTestStream read(byte[] ts) {
        assertThat(ts.length % 188).as("a whole number of 188-byte packets").isZero();
        TsTestStream s = new TsTestStream();
        for (int i = 0; i < ts.length / 188; i++) {
            s.packets.add(parsePacket(i, ts, i * 188));
        }
        s.assemble();
        return s;
    }

    private static Packet parsePacket(int index, byte[] ts, int at) {
        assertThat(ts[at] & 0xFF).as("sync_byte of packet %d", index).isEqualTo(0x47);
        int pid = (ts[at + 1] & 0x1F) << 8 | ts[at + 2] & 0xFF;
        boolean start = (ts[at + 1] & 0x40) != 0;
        int afc = (ts[at + 3] >> 4) & 3;
        int cc = ts[at + 3] & 0x0F;
        int p = at + 4;
        boolean disc = false;
        boolean rai = false;
        long pcr = -1;
        if (afc == 2 || afc == 3) {
            int len = ts[p] & 0xFF;
            assertThat(len).as("adaptation_field_length of packet %d", index).isLessThanOrEqualTo(afc == 2 ? 183 : 182);
            if (afc == 2) {
                assertThat(len).as("an adaptation-only packet's field fills it").isEqualTo(183);
            }
            if (len > 0) {
                int flags = ts[p + 1] & 0xFF;
                disc = (flags & 0x80) != 0;
                rai = (flags & 0x40) != 0;
                if ((flags & 0x10) != 0) {
                    pcr = 0;
                    for (int k = 0; k < 4; k++) {
                        pcr = pcr << 8 | ts[p + 2 + k] & 0xFF;
                    }
                    pcr = pcr << 1 | (ts[p + 6] & 0x80) >> 7;
                }
            }
            p += 1 + len;
        }
        byte[] payload = new byte[0];
        if (afc == 1 || afc == 3) {
            payload = java.util.Arrays.copyOfRange(ts, p, at + 188);
        }
        return new Packet(index, pid, start, afc, cc, disc, rai, pcr, payload);
    }

    /** Asserts the continuity_counter rule of §2.4.3.3 for every PID: +1 mod 16 per packet with payload. */
    void assertContinuity() {
        Map<Integer, Integer> last = new HashMap<>();
        for (Packet p : packets) {
            boolean payload = p.adaptationFieldControl() == 1 || p.adaptationFieldControl() == 3;
            Integer prev = last.get(p.pid());
            if (prev != null) {
                int expected = payload ? (prev + 1) & 0x0F : prev;
                assertThat(p.continuityCounter()).as("continuity_counter of packet %d on PID 0x%x", p.index(), p.pid())
                        .isEqualTo(expected);
            }
            last.put(p.pid(), p.continuityCounter());
        }
    }

    List<Pes> pes(int pid) {
        return pes.stream().filter(x -> x.pid() == pid).toList();
    }

    /** The PCRs in packet order, as 33-bit bases. */
    List<Long> pcrs() {
        return packets.stream().filter(p -> p.pcr() >= 0).map(Packet::pcr).toList();
    }

    private void assemble() {
        Map<Integer, ByteArrayOutputStream> open = new HashMap<>();
        Map<Integer, Packet> firstOf = new HashMap<>();
        for (Packet p : packets) {
            if (p.pid() == 0 || p.pid() == TsMuxer.PMT_PID) {
                byte[] pl = p.payload();
                assertThat(p.unitStart()).isTrue();
                assertThat(pl[0]).as("pointer_field").isZero();
                int length = (pl[2] & 0x0F) << 8 | pl[3] & 0xFF;
                sections.computeIfAbsent(p.pid(), k -> new ArrayList<>())
                        .add(java.util.Arrays.copyOfRange(pl, 1, 4 + length));
                continue;
            }
            if (p.payload().length == 0) {
                continue;
            }
            if (p.unitStart()) {
                finish(p.pid(), open, firstOf);
                open.put(p.pid(), new ByteArrayOutputStream());
                firstOf.put(p.pid(), p);
            }
            ByteArrayOutputStream o = open.get(p.pid());
            assertThat(o).as("packet %d continues a PES that was started", p.index()).isNotNull();
            o.writeBytes(p.payload());
        }
        for (Integer pid : List.copyOf(open.keySet())) {
            finish(pid, open, firstOf);
        }
        pes.sort(java.util.Comparator.comparingInt(Pes::firstPacket));
    }

    private void finish(int pid, Map<Integer, ByteArrayOutputStream> open, Map<Integer, Packet> firstOf) {
        ByteArrayOutputStream o = open.remove(pid);
        if (o == null) {
            return;
        }
        byte[] b = o.toByteArray();
        assertThat(b[0] == 0 && b[1] == 0 && b[2] == 1).as("packet_start_code_prefix").isTrue();
        int streamId = b[3] & 0xFF;
        int declared = (b[4] & 0xFF) << 8 | b[5] & 0xFF;
        assertThat((b[6] & 0xC0)).as("'10' after PES_packet_length").isEqualTo(0x80);
        int flags = (b[7] & 0xC0) >> 6;
        int headerLength = b[8] & 0xFF;
        assertThat(flags).as("PTS_DTS_flags").isIn(2, 3);
        long pts = timestamp(b, 9, flags == 3 ? 3 : 2);
        long dts = flags == 3 ? timestamp(b, 14, 1) : pts;
        if (declared != 0) {
            assertThat(b.length).as("PES_packet_length + 6").isEqualTo(declared + 6);
        }
        Packet first = firstOf.get(pid);
        pes.add(new Pes(pid, first.index(), streamId, declared, pts, dts, first.randomAccess(),
                java.util.Arrays.copyOfRange(b, 9 + headerLength, b.length)));
    }

    /** Reads a 5-byte PTS or DTS field, checking its prefix and the three marker bits. */
    static long timestamp(byte[] b, int at, int prefix) {
        assertThat((b[at] & 0xF0) >> 4).as("time stamp prefix").isEqualTo(prefix);
        assertThat(b[at] & 1).as("marker_bit").isEqualTo(1);
        assertThat(b[at + 2] & 1).as("marker_bit").isEqualTo(1);
        assertThat(b[at + 4] & 1).as("marker_bit").isEqualTo(1);
        return ((long) (b[at] & 0x0E) << 29) | (b[at + 1] & 0xFF) << 22 | (b[at + 2] & 0xFE) << 14
                | (b[at + 3] & 0xFF) << 7 | (b[at + 4] & 0xFE) >> 1;
    }

    /** CRC_32 of ISO/IEC 13818-1 Annex A, bit by bit (the decoder model), for checking sections. */
    static int crc32(byte[] data, int length) {
        int crc = 0xFFFFFFFF;
        for (int i = 0; i < length; i++) {
            for (int bit = 7; bit >= 0; bit--) {
                int in = (data[i] >> bit) & 1;
                int top = crc >>> 31;
                crc <<= 1;
                if ((top ^ in) != 0) {
                    crc ^= 0x04C11DB7;
                }
            }
        }
        return crc;
    }
}
