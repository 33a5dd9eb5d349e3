package org.rtmp4j.flv.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rtmp4j.flv.FlvFormatException;

class MultitrackTest {

    static ByteBuffer bytes(int... b) {
        byte[] a = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            a[i] = (byte) b[i];
        }
        return ByteBuffer.wrap(a);
    }

    static int[] payload(ByteBuffer b) {
        int[] a = new int[b.remaining()];
        for (int i = 0; i < a.length; i++) {
            a[i] = b.get(b.position() + i) & 0xFF;
        }
        return a;
    }

    @Test
    void videoOneTrackRunsToTheEndOfTheBody() throws FlvFormatException {
        // ExHeader key frame, Multitrack; OneTrack | SequenceStart; "av01"; track 3; payload
        Multitrack m = Multitrack.parseVideo(bytes(0x96, 0x00, 'a', 'v', '0', '1', 3, 0x81, 0x24));
        assertThat(m.video()).isTrue();
        assertThat(m.multitrackType()).isEqualTo(AvMultitrackType.ONE_TRACK);
        assertThat(m.videoPacketType()).isEqualTo(VideoPacketType.SEQUENCE_START);
        assertThat(m.tracks()).hasSize(1);
        Multitrack.Track t = m.tracks().get(0);
        assertThat(t.trackId()).isEqualTo(3);
        assertThat(t.fourCc()).isEqualTo("av01");
        assertThat(payload(t.payload())).containsExactly(0x81, 0x24);
        assertThat(t.payload().isReadOnly()).isTrue();
    }

    @Test
    void videoManyTracksShareTheFourCcAndCarryCompositionTimes() throws FlvFormatException {
        // Multitrack; ManyTracks | CodedFrames; "avc1"; track 0 size 5 (cts -1, 2 bytes);
        // track 1 size 4 (cts 66, 1 byte)
        Multitrack m = Multitrack.parseVideo(bytes(0x96, 0x11, 'a', 'v', 'c', '1',
                0, 0, 0, 5, 0xFF, 0xFF, 0xFF, 0xAA, 0xBB,
                1, 0, 0, 4, 0, 0, 66, 0xCC));
        assertThat(m.multitrackType()).isEqualTo(AvMultitrackType.MANY_TRACKS);
        assertThat(m.videoPacketType()).isEqualTo(VideoPacketType.CODED_FRAMES);
        assertThat(m.tracks()).extracting(Multitrack.Track::trackId).containsExactly(0, 1);
        assertThat(m.tracks()).extracting(Multitrack.Track::fourCc).containsOnly("avc1");
        assertThat(m.tracks()).extracting(Multitrack.Track::compositionTime)
                .containsExactly(-1, 66);
        assertThat(payload(m.tracks().get(0).payload())).containsExactly(0xAA, 0xBB);
        assertThat(payload(m.tracks().get(1).payload())).containsExactly(0xCC);
    }

    @Test
    void videoManyTracksManyCodecsReadsAFourCcPerTrack() throws FlvFormatException {
        // ManyTracksManyCodecs | CodedFramesX: "hvc1" track 0 (1 byte), "av01" track 1 (2 bytes)
        Multitrack m = Multitrack.parseVideo(bytes(0x96, 0x23,
                'h', 'v', 'c', '1', 0, 0, 0, 1, 0x11,
                'a', 'v', '0', '1', 1, 0, 0, 2, 0x22, 0x33));
        assertThat(m.multitrackType()).isEqualTo(AvMultitrackType.MANY_TRACKS_MANY_CODECS);
        assertThat(m.tracks()).extracting(Multitrack.Track::fourCc)
                .containsExactly("hvc1", "av01");
        assertThat(m.tracks()).extracting(Multitrack.Track::compositionTime).containsOnly(0);
        assertThat(payload(m.tracks().get(1).payload())).containsExactly(0x22, 0x33);
    }

    @Test
    void audioManyTracksAfterAModExPrefix() throws FlvFormatException {
        // ExHeader, ModEx (size 3: nano 1000), next: TimestampOffsetNano | Multitrack;
        // ManyTracks | CodedFrames; "Opus"; tracks 0 and 2
        Multitrack m = Multitrack.parseAudio(bytes(0x97, 2, 0x00, 0x03, 0xE8, 0x05, 0x11,
                'O', 'p', 'u', 's', 0, 0, 0, 1, 0xA0, 2, 0, 0, 1, 0xA2));
        assertThat(m.video()).isFalse();
        assertThat(m.audioPacketType()).isEqualTo(AudioPacketType.CODED_FRAMES);
        assertThat(m.tracks()).extracting(Multitrack.Track::trackId).containsExactly(0, 2);
        assertThat(payload(m.tracks().get(1).payload())).containsExactly(0xA2);
        AudioTagHeader h = AudioTagHeader.parse(bytes(0x97, 2, 0x00, 0x03, 0xE8, 0x05, 0x11,
                'O', 'p', 'u', 's', 0, 0, 0, 1, 0xA0));
        assertThat(h.timestampOffsetNano()).isEqualTo(1000);
    }

    @Test
    void trackSizeOverrunningTheBodyNamesItsOffset() {
        assertThatThrownBy(() -> Multitrack.parseVideo(bytes(0x96, 0x11, 'a', 'v', '0', '1',
                0, 0, 0, 9, 1)))
                .isInstanceOfSatisfying(FlvFormatException.class, e -> {
                    assertThat(e.offset()).isEqualTo(7);
                    assertThat(e.reason()).contains("overruns");
                });
    }

    @Test
    void nonMultitrackAndNestedMultitrackAreRejected() {
        assertThatThrownBy(() -> Multitrack.parseVideo(bytes(0x90, 'a', 'v', '0', '1')))
                .isInstanceOf(FlvFormatException.class).hasMessageContaining("not Multitrack");
        assertThatThrownBy(() -> Multitrack.parseVideo(bytes(0x17, 0, 0, 0, 0)))
                .isInstanceOf(FlvFormatException.class).hasMessageContaining("ExHeader");
        assertThatThrownBy(() -> Multitrack.parseAudio(bytes(0x95, 0x05, 'O', 'p', 'u', 's', 0)))
                .isInstanceOf(FlvFormatException.class).hasMessageContaining("not allowed");
    }

    @Test
    void truncatedAndCorruptedBodiesRaiseOnlyFormatExceptions() {
        byte[] valid = {(byte) 0x96, 0x23, 'h', 'v', 'c', '1', 0, 0, 0, 4, 0, 0, 1, 0x11,
            'a', 'v', '0', '1', 1, 0, 0, 2, 0x22, 0x33};
        for (int len = 0; len < valid.length; len++) {
            try {
                Multitrack.parseVideo(ByteBuffer.wrap(valid, 0, len).slice());
            } catch (FlvFormatException e) {
                assertThat(e.offset()).isBetween(0L, (long) len);
            }
        }
        Random random = new Random(7);
        for (int i = 0; i < 5000; i++) {
            byte[] copy = valid.clone();
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
            try {
                Multitrack.parseVideo(ByteBuffer.wrap(copy));
                Multitrack.parseAudio(ByteBuffer.wrap(copy));
            } catch (FlvFormatException e) {
                assertThat(e.reason()).isNotBlank();
            }
        }
    }
}
