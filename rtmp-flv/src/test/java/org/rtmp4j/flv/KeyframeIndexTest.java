package org.rtmp4j.flv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rtmp4j.amf.Amf0;
import org.rtmp4j.amf.Amf0Reader;

class KeyframeIndexTest {

    @Test
    void everyEntryCountFillsTheRegionExactlyAndDecodesAsAmf0() {
        for (int capacity : new int[] {0, 1, 2, 5, 1024, 3700, 10_000}) {
            int region = KeyframeIndex.regionSize(capacity);
            for (int entries : new int[] {0, 1, 2, capacity / 2, capacity, capacity + 7}) {
                KeyframeIndex index = new KeyframeIndex();
                for (int i = 0; i < entries; i++) {
                    index.add(i * 2000L, 1000L + i * 500L);
                }
                ByteBuffer b = index.encode(region);
                assertThat(b.remaining()).isEqualTo(region);
                Amf0Reader r = new Amf0Reader(b.duplicate());
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) r.readValue();
                assertThat(r.hasRemaining()).isFalse();
                List<?> times = (List<?>) m.get("times");
                List<?> positions = (List<?>) m.get("filepositions");
                int kept = Math.min(entries, capacity);
                assertThat(times).hasSize(kept);
                assertThat(positions).hasSize(kept);
                if (kept > 0) {
                    assertThat(times.get(0)).isEqualTo(0.0);
                    assertThat(positions.get(0)).isEqualTo(1000.0);
                }
                int pads = 0;
                for (int i = 0; i + 9 <= region; i++) {
                    if (b.get(i) == '_' && b.get(i + 1) == 'p' && b.get(i + 2) == 'a'
                            && b.get(i + 3) == 'd') {
                        assertThat(b.get(i + 8)).as("short string marker").isEqualTo((byte) Amf0.STRING);
                        pads++;
                    }
                }
                assertThat(pads).isPositive();
                assertThat(m.keySet().stream().filter(k -> k.startsWith("_pad")).count())
                        .isEqualTo(pads);
            }
        }
    }

    @Test
    void capacityOfAForeignIndexIsOneLessThanItsEntries() {
        // flvmeta/yamdi layout with k entries and no padding: 36 + 18k bytes
        assertThat(KeyframeIndex.capacity(36 + 18 * 10)).isEqualTo(9);
        assertThat(KeyframeIndex.capacity(48)).isEqualTo(-1);
        assertThat(KeyframeIndex.capacity(KeyframeIndex.regionSize(7))).isEqualTo(7);
    }
}
