package org.rtmp4j.flv.mp4;

/**
 * A VisualSampleEntry (ISO/IEC 14496-12 §12.1.3) with its codec configuration box: {@code avc1}
 * + {@code avcC} (ISO/IEC 14496-15 §5.4.2.1), {@code hvc1} + {@code hvcC} (ISO/IEC 14496-15
 * §8.4.1.1), {@code av01} + {@code av1C} (AV1 Codec ISO Media File Format Binding §2.2, §2.3) or
 * {@code vp09} + {@code vpcC} (VP Codec ISO Media File Format Binding §2.2, §2.3).
 *
 * <p>For {@code avcC}, {@code hvcC} and {@code av1C} the box body is the configuration record
 * exactly as the FLV sequence header carries it; {@code vpcC} is a full box (version 1) whose body
 * {@link CodecConfigs} builds from the parsed record. Immutable (the array is not shared).
 *
 * @param fourCc the sample entry type: avc1, hvc1, av01 or vp09
 * @param configType the configuration box type: avcC, hvcC, av1C or vpcC
 * @param configBody the configuration box body (after the 8-byte box header)
 * @param width the picture width in pixels
 * @param height the picture height in pixels
 */
record VideoSampleEntry(String fourCc, String configType, byte[] configBody, int width, int height)
        implements SampleEntry {

    /** The video media timescale: 90 kHz, so that 1 ms is 90 ticks exactly. */
    static final int TIMESCALE = 90_000;

    VideoSampleEntry {
        configBody = configBody.clone();
    }

    @Override
    public String handlerType() {
        return "vide";
    }

    @Override
    public int timescale() {
        return TIMESCALE;
    }

    @Override
    public void write(BoxWriter w) {
        int entry = w.begin(fourCc);
        w.zeros(6).u16(1);                  // SampleEntry: reserved, data_reference_index
        w.u16(0).u16(0).zeros(12);          // pre_defined, reserved, pre_defined[3]
        w.u16(width).u16(height);
        w.u32(0x00480000).u32(0x00480000);  // horizresolution, vertresolution: 72 dpi
        w.u32(0).u16(1);                    // reserved, frame_count
        w.zeros(32);                        // compressorname: empty Pascal string
        w.u16(0x0018).u16(0xFFFF);          // depth, pre_defined = -1
        int config = w.begin(configType);
        w.bytes(configBody);
        w.end(config);
        w.end(entry);
    }

    /** Equal when every field is, the configuration bytes compared by content. */
    @Override
    public boolean equals(Object other) {
        return other instanceof VideoSampleEntry o && fourCc.equals(o.fourCc) && configType.equals(o.configType) && java.util.Arrays.equals(configBody, o.configBody) && width == o.width && height == o.height;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(fourCc, configType, width, height) * 31 + java.util.Arrays.hashCode(configBody);
    }
}
