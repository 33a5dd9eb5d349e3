package org.rtmp4j.flv.mp4;

import java.util.ArrayList;
import java.util.List;

/** A parsed trun (ISO/IEC 14496-12 §8.8.8) of the layout the muxer writes, for the tests. */
record Trun(int version, int flags, int dataOffset, List<Entry> samples) {
    record Entry(long duration, long size, int flags, int ctsOffset) {
        boolean sync() {
            return (flags & 0x00010000) == 0;
        }
    }

    static Trun parse(Box trun) {
        int flags = trun.flags();
        int count = (int) trun.u32(4);
        int at = 8;
        int dataOffset = 0;
        if ((flags & 1) != 0) {
            dataOffset = trun.s32(at);
            at += 4;
        }
        if ((flags & 4) != 0) {
            at += 4;
        }
        List<Entry> l = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long d = 0;
            long s = 0;
            int f = 0;
            int c = 0;
            if ((flags & 0x100) != 0) { d = trun.u32(at); at += 4; }
            if ((flags & 0x200) != 0) { s = trun.u32(at); at += 4; }
            if ((flags & 0x400) != 0) { f = trun.s32(at); at += 4; }
            if ((flags & 0x800) != 0) { c = trun.s32(at); at += 4; }
            l.add(new Entry(d, s, f, c));
        }
        if (at != trun.payload().limit()) {
            throw new AssertionError("trun has " + (trun.payload().limit() - at) + " extra bytes");
        }
        return new Trun(trun.version(), flags, dataOffset, l);
    }
}
