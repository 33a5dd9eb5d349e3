package org.rtmp4j.live;

import java.time.Instant;
import org.rtmp4j.core.session.NetStream;
import org.rtmp4j.core.session.RtmpSession;

/** The publishing side of a {@link LiveStream}; compared by identity. */
final class Publisher {
    final RtmpSession session;
    final NetStream stream;
    final Instant since;

    Publisher(RtmpSession session, NetStream stream, Instant since) {
        this.session = session;
        this.stream = stream;
        this.since = since;
    }

    @Override
    public String toString() {
        return session.id() + "/" + stream.id();
    }
}
