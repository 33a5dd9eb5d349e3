package org.rtmp4j.flv.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rtmp4j.amf.Amf0;
import org.rtmp4j.amf.AmfUndefined;
import org.rtmp4j.flv.FlvFormatException;

class VideoMetadataTest {

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void colorInfoOfAnExHeaderMetadataPacketIsDecoded() throws FlvFormatException {
        Map<String, Object> colorInfo = map(
                "colorConfig", map("bitDepth", 10.0, "colorPrimaries", 9.0,
                        "transferCharacteristics", 16.0, "matrixCoefficients", 9.0),
                "hdrCll", map("maxFall", 400.0, "maxCLL", 1000.0),
                "hdrMdcv", map("redX", 0.708, "redY", 0.292, "greenX", 0.17, "greenY", 0.797,
                        "blueX", 0.131, "blueY", 0.046, "whitePointX", 0.3127,
                        "whitePointY", 0.329, "maxLuminance", 1000.0, "minLuminance", 0.0001));
        ByteBuffer amf = Amf0.encode("colorInfo", colorInfo);
        // ExHeader, frame type 5 (ignored for Metadata), packet type Metadata, "hvc1"
        ByteBuffer body = ByteBuffer.allocate(5 + amf.remaining());
        body.put((byte) 0xD4).put(new byte[] {'h', 'v', 'c', '1'}).put(amf).flip();
        VideoTagHeader h = VideoTagHeader.parse(body);
        assertThat(h.packetType()).isEqualTo(VideoPacketType.METADATA);
        assertThat(h.isKeyFrame()).isFalse();
        ByteBuffer payload = body.duplicate().position(h.headerSize()).slice();
        ColorInfo ci = VideoMetadata.parse(payload).colorInfo();
        assertThat(ci.colorConfig().bitDepth()).isEqualTo(10.0);
        assertThat(ci.colorConfig().transferCharacteristics()).isEqualTo(16.0);
        assertThat(ci.hdrCll().maxCll()).isEqualTo(1000.0);
        assertThat(ci.hdrCll().maxFall()).isEqualTo(400.0);
        assertThat(ci.hdrMdcv().whitePointX()).isEqualTo(0.3127);
        assertThat(ci.hdrMdcv().minLuminance()).isEqualTo(0.0001);
    }

    @Test
    void undefinedColorInfoIsAResetAndMissingPartsAreNull() throws FlvFormatException {
        VideoMetadata reset = VideoMetadata.parse(Amf0.encode("colorInfo", AmfUndefined.INSTANCE));
        assertThat(reset.colorInfo()).isEqualTo(ColorInfo.EMPTY);
        VideoMetadata partial = VideoMetadata.parse(Amf0.encode("colorInfo",
                map("colorConfig", map("bitDepth", 8.0))));
        assertThat(partial.colorInfo().hdrCll()).isNull();
        assertThat(partial.colorInfo().colorConfig().colorPrimaries()).isNaN();
        assertThat(VideoMetadata.parse(Amf0.encode("other", 1.0)).colorInfo()).isNull();
    }

    @Test
    void malformedAmfBecomesAFormatExceptionWithItsOffset() {
        ByteBuffer bad = ByteBuffer.wrap(new byte[] {2, 0, 9, 'c', 'o', 'l'});
        assertThatThrownBy(() -> VideoMetadata.parse(bad))
                .isInstanceOf(FlvFormatException.class).hasMessageContaining("AMF0");
        assertThatThrownBy(() -> VideoMetadata.parse(Amf0.encode(1.0, 2.0)))
                .isInstanceOf(FlvFormatException.class).hasMessageContaining("not a string");
    }
}
