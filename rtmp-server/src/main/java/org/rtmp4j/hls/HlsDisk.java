package org.rtmp4j.hls;

import java.nio.ByteBuffer;
import org.rtmp4j.live.StreamKey;

/**
 * Where an {@link HlsStream} copies its files besides memory ({@code --hls-dir}): calls never block
 * the caller (the stream's sink runs on the publisher's thread). {@link #NONE} copies nothing.
 */
interface HlsDisk {
    /** Memory only. */
    HlsDisk NONE = new HlsDisk() {
        @Override
        public void write(StreamKey key, String instance, String name, ByteBuffer bytes) {}

        @Override
        public void playlist(StreamKey key, String text) {}

        @Override
        public void delete(StreamKey key, String instance, String name) {}

        @Override
        public void removeStream(StreamKey key, String instance) {}
    };

    /** Writes {@code APP/KEY/INSTANCE/NAME} (an init segment or a segment); {@code bytes} is a view to read. */
    void write(StreamKey key, String instance, String name, ByteBuffer bytes);

    /** Replaces {@code APP/KEY.m3u8}. */
    void playlist(StreamKey key, String text);

    /** Deletes {@code APP/KEY/INSTANCE/NAME} (an expired segment). */
    void delete(StreamKey key, String instance, String name);

    /** The stream stopped: deletes its playlist and the instance's files. */
    void removeStream(StreamKey key, String instance);
}
