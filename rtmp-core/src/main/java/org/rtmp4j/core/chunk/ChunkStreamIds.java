package org.rtmp4j.core.chunk;

/** The chunk stream ids rtmp4j sends on (RTMP 1.0 §5.3.1.1; 2 is reserved for protocol control). */
public final class ChunkStreamIds {
    /** Protocol control and user control messages (RTMP 1.0 §5.4). */
    public static final int CONTROL = 2;
    /** Commands. */
    public static final int COMMAND = 3;
    /** Audio. */
    public static final int AUDIO = 4;
    /** Data (metadata). */
    public static final int DATA = 5;
    /** Video. */
    public static final int VIDEO = 6;

    private ChunkStreamIds() {}
}
