package org.rtmp4j.core.session;

import java.nio.ByteBuffer;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.VideoMessage;

/** Small FLV-style media payloads for tests. */
final class Media {
    private Media() {}

    static VideoMessage keyframe(int ts, int size) {
        return new VideoMessage(ts, 1, payload(size, 0x17, 0x01));
    }

    static VideoMessage interFrame(int ts, int size) {
        return new VideoMessage(ts, 1, payload(size, 0x27, 0x01));
    }

    static VideoMessage videoSequenceHeader() {
        return new VideoMessage(0, 1, payload(40, 0x17, 0x00));
    }

    static AudioMessage audio(int ts, int size) {
        return new AudioMessage(ts, 1, payload(size, 0xAF, 0x01));
    }

    static AudioMessage audioSequenceHeader() {
        return new AudioMessage(0, 1, payload(4, 0xAF, 0x00));
    }

    /** @return {@code size} bytes: the two header bytes, then a counting pattern */
    static ByteBuffer payload(int size, int b0, int b1) {
        byte[] a = new byte[size];
        for (int i = 0; i < size; i++) {
            a[i] = (byte) (i * 31 + 7);
        }
        a[0] = (byte) b0;
        if (size > 1) {
            a[1] = (byte) b1;
        }
        return ByteBuffer.wrap(a);
    }
}
