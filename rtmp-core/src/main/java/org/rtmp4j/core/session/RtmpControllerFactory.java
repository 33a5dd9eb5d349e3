package org.rtmp4j.core.session;

/** Makes one {@link RtmpController} per connection (go-rtmp's {@code OnConnect}, pyrtmp's per-connection lambda). */
@FunctionalInterface
public interface RtmpControllerFactory {
    /**
     * @param session the connection
     * @return the controller for {@code session}; called once, after the handshake, on its thread
     */
    RtmpController create(RtmpSession session);
}
