package org.rtmp4j.hls;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper: the timing of the {@code moof} boxes of an fMP4 part or segment (ISO/IEC 14496-12 §8.8): per track
 * fragment, its track_ID, base media decode time ({@code tfdt}, §8.8.12) and the sum of its sample durations
 * ({@code trun}, §8.8.8; {@code tfhd} default_sample_duration when a sample has none, §8.8.7), in the track's
 * timescale.
 */
final class FragmentTimes {
    /**
     * One {@code traf}: where its samples start, how long they last and when its first sample is presented (its
     * decode time plus composition offset), in timescale units.
     */
    record Run(int trackId, long decodeTime, long duration, long firstPresentation) {
        /** @return the decode time at which the run ends */
        long end() {
            return decodeTime + duration;
        }
    }

    private FragmentTimes() {}

    /** @return the runs of every {@code moof} in {@code bytes}, in order */
    static List<Run> runs(ByteBuffer bytes) {
        List<Run> out = new ArrayList<>();
        for (ByteBuffer moof : boxes(bytes, "moof")) {
            for (ByteBuffer traf : boxes(moof, "traf")) {
                ByteBuffer tfhd = boxes(traf, "tfhd").get(0);
                int tfhdFlags = tfhd.getInt(0) & 0xFFFFFF;
                int trackId = tfhd.getInt(4);
                int at = 8 + ((tfhdFlags & 0x01) != 0 ? 8 : 0) + ((tfhdFlags & 0x02) != 0 ? 4 : 0);
                long defaultDuration = (tfhdFlags & 0x08) != 0 ? Integer.toUnsignedLong(tfhd.getInt(at)) : 0;
                ByteBuffer tfdt = boxes(traf, "tfdt").get(0);
                long decodeTime = tfdt.get(0) == 1 ? tfdt.getLong(4) : Integer.toUnsignedLong(tfdt.getInt(4));
                long duration = 0;
                Long firstOffset = null;
                for (ByteBuffer trun : boxes(traf, "trun")) {
                    duration += trunDuration(trun, defaultDuration);
                    firstOffset = firstOffset != null ? firstOffset : firstCompositionOffset(trun);
                }
                out.add(new Run(trackId, decodeTime, duration, decodeTime + (firstOffset == null ? 0 : firstOffset)));
            }
        }
        return out;
    }

    private static long trunDuration(ByteBuffer trun, long defaultDuration) {
        int flags = trun.getInt(0) & 0xFFFFFF;
        int count = trun.getInt(4);
        int at = 8 + ((flags & 0x001) != 0 ? 4 : 0) + ((flags & 0x004) != 0 ? 4 : 0);
        long sum = 0;
        for (int i = 0; i < count; i++) {
            if ((flags & 0x100) != 0) {
                sum += Integer.toUnsignedLong(trun.getInt(at));
                at += 4;
            } else {
                sum += defaultDuration;
            }
            at += ((flags & 0x200) != 0 ? 4 : 0) + ((flags & 0x400) != 0 ? 4 : 0) + ((flags & 0x800) != 0 ? 4 : 0);
        }
        return sum;
    }

    /** @return the first sample's composition offset (signed in version 1), 0 without offsets, null without samples */
    private static Long firstCompositionOffset(ByteBuffer trun) {
        int flags = trun.getInt(0) & 0xFFFFFF;
        if (trun.getInt(4) == 0) {
            return null;
        }
        if ((flags & 0x800) == 0) {
            return 0L;
        }
        int at = 8 + ((flags & 0x001) != 0 ? 4 : 0) + ((flags & 0x004) != 0 ? 4 : 0)
                + ((flags & 0x100) != 0 ? 4 : 0) + ((flags & 0x200) != 0 ? 4 : 0) + ((flags & 0x400) != 0 ? 4 : 0);
        int offset = trun.getInt(at);
        return trun.get(0) == 0 ? Integer.toUnsignedLong(offset) : (long) offset;
    }

    /** @return the payloads (after the 8-byte header) of the child boxes of type {@code type} */
    private static List<ByteBuffer> boxes(ByteBuffer parent, String type) {
        List<ByteBuffer> out = new ArrayList<>();
        ByteBuffer b = parent.slice();
        while (b.remaining() >= 8) {
            int start = b.position();
            int size = b.getInt(start);
            if (size < 8 || size > b.remaining()) {
                throw new IllegalStateException("box size " + size + " at " + start);
            }
            String t = new String(new byte[] {b.get(start + 4), b.get(start + 5), b.get(start + 6), b.get(start + 7)},
                    java.nio.charset.StandardCharsets.ISO_8859_1);
            if (t.equals(type)) {
                out.add(b.slice(start + 8, size - 8));
            }
            b.position(start + size);
        }
        return out;
    }
}
