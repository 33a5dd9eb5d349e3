package org.rtmp4j.live;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.rtmp4j.flv.mp4.Fmp4Fragment;

/**
 * One fMP4 fragment ({@code moof}+{@code mdat}, ISO/IEC 14496-12 §8.8) of a live stream, muxed once
 * by the publisher's {@link Fmp4Encoding} and attached to the {@link LiveMedia} whose arrival
 * flushed it ({@link LiveMedia#fmp4()}); every fMP4 player writes the same bytes. Because the muxer
 * holds back each track's newest sample, the fragment carries the sample(s) before that message,
 * not the message itself.
 *
 * <p>Immutable; the buffers are read-only and must be written through {@code duplicate()} views.
 *
 * @param encoding the publisher's encoding that made it (a new publisher makes a new one)
 * @param initVersion the {@link org.rtmp4j.flv.mp4.Fmp4Muxer#initVersion()} its samples belong to
 * @param initSegment the init segment ({@code ftyp}+{@code moov}, §4.3, §8.2) of that version, shared
 * @param fragment the fragment, shared
 */
record SharedFragment(Fmp4Encoding encoding, int initVersion, ByteBuffer initSegment, Fmp4Fragment fragment) {
    SharedFragment {
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(initSegment, "initSegment");
        Objects.requireNonNull(fragment, "fragment");
    }

    /** @return whether a decoder can start here: the first video sample is a sync sample, or there is no video */
    boolean independent() {
        return fragment.independent();
    }
}
