package org.rtmp4j.flv.mp4;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Writes an fMP4 init segment: {@code ftyp} (ISO/IEC 14496-12 §4.3) and a {@code moov}
 * (§8.2.1) with {@code mvhd} (§8.2.2), one {@code trak} per track (§8.3.1: {@code tkhd} §8.3.2,
 * {@code mdia} §8.4 with {@code mdhd} §8.4.2, {@code hdlr} §8.4.3 and {@code minf} §8.4.4:
 * {@code vmhd}/{@code smhd} §12.1.2/§12.2.2, {@code dinf}/{@code dref} §8.7.1–8.7.2 and an
 * {@code stbl} §8.5.1 whose sample tables {@code stts} §8.6.1.2, {@code stsc} §8.7.4,
 * {@code stsz} §8.7.3.2 and {@code stco} §8.7.5 are empty, the samples being in fragments),
 * and {@code mvex} (§8.8.1) with a {@code trex} (§8.8.3) per track. Stateless.
 */
final class InitSegmentWriter {
    /** The movie timescale of {@code mvhd}: ms (durations are 0 anyway). */
    private static final int MOVIE_TIMESCALE = 1000;
    /** ISO 639-2/T "und" packed as three 5-bit letters minus 0x60 (§8.4.2.3). */
    private static final int LANGUAGE_UND = ('u' - 0x60) << 10 | ('n' - 0x60) << 5 | ('d' - 0x60);

    private InitSegmentWriter() {}

    /**
     * Writes the init segment.
     *
     * @param tracks the configured tracks, in track_ID order
     * @return a new buffer, position 0
     */
    static ByteBuffer write(List<Fmp4Track> tracks) {
        BoxWriter w = new BoxWriter(1024);
        int ftyp = w.begin("ftyp");
        w.fourCc("iso6").u32(0);
        w.fourCc("iso6").fourCc("iso5").fourCc("mp41");
        if (tracks.stream().anyMatch(t -> t.entry() instanceof VideoSampleEntry v
                && v.fourCc().equals("av01"))) {
            w.fourCc("av01"); // AV1 binding §2.1: files with AV1 tracks list the av01 brand
        }
        w.end(ftyp);
        int moov = w.begin("moov");
        int mvhd = w.beginFull("mvhd", 0, 0);
        w.u32(0).u32(0).u32(MOVIE_TIMESCALE).u32(0);   // creation, modification, timescale, duration
        w.u32(0x00010000).u16(0x0100).zeros(2 + 8);    // rate 1.0, volume 1.0, reserved
        w.unityMatrix().zeros(24);                     // matrix, pre_defined[6]
        int nextTrackId = tracks.stream().mapToInt(Fmp4Track::trackId).max().orElse(0) + 1;
        w.u32(nextTrackId);
        w.end(mvhd);
        for (Fmp4Track t : tracks) {
            trak(w, t);
        }
        int mvex = w.begin("mvex");
        for (Fmp4Track t : tracks) {
            int trex = w.beginFull("trex", 0, 0);
            w.u32(t.trackId()).u32(1).u32(0).u32(0).u32(0); // description 1, no defaults
            w.end(trex);
        }
        w.end(mvex);
        w.end(moov);
        return ByteBuffer.wrap(w.toArray());
    }

    private static void trak(BoxWriter w, Fmp4Track t) {
        SampleEntry e = t.entry();
        boolean video = e instanceof VideoSampleEntry;
        int trak = w.begin("trak");
        int tkhd = w.beginFull("tkhd", 0, 0x000003);         // track_enabled | track_in_movie
        w.u32(0).u32(0).u32(t.trackId()).u32(0).u32(0);      // creation, modification, id, reserved, duration
        w.zeros(8).u16(0).u16(video ? 0 : 1);                // reserved, layer, alternate_group
        w.u16(video ? 0 : 0x0100).u16(0);                    // volume, reserved
        w.unityMatrix();
        if (e instanceof VideoSampleEntry v) {
            w.u32((long) v.width() << 16).u32((long) v.height() << 16);
        } else {
            w.u32(0).u32(0);
        }
        w.end(tkhd);
        int mdia = w.begin("mdia");
        int mdhd = w.beginFull("mdhd", 0, 0);
        w.u32(0).u32(0).u32(e.timescale()).u32(0).u16(LANGUAGE_UND).u16(0);
        w.end(mdhd);
        int hdlr = w.beginFull("hdlr", 0, 0);
        w.u32(0).fourCc(e.handlerType()).zeros(12);
        w.bytes((video ? "VideoHandler\0" : "SoundHandler\0").getBytes(
                java.nio.charset.StandardCharsets.US_ASCII));
        w.end(hdlr);
        int minf = w.begin("minf");
        if (video) {
            int vmhd = w.beginFull("vmhd", 0, 1);
            w.u16(0).zeros(6);                               // graphicsmode copy, opcolor
            w.end(vmhd);
        } else {
            int smhd = w.beginFull("smhd", 0, 0);
            w.u16(0).u16(0);                                 // balance, reserved
            w.end(smhd);
        }
        int dinf = w.begin("dinf");
        int dref = w.beginFull("dref", 0, 0);
        w.u32(1);
        w.end(w.beginFull("url ", 0, 1));                    // self-contained
        w.end(dref);
        w.end(dinf);
        int stbl = w.begin("stbl");
        int stsd = w.beginFull("stsd", 0, 0);
        w.u32(1);
        e.write(w);
        w.end(stsd);
        empty(w, "stts");
        empty(w, "stsc");
        int stsz = w.beginFull("stsz", 0, 0);
        w.u32(0).u32(0);                                     // sample_size, sample_count
        w.end(stsz);
        empty(w, "stco");
        w.end(stbl);
        w.end(minf);
        w.end(mdia);
        w.end(trak);
    }

    /** A full box with entry_count 0. */
    private static void empty(BoxWriter w, String type) {
        int box = w.beginFull(type, 0, 0);
        w.u32(0);
        w.end(box);
    }
}
