package org.rtmp4j.live;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.MediaMessage;

/**
 * Classifies relayed media by its FLV tag header (FLV 10.1 §E.4.2.1, §E.4.3.1; E-RTMP v2 ExHeader).
 * Unparsable bodies are plain frames: the relay forwards them and never fails on them.
 */
final class MediaClassifier {
    private MediaClassifier() {}

    /** @return the kind of {@code media}; never throws */
    static MediaKind classify(MediaMessage media) {
        ByteBuffer body = media.payload();
        if (media instanceof AudioMessage) {
            return isAudioSequenceHeader(body) ? MediaKind.AUDIO_SEQUENCE_HEADER : MediaKind.AUDIO_FRAME;
        }
        int p = body.position();
        if (body.remaining() < 2) {
            return MediaKind.VIDEO_FRAME;
        }
        int b0 = body.get(p) & 0xFF;
        boolean exHeader = (b0 & 0x80) != 0;
        int frameType = exHeader ? (b0 >> 4) & 0x07 : (b0 >> 4) & 0x0F;
        if (exHeader) {
            int packetType = b0 & 0x0F;
            if (frameType == 5 && packetType != 4) {
                return MediaKind.VIDEO_FRAME; // video command frame
            }
            if (packetType == 0 || packetType == 5) {
                return MediaKind.VIDEO_SEQUENCE_HEADER;
            }
            if ((packetType == 1 || packetType == 3) && frameType == 1) {
                return MediaKind.VIDEO_KEY_FRAME;
            }
            return MediaKind.VIDEO_FRAME;
        }
        int codecId = b0 & 0x0F;
        if ((codecId == 7 || codecId == 12) && frameType != 5) {
            int avcPacketType = body.get(p + 1) & 0xFF;
            if (avcPacketType == 0) {
                return MediaKind.VIDEO_SEQUENCE_HEADER;
            }
            if (avcPacketType != 1) {
                return MediaKind.VIDEO_FRAME;
            }
        }
        return frameType == 1 ? MediaKind.VIDEO_KEY_FRAME : MediaKind.VIDEO_FRAME;
    }

    /** @return the E-RTMP video FourCC (e.g. {@code hvc1}), or {@code null} for legacy video */
    static String videoFourCc(MediaMessage media) {
        ByteBuffer body = media.payload();
        int p = body.position();
        if (body.remaining() < 5 || (body.get(p) & 0x80) == 0) {
            return null;
        }
        byte[] cc = new byte[4];
        for (int i = 0; i < 4; i++) {
            cc[i] = body.get(p + 1 + i);
        }
        return new String(cc, StandardCharsets.ISO_8859_1);
    }

    private static boolean isAudioSequenceHeader(ByteBuffer body) {
        int p = body.position();
        if (body.remaining() < 2) {
            return false;
        }
        int b0 = body.get(p) & 0xFF;
        int soundFormat = b0 >> 4;
        if (soundFormat == 9) {
            return (b0 & 0x0F) == 0;
        }
        return soundFormat == 10 && body.get(p + 1) == 0;
    }
}
