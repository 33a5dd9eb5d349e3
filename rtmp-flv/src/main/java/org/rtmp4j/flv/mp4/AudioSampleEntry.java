package org.rtmp4j.flv.mp4;

/**
 * An AudioSampleEntry (ISO/IEC 14496-12 §12.2.3, version 0) with its codec configuration box:
 * {@code mp4a} + {@code esds} (ISO/IEC 14496-14 §3.3; the ES_Descriptor of ISO/IEC 14496-1
 * §7.2.6.5 with the AudioSpecificConfig as DecoderSpecificInfo) or {@code Opus} + {@code dOps}
 * (Encapsulation of Opus in ISO Base Media File Format §4.3). Immutable (the array is not shared).
 *
 * @param fourCc the sample entry type: mp4a or Opus
 * @param configType the configuration box type: esds or dOps
 * @param configBody the configuration box body (after the 8-byte box header, version and flags
 *     included for the full box esds)
 * @param channels the channel count
 * @param sampleRate the sample rate in Hz, also the media timescale
 * @param frameTicks the duration of one coded frame in ticks (1024 for AAC-LC, 2048 for HE-AAC
 *     at its output rate, 960 for 20 ms of Opus): the duration assumed for a last sample
 */
record AudioSampleEntry(String fourCc, String configType, byte[] configBody, int channels,
        int sampleRate, int frameTicks) implements SampleEntry {

    AudioSampleEntry {
        configBody = configBody.clone();
    }

    @Override
    public String handlerType() {
        return "soun";
    }

    @Override
    public int timescale() {
        return sampleRate;
    }

    @Override
    public void write(BoxWriter w) {
        int entry = w.begin(fourCc);
        w.zeros(6).u16(1);                  // SampleEntry: reserved, data_reference_index
        w.zeros(8);                         // reserved[2]
        w.u16(channels).u16(16);            // channelcount, samplesize
        w.u16(0).u16(0);                    // pre_defined, reserved
        w.u32(sampleRate <= 0xFFFF ? (long) sampleRate << 16 : 0); // samplerate 16.16
        int config = w.begin(configType);
        w.bytes(configBody);
        w.end(config);
        w.end(entry);
    }

    /** Equal when every field is, the configuration bytes compared by content. */
    @Override
    public boolean equals(Object other) {
        return other instanceof AudioSampleEntry o && fourCc.equals(o.fourCc) && configType.equals(o.configType) && java.util.Arrays.equals(configBody, o.configBody) && channels == o.channels && sampleRate == o.sampleRate && frameTicks == o.frameTicks;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(fourCc, configType, channels, sampleRate, frameTicks) * 31 + java.util.Arrays.hashCode(configBody);
    }
}
