package org.rtmp4j.flv.ts;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The multiplexing half of {@link TsMuxer}: the program's PSI (PAT, PMT and their versions), the
 * system clock that paces the PCR, the PES packets of both elementary streams and the AAC frames
 * gathered into the next audio PES. Times are FLV milliseconds extended to 64 bits. Not
 * thread-safe.
 */
final class TsProgram {
    /** A backwards step of the clock larger than this starts a new time base. */
    private static final long BACKWARDS_JUMP_MS = 1000;
    /** PES payload bytes gathered at most, so PES_packet_length (16 bits) always fits. */
    private static final int MAX_AUDIO_PES_PAYLOAD = 0xFFFF - PesHeader.MAX_SIZE;

    private final TsPacketWriter writer = new TsPacketWriter();
    private final long decodeDelayMs;
    private final long pcrIntervalMs;
    private final long maxAudioPesMs;

    private int videoStreamType;
    private boolean audio;
    private int pmtVersion;
    private boolean pmtWritten;
    private boolean tablesDue = true;

    private boolean clockStarted;
    private long clockMs;
    private long lastPcrMs;
    private boolean pcrDue = true;
    private boolean discontinuity;

    private final List<ByteBuffer> audioPieces = new ArrayList<>();
    private int audioBytes;
    private long audioFirstMs;
    private long audioPreviousMs = Long.MIN_VALUE;

    TsProgram(TsMuxerOptions options) {
        this.decodeDelayMs = options.decodeDelay().toMillis();
        this.pcrIntervalMs = options.pcrInterval().toMillis();
        this.maxAudioPesMs = options.maxAudioPesDuration().toMillis();
    }

    /**
     * Declares the video elementary stream (or changes its stream_type): the PMT gets a new
     * version, written before the next PES.
     *
     * @param streamType the stream_type
     */
    void video(int streamType) {
        if (videoStreamType != streamType) {
            videoStreamType = streamType;
            pmtChanged();
        }
    }

    /** Declares the audio elementary stream (AAC in ADTS). */
    void audio() {
        if (!audio) {
            audio = true;
            pmtChanged();
        }
    }

    private void pmtChanged() {
        flushAudio();
        if (pmtWritten) {
            pmtVersion = (pmtVersion + 1) & 0x1F;
        }
        tablesDue = true;
    }

    /** The next PES is preceded by PAT and PMT; gathered audio is written first. */
    void startSegment() {
        flushAudio();
        tablesDue = true;
    }

    /**
     * Writes gathered audio and hands over the packets written since the last take.
     *
     * @return a multiple of 188 bytes, possibly empty
     */
    ByteBuffer take() {
        flushAudio();
        return writer.take();
    }

    /**
     * Writes one video access unit as one PES packet on {@link TsMuxer#VIDEO_PID}; a keyframe is
     * preceded by PAT and PMT and flagged with the random_access_indicator.
     *
     * @param payload the Annex B access unit in pieces
     * @param payloadLength its size in bytes
     * @param dtsMs decoding time in ms
     * @param ptsMs presentation time in ms, not before {@code dtsMs}
     * @param keyFrame whether it is a random access point
     */
    void writeVideo(List<ByteBuffer> payload, int payloadLength, long dtsMs, long ptsMs,
            boolean keyFrame) {
        advanceClock(dtsMs);
        if (keyFrame) {
            flushAudio();
            tablesDue = true;
        }
        writePes(TsMuxer.VIDEO_PID, PesHeader.STREAM_ID_VIDEO, payload, payloadLength, dtsMs,
                ptsMs, keyFrame);
    }

    /**
     * Adds one AAC frame, with its ADTS header, to the audio PES being gathered; writes that PES
     * when it is long enough.
     *
     * @param adts the 7 ADTS header bytes
     * @param raw the raw_data_block
     * @param dtsMs the frame's time in ms
     */
    void writeAudio(byte[] adts, ByteBuffer raw, long dtsMs) {
        advanceClock(dtsMs);
        long limit = videoStreamType == 0 ? Math.min(maxAudioPesMs, pcrIntervalMs) : maxAudioPesMs;
        int size = adts.length + raw.remaining();
        if (!audioPieces.isEmpty()
                && (dtsMs - audioFirstMs >= limit || dtsMs < audioPreviousMs
                        || audioBytes + size > MAX_AUDIO_PES_PAYLOAD)) {
            flushAudio();
        }
        if (audioPieces.isEmpty()) {
            audioFirstMs = dtsMs;
        }
        audioPieces.add(ByteBuffer.wrap(adts));
        audioPieces.add(raw.duplicate());
        audioBytes += size;
        long frameMs = dtsMs >= audioPreviousMs && audioPreviousMs != Long.MIN_VALUE
                ? dtsMs - audioPreviousMs : 0;
        audioPreviousMs = dtsMs;
        if (limit == 0 || dtsMs + 2 * frameMs - audioFirstMs > limit) {
            flushAudio();           // one more frame would make the PES span more than the limit
        }
    }

    private void flushAudio() {
        if (audioPieces.isEmpty()) {
            return;
        }
        writePes(TsMuxer.AUDIO_PID, PesHeader.STREAM_ID_AUDIO, audioPieces, audioBytes,
                audioFirstMs, audioFirstMs, false);
        audioPieces.clear();
        audioBytes = 0;
    }

    /**
     * The clock follows the largest DTS seen; a step back of more than a second (a publisher
     * that restarted its timeline) restarts it there and flags a discontinuity (§2.4.3.5).
     */
    private void advanceClock(long dtsMs) {
        if (!clockStarted) {
            clockStarted = true;
            clockMs = dtsMs;
        } else if (dtsMs > clockMs) {
            clockMs = dtsMs;
        } else if (clockMs - dtsMs > BACKWARDS_JUMP_MS) {
            clockMs = dtsMs;
            discontinuity = true;
            pcrDue = true;
        }
    }

    private void writePes(int pid, int streamId, List<ByteBuffer> payload, int payloadLength,
            long dtsMs, long ptsMs, boolean randomAccess) {
        if (tablesDue) {
            writeTables();
        }
        int pcrPid = videoStreamType != 0 ? TsMuxer.VIDEO_PID : TsMuxer.AUDIO_PID;
        long pcrBase = clockMs * 90;
        boolean pcrHere = pid == pcrPid;
        if (!pcrHere && (pcrDue || clockMs - lastPcrMs >= pcrIntervalMs / 2)) {
            writer.writePcrOnly(pcrPid, pcrBase, discontinuity);
            pcrWritten();
        }
        byte[] header = PesHeader.encode(streamId, payloadLength,
                (ptsMs + decodeDelayMs) * 90, (dtsMs + decodeDelayMs) * 90);
        List<ByteBuffer> pes = new ArrayList<>(payload.size() + 1);
        pes.add(ByteBuffer.wrap(header));
        pes.addAll(payload);
        TsPacketWriter.FirstPacket first = new TsPacketWriter.FirstPacket(pcrHere ? pcrBase : -1,
                randomAccess, pcrHere && discontinuity);
        writer.writePes(pid, pes, header.length + payloadLength, first);
        if (pcrHere) {
            pcrWritten();
        }
    }

    private void pcrWritten() {
        lastPcrMs = clockMs;
        pcrDue = false;
        discontinuity = false;
    }

    private void writeTables() {
        writer.writeSection(0, PsiSections.pat(TsMuxer.PMT_PID, 0));
        List<int[]> streams = new ArrayList<>(2);
        if (videoStreamType != 0) {
            streams.add(new int[] {videoStreamType, TsMuxer.VIDEO_PID});
        }
        if (audio) {
            streams.add(new int[] {TsMuxer.STREAM_TYPE_AAC_ADTS, TsMuxer.AUDIO_PID});
        }
        int pcrPid = videoStreamType != 0 ? TsMuxer.VIDEO_PID : TsMuxer.AUDIO_PID;
        writer.writeSection(TsMuxer.PMT_PID,
                PsiSections.pmt(pcrPid, pmtVersion, streams.toArray(new int[0][])));
        pmtWritten = true;
        tablesDue = false;
        pcrDue = true;
    }
}
