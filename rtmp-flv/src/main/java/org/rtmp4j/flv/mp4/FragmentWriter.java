package org.rtmp4j.flv.mp4;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Writes one movie fragment: {@code moof} (ISO/IEC 14496-12 §8.8.4) with {@code mfhd} (§8.8.5)
 * and one {@code traf} (§8.8.6) per track holding {@code tfhd} (§8.8.7, flag
 * default-base-is-moof as CMAF requires, ISO/IEC 23000-19 §7.5.16), {@code tfdt} (§8.8.12,
 * version 1: 64-bit baseMediaDecodeTime) and {@code trun} (§8.8.8, version 1: signed composition
 * time offsets; per-sample duration, size and flags, plus the offset for video), followed by
 * {@code mdat} (§8.1.1) with the samples of each track in {@code traf} order. Sample data is
 * copied once, into the returned buffer. Stateless.
 */
final class FragmentWriter {
    /** tfhd flag default-base-is-moof (§8.8.7.1). */
    private static final int DEFAULT_BASE_IS_MOOF = 0x020000;
    /** trun flags (§8.8.8.1). */
    private static final int DATA_OFFSET = 0x000001;
    private static final int SAMPLE_DURATION = 0x000100;
    private static final int SAMPLE_SIZE = 0x000200;
    private static final int SAMPLE_FLAGS = 0x000400;
    private static final int SAMPLE_CTS_OFFSET = 0x000800;
    /**
     * Sample flags (§8.8.3.1): a sync sample depends on no other (sample_depends_on 2); a
     * non-sync one depends on others (1) and has sample_is_non_sync_sample set.
     */
    static final int SYNC_FLAGS = 0x02000000;
    static final int NON_SYNC_FLAGS = 0x01010000;

    private FragmentWriter() {}

    /**
     * Writes the fragment.
     *
     * @param sequenceNumber the mfhd sequence_number
     * @param runs the non-empty runs, one per track
     * @return a new buffer, position 0
     * @throws IllegalStateException if the fragment would exceed 2 GiB
     */
    static ByteBuffer write(int sequenceNumber, List<TrackRun> runs) {
        BoxWriter w = new BoxWriter(256);
        int moof = w.begin("moof");
        int mfhd = w.beginFull("mfhd", 0, 0);
        w.u32(sequenceNumber);
        w.end(mfhd);
        int[] offsetFields = new int[runs.size()];
        long mdatPayload = 0;
        for (int r = 0; r < runs.size(); r++) {
            TrackRun run = runs.get(r);
            Fmp4Track t = run.track();
            boolean video = run.entry() instanceof VideoSampleEntry;
            int timescale = run.entry().timescale();
            int traf = w.begin("traf");
            int tfhd = w.beginFull("tfhd", 0, DEFAULT_BASE_IS_MOOF);
            w.u32(t.trackId());
            w.end(tfhd);
            int tfdt = w.beginFull("tfdt", 1, 0);
            w.u64(Fmp4Track.ticks(run.samples().get(0).dtsMs(), timescale));
            w.end(tfdt);
            int flags = DATA_OFFSET | SAMPLE_DURATION | SAMPLE_SIZE | SAMPLE_FLAGS
                    | (video ? SAMPLE_CTS_OFFSET : 0);
            int trun = w.beginFull("trun", 1, flags);
            w.u32(run.samples().size());
            offsetFields[r] = w.size();
            w.u32(0); // data_offset, patched below
            for (int i = 0; i < run.samples().size(); i++) {
                Sample s = run.samples().get(i);
                w.u32(Math.min(run.durations()[i], 0xFFFF_FFFFL));
                w.u32(s.data().remaining());
                w.u32(s.sync() ? SYNC_FLAGS : NON_SYNC_FLAGS);
                if (video) {
                    w.u32(Fmp4Track.ticks(s.ctsMs(), timescale));
                }
                mdatPayload += s.data().remaining();
            }
            w.end(trun);
            w.end(traf);
        }
        w.end(moof);
        long total = w.size() + 8L + mdatPayload;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("fragment of " + total + " bytes exceeds 2 GiB");
        }
        long offset = w.size() + 8L;
        for (int r = 0; r < runs.size(); r++) {
            w.putU32At(offsetFields[r], offset);
            for (Sample s : runs.get(r).samples()) {
                offset += s.data().remaining();
            }
        }
        ByteBuffer out = ByteBuffer.allocate((int) total);
        w.writeTo(out);
        out.putInt((int) (8 + mdatPayload)).put((byte) 'm').put((byte) 'd').put((byte) 'a')
                .put((byte) 't');
        for (TrackRun run : runs) {
            for (Sample s : run.samples()) {
                out.put(s.data().duplicate());
            }
        }
        return out.flip();
    }
}
