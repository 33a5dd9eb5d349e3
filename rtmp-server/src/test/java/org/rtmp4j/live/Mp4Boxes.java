package org.rtmp4j.live;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Test helper: cuts a fragmented-MP4 byte stream at its top-level boxes (ISO/IEC 14496-12 §4.2) as the bytes arrive,
 * and reads what the player tests check in a {@code moof}: per track, the base media decode time ({@code tfdt},
 * §8.8.12) and whether the first sample is a sync sample (sample flags, §8.8.3.1: {@code sample_is_non_sync_sample}).
 */
final class Mp4Boxes {
    /** One box: its four-character type and its payload (after the header). */
    record Box(String type, ByteBuffer payload) {
        /** @return the child boxes of this container's payload, from {@code skip} bytes in */
        List<Box> children(int skip) {
            List<Box> out = new ArrayList<>();
            ByteBuffer b = payload.duplicate().position(payload.position() + skip).slice();
            while (b.remaining() >= 8) {
                int size = b.getInt(b.position());
                out.add(new Box(Mp4Boxes.type(b, b.position() + 4), b.slice(b.position() + 8, size - 8)));
                b.position(b.position() + size);
            }
            return out;
        }

        Optional<Box> child(String t) {
            return children(0).stream().filter(c -> c.type.equals(t)).findFirst();
        }
    }

    /** A track's fragment in a {@code moof}: its id, base media decode time (timescale units) and first sample's sync. */
    record TrackFragment(int trackId, long baseMediaDecodeTime, boolean firstSampleIsSync, int sampleCount) {}

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    /** Feeds bytes; returns the top-level boxes completed by them. */
    List<Box> feed(byte[] bytes, int off, int len) {
        pending.write(bytes, off, len);
        ByteBuffer b = ByteBuffer.wrap(pending.toByteArray());
        List<Box> out = new ArrayList<>();
        while (b.remaining() >= 8 && b.getInt(b.position()) <= b.remaining()) {
            int size = b.getInt(b.position());
            if (size < 8) {
                throw new IllegalStateException("box size " + size + " at " + b.position());
            }
            out.add(new Box(Mp4Boxes.type(b, b.position() + 4), b.slice(b.position() + 8, size - 8)));
            b.position(b.position() + size);
        }
        pending.reset();
        pending.write(b.array(), b.position(), b.remaining());
        return out;
    }

    private static String type(ByteBuffer b, int at) {
        byte[] t = new byte[4];
        b.get(at, t);
        return new String(t, StandardCharsets.ISO_8859_1);
    }

    /** Reads every {@code traf} of a {@code moof} (default sample flags from {@code trex} are not consulted). */
    static List<TrackFragment> tracks(Box moof) {
        List<TrackFragment> out = new ArrayList<>();
        for (Box traf : moof.children(0)) {
            if (!traf.type().equals("traf")) {
                continue;
            }
            ByteBuffer tfhd = traf.child("tfhd").orElseThrow().payload();
            int tfhdFlags = tfhd.getInt(0) & 0xFFFFFF;
            int trackId = tfhd.getInt(4);
            int at = 8 + ((tfhdFlags & 0x01) != 0 ? 8 : 0) + ((tfhdFlags & 0x02) != 0 ? 4 : 0)
                    + ((tfhdFlags & 0x08) != 0 ? 4 : 0) + ((tfhdFlags & 0x10) != 0 ? 4 : 0);
            Integer defaultFlags = (tfhdFlags & 0x20) != 0 ? tfhd.getInt(at) : null;
            ByteBuffer tfdt = traf.child("tfdt").orElseThrow().payload();
            long decodeTime = tfdt.get(0) == 1 ? tfdt.getLong(4) : Integer.toUnsignedLong(tfdt.getInt(4));
            ByteBuffer trun = traf.child("trun").orElseThrow().payload();
            int trunFlags = trun.getInt(0) & 0xFFFFFF;
            int count = trun.getInt(4);
            int p = 8 + ((trunFlags & 0x01) != 0 ? 4 : 0);
            Integer firstFlags = null;
            if ((trunFlags & 0x04) != 0) {
                firstFlags = trun.getInt(p);
                p += 4;
            }
            if (firstFlags == null && (trunFlags & 0x400) != 0) {
                p += ((trunFlags & 0x100) != 0 ? 4 : 0) + ((trunFlags & 0x200) != 0 ? 4 : 0);
                firstFlags = trun.getInt(p);
            }
            if (firstFlags == null) {
                firstFlags = defaultFlags;
            }
            if (firstFlags == null) {
                throw new IllegalStateException("track " + trackId + ": no sample flags in the moof");
            }
            out.add(new TrackFragment(trackId, decodeTime, (firstFlags & 0x0001_0000) == 0, count));
        }
        return out;
    }
}
