package org.rtmp4j.flv.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rtmp4j.flv.media.VideoTagHeaderTest.body;

import java.nio.ByteBuffer;
import org.rtmp4j.flv.FlvFormatException;
import org.junit.jupiter.api.Test;

class AudioTagHeaderTest {

    @Test
    void legacyAacSequenceHeader() throws Exception {
        ByteBuffer b = body(0xAF, 0x00, 0x12, 0x10);
        AudioTagHeader h = AudioTagHeader.parse(b);
        assertThat(b.position()).isZero();
        assertThat(h.exHeader()).isFalse();
        assertThat(h.soundFormat()).isEqualTo(AudioTagHeader.FORMAT_AAC);
        assertThat(h.soundRate()).isEqualTo(3);
        assertThat(h.soundSize()).isEqualTo(1);
        assertThat(h.soundType()).isEqualTo(1);
        assertThat(h.packetType()).isEqualTo(AudioPacketType.SEQUENCE_START);
        assertThat(h.isSequenceHeader()).isTrue();
        assertThat(h.codecName()).isEqualTo("aac");
        assertThat(h.headerSize()).isEqualTo(2);
    }

    @Test
    void legacyAacRawAndMp3AndSpeex() throws Exception {
        AudioTagHeader raw = AudioTagHeader.parse(body(0xAF, 0x01, 0x21));
        assertThat(raw.packetType()).isEqualTo(AudioPacketType.CODED_FRAMES);
        assertThat(raw.isSequenceHeader()).isFalse();
        AudioTagHeader mp3 = AudioTagHeader.parse(body(0x2E, 0xFF));
        assertThat(mp3.codecName()).isEqualTo("mp3");
        assertThat(mp3.soundRate()).isEqualTo(3);
        assertThat(mp3.soundSize()).isEqualTo(1);
        assertThat(mp3.soundType()).isZero();
        assertThat(mp3.packetType()).isNull();
        assertThat(mp3.headerSize()).isEqualTo(1);
        assertThat(AudioTagHeader.parse(body(0xB2)).codecName()).isEqualTo("speex");
        assertThat(AudioTagHeader.parse(body(0xE2)).codecName()).isEqualTo("mp3_8k");
    }

    @Test
    void exHeaderOpusSequenceStartAndCodedFrames() throws Exception {
        AudioTagHeader start = AudioTagHeader.parse(body(0x90, 'O', 'p', 'u', 's', 'O'));
        assertThat(start.exHeader()).isTrue();
        assertThat(start.soundFormat()).isEqualTo(AudioTagHeader.FORMAT_EX_HEADER);
        assertThat(start.packetType()).isEqualTo(AudioPacketType.SEQUENCE_START);
        assertThat(start.fourCc()).isEqualTo(AudioFourCc.OPUS);
        assertThat(start.isSequenceHeader()).isTrue();
        assertThat(start.codecName()).isEqualTo("opus");
        assertThat(start.headerSize()).isEqualTo(5);
        AudioTagHeader coded = AudioTagHeader.parse(body(0x91, 'm', 'p', '4', 'a', 0x21));
        assertThat(coded.packetType()).isEqualTo(AudioPacketType.CODED_FRAMES);
        assertThat(coded.codecName()).isEqualTo("aac");
        AudioTagHeader config = AudioTagHeader.parse(body(0x94, 'O', 'p', 'u', 's', 1, 1, 0, 0, 0, 4));
        assertThat(config.packetType()).isEqualTo(AudioPacketType.MULTICHANNEL_CONFIG);
        assertThat(config.headerSize()).isEqualTo(5);
    }

    @Test
    void exHeaderMultitrackManyTracksReadsSharedFourCcTrackIdAndSize() throws Exception {
        // Multitrack; ManyTracks | CodedFrames; fLaC; track 1; size 2
        AudioTagHeader h = AudioTagHeader.parse(body(0x95, 0x11, 'f', 'L', 'a', 'C', 0x01, 0, 0, 2, 9, 9));
        assertThat(h.isMultitrack()).isTrue();
        assertThat(h.multitrackType()).isEqualTo(AvMultitrackType.MANY_TRACKS);
        assertThat(h.packetType()).isEqualTo(AudioPacketType.CODED_FRAMES);
        assertThat(h.fourCc()).isEqualTo("fLaC");
        assertThat(h.trackId()).isEqualTo(1);
        assertThat(h.headerSize()).isEqualTo(10);
    }

    @Test
    void exHeaderModExIsConsumed() throws Exception {
        // ModEx; size 256 via UI8 255 + UI16 0x00FF (= 256 bytes); type 1 | SequenceStart; ac-3
        byte[] b = new byte[1 + 1 + 2 + 256 + 1 + 4];
        b[0] = (byte) 0x97;
        b[1] = (byte) 0xFF;
        b[2] = 0x00;
        b[3] = (byte) 0xFF;
        b[260] = 0x10;
        System.arraycopy("ac-3".getBytes(), 0, b, 261, 4);
        AudioTagHeader h = AudioTagHeader.parse(ByteBuffer.wrap(b));
        assertThat(h.modEx()).isTrue();
        assertThat(h.timestampOffsetNano()).isZero();
        assertThat(h.packetType()).isEqualTo(AudioPacketType.SEQUENCE_START);
        assertThat(h.codecName()).isEqualTo("ac3");
        assertThat(h.headerSize()).isEqualTo(b.length);
    }

    @Test
    void tooShortOrReservedInputThrowsWithBodyOffset() {
        assertThatThrownBy(() -> AudioTagHeader.parse(body()))
                .isInstanceOf(FlvFormatException.class)
                .hasMessage("FLV offset 0: audio tag header truncated: need 1 more byte(s) at offset 0, body has 0 bytes");
        assertThatThrownBy(() -> AudioTagHeader.parse(body(0xAF)))
                .isInstanceOf(FlvFormatException.class)
                .extracting(e -> ((FlvFormatException) e).offset()).isEqualTo(1L);
        assertThatThrownBy(() -> AudioTagHeader.parse(body(0x93, 'O', 'p', 'u', 's')))
                .isInstanceOf(FlvFormatException.class).hasMessageContaining("reserved AudioPacketType 3");
        assertThatThrownBy(() -> AudioTagHeader.parse(body(0x90, 'O', 'p')))
                .isInstanceOf(FlvFormatException.class)
                .extracting(e -> ((FlvFormatException) e).offset()).isEqualTo(1L);
    }
}
