package org.rtmp4j.core.message;

import java.nio.ByteBuffer;
import org.rtmp4j.core.RtmpProtocolException;

/**
 * Protocol control messages (RTMP 1.0 §5.4, types 1, 2, 3, 5, 6) and user control messages (§6.2,
 * §7.1.7, type 4): fixed big-endian layouts. Stateless; reads with absolute indices, so the body's
 * position never moves.
 */
final class ControlCodec {
    private ControlCodec() {}

    static RtmpMessage decode(int typeId, ByteBuffer body) {
        switch (typeId) {
            case 1: {
                long size = u32(body, 0, "set chunk size");
                if (size > Integer.MAX_VALUE || size == 0) {
                    throw malformed("set chunk size", "chunk size " + size + " outside 1..2147483647 (top bit must be 0)");
                }
                return new SetChunkSize((int) size);
            }
            case 2:
                return new Abort((int) u32(body, 0, "abort"));
            case 3:
                return new Acknowledgement(u32(body, 0, "acknowledgement"));
            case 5:
                return new WindowAckSize(u32(body, 0, "window acknowledgement size"));
            case 6: {
                long window = u32(body, 0, "set peer bandwidth");
                int limit = u8(body, 4, "set peer bandwidth");
                return new SetPeerBandwidth(window, SetPeerBandwidth.LimitType.of(limit));
            }
            case 4:
                return decodeUserControl(body);
            default:
                throw new IllegalArgumentException("not a control message type id: " + typeId);
        }
    }

    private static UserControl decodeUserControl(ByteBuffer body) {
        String what = "user control";
        need(body, 0, 2, what);
        int event = body.getShort(body.position()) & 0xFFFF;
        switch (event) {
            case 0:
                return new UserControl.StreamBegin((int) u32(body, 2, "user control StreamBegin"));
            case 1:
                return new UserControl.StreamEof((int) u32(body, 2, "user control StreamEOF"));
            case 2:
                return new UserControl.StreamDry((int) u32(body, 2, "user control StreamDry"));
            case 3:
                return new UserControl.SetBufferLength(
                        (int) u32(body, 2, "user control SetBufferLength"),
                        (int) u32(body, 6, "user control SetBufferLength"));
            case 4:
                return new UserControl.StreamIsRecorded((int) u32(body, 2, "user control StreamIsRecorded"));
            case 6:
                return new UserControl.PingRequest((int) u32(body, 2, "user control PingRequest"));
            case 7:
                return new UserControl.PingResponse((int) u32(body, 2, "user control PingResponse"));
            default: {
                ByteBuffer data = body.duplicate();
                data.position(body.position() + 2);
                return new UserControl.UnknownUserControl(event, data.slice().asReadOnlyBuffer());
            }
        }
    }

    static ByteBuffer encode(RtmpMessage m) {
        ByteBuffer b;
        if (m instanceof SetChunkSize s) {
            if (s.chunkSize() < 1) {
                throw new IllegalArgumentException("chunk size " + s.chunkSize() + " outside 1..2147483647");
            }
            b = ByteBuffer.allocate(4).putInt(s.chunkSize());
        } else if (m instanceof Abort a) {
            b = ByteBuffer.allocate(4).putInt(a.chunkStreamId());
        } else if (m instanceof Acknowledgement a) {
            b = ByteBuffer.allocate(4).putInt((int) a.sequenceNumber());
        } else if (m instanceof WindowAckSize w) {
            b = ByteBuffer.allocate(4).putInt((int) w.windowSize());
        } else if (m instanceof SetPeerBandwidth p) {
            b = ByteBuffer.allocate(5).putInt((int) p.windowSize()).put((byte) p.limitType().ordinal());
        } else if (m instanceof UserControl u) {
            b = encodeUserControl(u);
        } else {
            throw new IllegalArgumentException("not a control message: " + m.type());
        }
        return b.flip().asReadOnlyBuffer();
    }

    private static ByteBuffer encodeUserControl(UserControl u) {
        if (u instanceof UserControl.UnknownUserControl x) {
            ByteBuffer data = x.data().duplicate();
            return ByteBuffer.allocate(2 + data.remaining()).putShort((short) x.eventType()).put(data);
        }
        ByteBuffer b = ByteBuffer.allocate(u instanceof UserControl.SetBufferLength ? 10 : 6);
        b.putShort((short) u.eventType());
        if (u instanceof UserControl.StreamBegin e) {
            b.putInt(e.eventStreamId());
        } else if (u instanceof UserControl.StreamEof e) {
            b.putInt(e.eventStreamId());
        } else if (u instanceof UserControl.StreamDry e) {
            b.putInt(e.eventStreamId());
        } else if (u instanceof UserControl.SetBufferLength e) {
            b.putInt(e.eventStreamId()).putInt(e.bufferLengthMs());
        } else if (u instanceof UserControl.StreamIsRecorded e) {
            b.putInt(e.eventStreamId());
        } else if (u instanceof UserControl.PingRequest e) {
            b.putInt(e.pingTimestamp());
        } else if (u instanceof UserControl.PingResponse e) {
            b.putInt(e.pingTimestamp());
        }
        return b;
    }

    private static long u32(ByteBuffer body, int offset, String what) {
        need(body, offset, 4, what);
        return body.getInt(body.position() + offset) & 0xFFFFFFFFL;
    }

    private static int u8(ByteBuffer body, int offset, String what) {
        need(body, offset, 1, what);
        return body.get(body.position() + offset) & 0xFF;
    }

    private static void need(ByteBuffer body, int offset, int n, String what) {
        if (body.remaining() < offset + n) {
            throw malformed(what, "body of " + body.remaining() + " bytes truncated at body offset "
                    + body.remaining() + ", needs " + (offset + n));
        }
    }

    static RtmpProtocolException malformed(String what, String reason) {
        return new RtmpProtocolException(-1, what + " message: " + reason);
    }
}
