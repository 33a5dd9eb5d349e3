package org.rtmp4j.core.session;

import java.util.Map;

/**
 * What a client puts in its {@code connect} command object (RTMP 1.0 §7.2.1.1).
 *
 * @param app application name, e.g. {@code live} (may carry {@code ?query})
 * @param tcUrl server URL, e.g. {@code rtmp://127.0.0.1:1935/live}
 * @param extraProperties further command-object properties (e.g. {@code fourCcList}); may be empty
 */
public record ConnectOptions(String app, String tcUrl, Map<String, Object> extraProperties) {
    /**
     * Copies {@code extraProperties}.
     *
     * @param app application name, e.g. {@code live}
     * @param tcUrl server URL, e.g. {@code rtmp://127.0.0.1:1935/live}
     * @param extraProperties further command-object properties; may be empty, not null
     */
    public ConnectOptions {
        extraProperties = Map.copyOf(extraProperties);
    }

    /**
     * @param app application name, e.g. {@code live}
     * @param tcUrl server URL, e.g. {@code rtmp://127.0.0.1:1935/live}
     * @return options with no extra properties
     */
    public static ConnectOptions of(String app, String tcUrl) {
        return new ConnectOptions(app, tcUrl, Map.of());
    }
}
