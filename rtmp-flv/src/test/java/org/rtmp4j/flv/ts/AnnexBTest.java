package org.rtmp4j.flv.ts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtmp4j.flv.FlvFormatException;

/** Length-prefixed NAL units (ISO/IEC 14496-15) to the Annex B byte stream with an access unit delimiter first. */
class AnnexBTest {
    private static final HexFormat HEX = HexFormat.of();

    private static String convert(String frameHex, int lengthSize, boolean hevc, List<String> sets) throws Exception {
        List<ByteBuffer> parameterSets = sets.stream().map(s -> ByteBuffer.wrap(HEX.parseHex(s))).toList();
        List<ByteBuffer> out = new ArrayList<>();
        ByteBuffer frame = ByteBuffer.wrap(HEX.parseHex(frameHex)).asReadOnlyBuffer();
        int n = AnnexB.convert(frame, lengthSize, hevc, parameterSets, out);
        assertThat(frame.position()).as("the frame's position is kept").isZero();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        out.forEach(b -> bytes.writeBytes(copy(b)));
        assertThat(bytes.size()).as("reported length").isEqualTo(n);
        return HEX.formatHex(bytes.toByteArray());
    }

    private static byte[] copy(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    @Test
    void h264KeyframeGetsDelimiterThenSpsPpsThenItsNalUnits() throws Exception {
        String out = convert("00000003" + "650102" + "00000002" + "0677", 4, false, List.of("6742c01e", "68ce"));
        assertThat(out).isEqualTo("0000000109f0" + "000000016742c01e" + "0000000168ce" + "00000001650102" + "000000010677");
    }

    @Test
    void interFrameGetsNoParameterSetsAndItsOwnDelimiterIsDropped() throws Exception {
        String out = convert("0002" + "09f0" + "0003" + "419a02", 2, false, List.of());
        assertThat(out).isEqualTo("0000000109f0" + "00000001419a02");
        assertThat(convert("02" + "4101" + "00" + "01" + "41", 1, false, List.of()))
                .as("1-byte lengths; an empty NAL unit is skipped").isEqualTo("0000000109f0" + "000000014101" + "0000000141");
    }

    @Test
    void hevcGetsItsOwnDelimiterAndDropsTheFramesOne() throws Exception {
        String out = convert("00000003" + "460150" + "00000003" + "2601af", 4, true, List.of("4001", "4201", "4401"));
        assertThat(out).isEqualTo("00000001460150" + "000000014001" + "000000014201" + "000000014401" + "000000012601af");
    }

    @Test
    void truncatedOrOverlongLengthsAreRefusedWithTheirOffset() {
        assertThatThrownBy(() -> convert("00000002" + "6501" + "0000", 4, false, List.of()))
                .isInstanceOf(FlvFormatException.class)
                .satisfies(e -> assertThat(((FlvFormatException) e).offset()).isEqualTo(6))
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> convert("00000009" + "6501", 4, false, List.of()))
                .isInstanceOf(FlvFormatException.class)
                .satisfies(e -> assertThat(((FlvFormatException) e).offset()).isZero())
                .hasMessageContaining("runs past");
        assertThatThrownBy(() -> convert("ffffffff" + "6501", 4, false, List.of()))
                .as("a 32-bit length above Integer.MAX_VALUE").isInstanceOf(FlvFormatException.class);
        assertThatThrownBy(() -> convert("0002" + "09f0", 2, false, List.of()))
                .hasMessageContaining("no NAL unit");
    }
}
