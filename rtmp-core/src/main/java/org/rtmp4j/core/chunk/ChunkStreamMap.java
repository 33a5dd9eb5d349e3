package org.rtmp4j.core.chunk;

import java.util.Arrays;

/**
 * A small map from chunk stream id (2..65599, RTMP 1.0 §5.3.1.1) to per-chunk-stream state,
 * without boxing: ids below 64 index an array, larger ids are searched linearly (connections use
 * a handful of chunk streams, and the decoder caps their number). Not thread-safe.
 *
 * @param <T> the state type
 */
final class ChunkStreamMap<T> {
    private static final int DIRECT = 64;

    private final Object[] direct = new Object[DIRECT];
    private int[] otherIds = new int[4];
    private Object[] otherValues = new Object[4];
    private int otherCount;
    private int size;

    /** @return the state for {@code chunkStreamId}, or null */
    @SuppressWarnings("unchecked")
    T get(int chunkStreamId) {
        if (chunkStreamId >= 0 && chunkStreamId < DIRECT) {
            return (T) direct[chunkStreamId];
        }
        for (int i = 0; i < otherCount; i++) {
            if (otherIds[i] == chunkStreamId) {
                return (T) otherValues[i];
            }
        }
        return null;
    }

    /** Adds state for a chunk stream id that has none yet. */
    void put(int chunkStreamId, T value) {
        if (chunkStreamId >= 0 && chunkStreamId < DIRECT) {
            direct[chunkStreamId] = value;
        } else {
            if (otherCount == otherIds.length) {
                otherIds = Arrays.copyOf(otherIds, otherCount * 2);
                otherValues = Arrays.copyOf(otherValues, otherCount * 2);
            }
            otherIds[otherCount] = chunkStreamId;
            otherValues[otherCount] = value;
            otherCount++;
        }
        size++;
    }

    /** @return how many chunk stream ids have state */
    int size() {
        return size;
    }
}
