package org.rtmp4j.server;

import java.time.Duration;

/**
 * What {@link RtmpServer#drain(String, Duration)} did (E-RTMP v2, Reconnect Request).
 *
 * @param requested connections sent a {@code NetConnection.Connect.ReconnectRequest}: their
 *     {@code connect} announced {@code capsEx} Reconnect
 * @param notCapable connections open at the start of the drain that could not be asked (legacy
 *     clients, E-RTMP clients without the Reconnect bit, connections still in the handshake or
 *     before {@code connect}); they were served on until they left or the timeout
 * @param closedAtTimeout connections (of either kind) still open when the timeout ran out, which the
 *     server then closed
 * @param elapsed from the start of the drain until every connection was gone
 */
public record DrainResult(int requested, int notCapable, int closedAtTimeout, Duration elapsed) {
    /** @return whether every connection left on its own before the timeout */
    public boolean allLeft() {
        return closedAtTimeout == 0;
    }
}
