package org.rtmp4j.flv.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.rtmp4j.flv.FlvFormatException;

/** Every legacy CodecID (FLV 10.1 §E.4.3.1) and SoundFormat (§E.4.2.1) has a name. */
class LegacyCodecNamesTest {

    @Test
    void everyLegacyVideoCodecIdIsNamed() throws FlvFormatException {
        String[] names = {null, "jpeg", "h263", "screen", "vp6", "vp6a", "screen2", "h264"};
        for (int id = 1; id <= 7; id++) {
            ByteBuffer body = ByteBuffer.wrap(new byte[] {(byte) (0x10 | id), 1, 0, 0, 0});
            VideoTagHeader h = VideoTagHeader.parse(body);
            assertThat(h.codecId()).isEqualTo(id);
            assertThat(h.codecName()).isEqualTo(names[id]);
            assertThat(h.isKeyFrame()).isTrue();
        }
        assertThat(VideoTagHeader.parse(ByteBuffer.wrap(new byte[] {0x1C, 1, 0, 0, 0}))
                .codecName()).isEqualTo("hevc");
    }

    @Test
    void everyLegacySoundFormatIsNamedWithItsRateSizeAndType() throws FlvFormatException {
        String[] names = {"pcm", "adpcm", "mp3", "pcm_le", "nellymoser16k", "nellymoser8k",
            "nellymoser", "g711a", "g711u", null, "aac", "speex", "format12", "format13",
            "mp3_8k", "native"};
        for (int format = 0; format < 16; format++) {
            if (format == AudioTagHeader.FORMAT_EX_HEADER) {
                continue;
            }
            // rate 3 (44 kHz), 16-bit, stereo
            ByteBuffer body = ByteBuffer.wrap(new byte[] {(byte) (format << 4 | 0x0F), 1});
            AudioTagHeader h = AudioTagHeader.parse(body);
            assertThat(h.codecName()).isEqualTo(names[format]);
            assertThat(h.soundRate()).isEqualTo(3);
            assertThat(h.soundSize()).isEqualTo(1);
            assertThat(h.soundType()).isEqualTo(1);
        }
    }

    @Test
    void everyExHeaderFourCcIsNamed() throws FlvFormatException {
        String[][] video = {{"avc1", "h264"}, {"hvc1", "hevc"}, {"vp08", "vp8"},
            {"vp09", "vp9"}, {"av01", "av1"}, {"vvc1", "vvc"}};
        for (String[] v : video) {
            byte[] b = {(byte) 0x93, 0, 0, 0, 0};
            System.arraycopy(v[0].getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, b, 1, 4);
            assertThat(VideoTagHeader.parse(ByteBuffer.wrap(b)).codecName()).isEqualTo(v[1]);
        }
        String[][] audio = {{"mp4a", "aac"}, {"Opus", "opus"}, {"fLaC", "flac"},
            {"ac-3", "ac3"}, {"ec-3", "eac3"}, {".mp3", "mp3"}};
        for (String[] a : audio) {
            byte[] b = {(byte) 0x91, 0, 0, 0, 0};
            System.arraycopy(a[0].getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, b, 1, 4);
            assertThat(AudioTagHeader.parse(ByteBuffer.wrap(b)).codecName()).isEqualTo(a[1]);
        }
    }
}
