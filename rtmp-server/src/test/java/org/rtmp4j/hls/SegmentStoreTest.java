package org.rtmp4j.hls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What one stream holds in memory: parts become slices of their closed segment; RFC 8216bis §6.2.2 retention. */
class SegmentStoreTest {
    private final List<Long> expired = new ArrayList<>();
    private final SegmentStore store = new SegmentStore(expired::add);

    private static ByteBuffer bytes(int n, int value) {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            b.put((byte) value);
        }
        return b.flip();
    }

    @Test
    void aClosedSegmentIsItsPartsInOrderAndThePartsStayServed() {
        store.putInit(1, bytes(10, 9));
        store.addPart(0, 1, bytes(3, 1));
        store.addPart(0, 1, bytes(2, 2));
        assertThat(store.segment(0)).as("open").isNull();
        assertThat(store.part(0, 1)).isEqualTo(bytes(2, 2));
        store.closeSegment(0, 2.0);
        ByteBuffer whole = store.segment(0);
        assertThat(whole).isEqualTo(ByteBuffer.wrap(new byte[] {1, 1, 1, 2, 2}));
        assertThat(whole.isReadOnly()).isTrue();
        assertThat(store.part(0, 0)).isEqualTo(bytes(3, 1));
        assertThat(store.part(0, 1)).isEqualTo(bytes(2, 2));
        assertThat(store.part(0, 2)).isNull();
        assertThat(store.retainedBytes()).isEqualTo(15);
    }

    @Test
    void aSegmentOutOfThePlaylistStaysForItsDurationPlusThePlaylistsThenIsFreed() {
        store.putInit(1, bytes(10, 9));
        for (long msn = 0; msn < 3; msn++) {
            store.addPart(msn, 1, bytes(100, (int) msn));
            store.closeSegment(msn, 2.0);
            store.slideTo(0);
        }
        // the playlist now lists 1 and 2 (4 s): segment 0 stays until 2 + 4 s more media
        store.slideTo(1);
        assertThat(store.segment(0)).isNotNull();
        for (long msn = 3; msn < 6; msn++) {
            store.addPart(msn, 1, bytes(100, (int) msn));
            store.closeSegment(msn, 2.0);
            store.slideTo(msn - 1);
            assertThat(store.segment(0)).as("after segment %d", msn).isEqualTo(msn < 5 ? bytes(100, 0) : null);
        }
        assertThat(expired).startsWith(0L);
        assertThat(store.retainedBytes()).isEqualTo(10 + 100L * (6 - expired.size()));
    }

    @Test
    void anInitSegmentIsFreedWhenNoHeldSegmentUsesItAndANewerExists() {
        store.putInit(1, bytes(10, 1));
        store.addPart(0, 1, bytes(5, 0));
        store.closeSegment(0, 1.0);
        store.putInit(2, bytes(20, 2));
        store.addPart(1, 2, bytes(5, 0));
        store.closeSegment(1, 1.0);
        store.slideTo(0);
        assertThat(store.init(1)).isNotNull();
        store.slideTo(1);
        store.addPart(2, 2, bytes(5, 0));
        store.closeSegment(2, 10.0);
        store.slideTo(2);
        assertThat(expired).containsExactly(0L);
        assertThat(store.init(1)).isNull();
        assertThat(store.init(2)).isEqualTo(bytes(20, 2));
        store.clear();
        assertThat(store.retainedBytes()).isZero();
        assertThat(store.segmentCount()).isZero();
    }
}
