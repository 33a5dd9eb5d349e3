package org.rtmp4j.live;

import java.util.Objects;

/**
 * Identifies a live stream: the {@code app} of the publisher's or player's {@code connect} (RTMP 1.0
 * §7.2.1.1, without query string) and the publishing name (RTMP 1.0 §7.2.2.6, without query
 * string). Names are case-sensitive.
 *
 * @param app the application name, e.g. {@code live}; {@code ""} when the connect had none
 * @param name the stream name (stream key), e.g. {@code cam1}
 */
public record StreamKey(String app, String name) {
    /**
     * @param app the application name
     * @param name the stream name
     * @throws NullPointerException if {@code app} or {@code name} is null
     */
    public StreamKey {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(name, "name");
    }

    /** @return {@code app/name} */
    @Override
    public String toString() {
        return app + "/" + name;
    }
}
