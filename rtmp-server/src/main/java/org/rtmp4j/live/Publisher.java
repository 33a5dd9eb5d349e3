package org.rtmp4j.live;

import java.time.Instant;

/** The publishing side of a {@link LiveStream}; compared by identity. */
final class Publisher {
    final IngestSource source;
    final Instant since;

    Publisher(IngestSource source, Instant since) {
        this.source = source;
        this.since = since;
    }

    @Override
    public String toString() {
        return source.id();
    }
}
