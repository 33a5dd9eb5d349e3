package org.rtmp4j.server.rtmpt;

import java.nio.ByteBuffer;

/**
 * A session's answer to one RTMPT request: 200 with the polling-delay byte and queued RTMP bytes, or an
 * error status with the reason to log. Immutable once made (the body is not touched after).
 *
 * @param status the HTTP status
 * @param body the body (200: the polling-delay byte, then RTMP bytes)
 * @param reason why an error status, for the log; {@code null} with 200
 */
record RtmptReply(int status, ByteBuffer body, String reason) {
    static RtmptReply ok(ByteBuffer body) {
        return new RtmptReply(200, body, null);
    }

    static RtmptReply error(int status, String reason) {
        return new RtmptReply(status, ByteBuffer.allocate(0), reason);
    }
}
