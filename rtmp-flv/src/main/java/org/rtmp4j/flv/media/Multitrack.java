package org.rtmp4j.flv.media;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.rtmp4j.flv.FlvFormatException;

/**
 * A parsed E-RTMP multitrack audio or video tag body (E-RTMP v2, Multitrack): the
 * AvMultitrackType, the packet type shared by all tracks, and each track's id, FourCC and
 * payload.
 *
 * <p>Layout after the first byte and any ModEx prefixes (packet type {@code Multitrack}):
 * AvMultitrackType UB[4] | packet type UB[4]; the FourCC unless {@code ManyTracksManyCodecs};
 * then per track: the FourCC when {@code ManyTracksManyCodecs}, trackId UI8, and, unless
 * {@code OneTrack}, sizeOfTrack UI24 counting the bytes after it. A {@code OneTrack} body has a
 * single track that runs to the end. For video {@code CodedFrames} of avc1, hvc1 and vvc1 each
 * track's data starts with an SI24 composition time, which is parsed into
 * {@link Track#compositionTime()} and excluded from {@link Track#payload()}.
 *
 * <p>Payloads are read-only views of the body (no copy). Immutable.
 *
 * @param video true for a video body, false for audio
 * @param multitrackType the AvMultitrackType
 * @param packetTypeId the packet type id of every track ({@link VideoPacketType} or
 *     {@link AudioPacketType} id)
 * @param tracks the tracks in body order
 */
public record Multitrack(boolean video, AvMultitrackType multitrackType, int packetTypeId,
        List<Track> tracks) {

    /**
     * One track of a multitrack body.
     *
     * @param trackId the UI8 track id (0 is the default track by convention)
     * @param fourCc the track's FourCC
     * @param compositionTime SI24 composition time in ms for video CodedFrames of avc1, hvc1,
     *     vvc1; else 0
     * @param payload read-only view of the codec payload (sequence header, frames, ...)
     */
    public record Track(int trackId, String fourCc, int compositionTime, ByteBuffer payload) {}

    /**
     * Copies the track list.
     *
     * @param video video or audio
     * @param multitrackType the type
     * @param packetTypeId the shared packet type id
     * @param tracks the tracks
     */
    public Multitrack {
        tracks = List.copyOf(tracks);
    }

    /**
     * Returns the video packet type of the tracks.
     *
     * @return the packet type, or {@code null} for an audio body
     */
    public VideoPacketType videoPacketType() {
        return video ? VideoPacketType.of(packetTypeId) : null;
    }

    /**
     * Returns the audio packet type of the tracks.
     *
     * @return the packet type, or {@code null} for a video body
     */
    public AudioPacketType audioPacketType() {
        return video ? null : AudioPacketType.of(packetTypeId);
    }

    /**
     * Parses a multitrack video tag body (E-RTMP v2, Enhanced Video, Multitrack).
     *
     * @param body the whole video tag body; position kept
     * @return the tracks
     * @throws FlvFormatException if the body is not ExHeader multitrack, is truncated, a track
     *     size overruns the body, or a type is reserved; offsets are 0-based within the body
     */
    public static Multitrack parseVideo(ByteBuffer body) throws FlvFormatException {
        return parse(body, true);
    }

    /**
     * Parses a multitrack audio tag body (E-RTMP v2, Enhanced Audio, Multitrack).
     *
     * @param body the whole audio tag body; position kept
     * @return the tracks
     * @throws FlvFormatException as for {@link #parseVideo}
     */
    public static Multitrack parseAudio(ByteBuffer body) throws FlvFormatException {
        return parse(body, false);
    }

    private static Multitrack parse(ByteBuffer body, boolean video) throws FlvFormatException {
        String what = video ? "video multitrack body" : "audio multitrack body";
        TagBodyCursor c = new TagBodyCursor(body, what);
        int b0 = c.u8();
        boolean ex = video ? (b0 & 0x80) != 0 : (b0 >> 4) == AudioTagHeader.FORMAT_EX_HEADER;
        if (!ex) {
            throw c.error(0, "not an ExHeader body");
        }
        int modEx = video ? VideoPacketType.MOD_EX.id() : AudioPacketType.MOD_EX.id();
        int multi = video ? VideoPacketType.MULTITRACK.id() : AudioPacketType.MULTITRACK.id();
        int pt = b0 & 0x0F;
        while (pt == modEx) {
            int size = c.u8() + 1;
            if (size == 256) {
                size = c.u16() + 1;
            }
            c.skip(size);
            pt = c.u8() & 0x0F;
        }
        if (pt != multi) {
            throw c.error(0, "packet type " + pt + " is not Multitrack");
        }
        int at = c.position();
        int mb = c.u8();
        AvMultitrackType type = AvMultitrackType.of(mb >> 4);
        if (type == null) {
            throw c.error(at, "reserved AvMultitrackType " + (mb >> 4));
        }
        int packetType = mb & 0x0F;
        if (packetType == multi || packetType == modEx
                || (video ? VideoPacketType.of(packetType) : AudioPacketType.of(packetType))
                == null) {
            throw c.error(at, "packet type " + packetType + " not allowed inside Multitrack");
        }
        boolean manyCodecs = type == AvMultitrackType.MANY_TRACKS_MANY_CODECS;
        String shared = manyCodecs ? null : c.fourCc();
        boolean cts = video && packetType == VideoPacketType.CODED_FRAMES.id();
        int end = body.remaining();
        List<Track> tracks = new ArrayList<>();
        do {
            String fourCc = manyCodecs ? c.fourCc() : shared;
            int trackId = c.u8();
            int size;
            if (type == AvMultitrackType.ONE_TRACK) {
                size = end - c.position();
            } else {
                int sizeAt = c.position();
                size = c.u24();
                if (size > end - c.position()) {
                    throw c.error(sizeAt, "track " + trackId + " size " + size
                            + " overruns the body (" + (end - c.position()) + " bytes left)");
                }
            }
            int dataStart = c.position();
            int composition = 0;
            if (cts && VideoFourCc.hasCompositionTime(fourCc)) {
                if (size < 3) {
                    throw c.error(dataStart, "track " + trackId + " too short for the "
                            + "composition time");
                }
                composition = c.s24();
            }
            int payloadStart = c.position();
            int payloadSize = size - (payloadStart - dataStart);
            ByteBuffer payload = body.duplicate();
            payload.position(body.position() + payloadStart)
                    .limit(body.position() + payloadStart + payloadSize);
            c.skip(payloadSize);
            tracks.add(new Track(trackId, fourCc, composition, payload.slice().asReadOnlyBuffer()));
        } while (type != AvMultitrackType.ONE_TRACK && c.position() < end);
        return new Multitrack(video, type, packetType, tracks);
    }
}
