package org.rtmp4j.flv.mp4;

import java.nio.ByteBuffer;

/**
 * One buffered sample: an access unit (video) or coded audio frame, as it goes into {@code mdat}.
 *
 * @param dtsMs the decode time in ms on the muxer's 64-bit timeline
 * @param ctsMs the composition time offset in ms (FLV CompositionTime; may be negative)
 * @param sync whether it is a sync sample (a key frame; every audio sample)
 * @param data the sample bytes, a read-only view of the FLV tag body (not copied)
 * @param initVersion the init segment version the sample belongs to
 * @param entry the sample entry of that version (its timescale applies)
 */
record Sample(long dtsMs, int ctsMs, boolean sync, ByteBuffer data, int initVersion,
        SampleEntry entry) {}
