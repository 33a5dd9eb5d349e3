package org.rtmp4j.core.session;

import org.rtmp4j.core.internal.EncodedMedia;
import org.rtmp4j.core.internal.FanoutTarget;

/** Sends shared chunks to one player as the fan-out does: encoded on the calling thread, queued on the connection's. */
final class SharedSends {
    private SharedSends() {}

    static void send(ServerConnection server, NetStream to, EncodedMedia media) {
        FanoutTarget t = server.fanoutTarget();
        if (t.inConnectionThread()) {
            t.sendEncodedHere(to, media);
        } else if (!t.isClosed()) {
            media.entry(t.chunkSizeHint(), to.id());
            t.post(() -> t.sendEncodedHere(to, media));
        }
    }
}
