package org.rtmp4j.core.session;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rtmp4j.core.command.EnhancedCapabilities;

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

    /**
     * Announces E-RTMP capabilities (E-RTMP v2, "Enhancing NetConnection connect Command"): {@code
     * fourCcList}, {@code videoFourCcInfoMap}, {@code audioFourCcInfoMap} (each when non-empty) and
     * {@code capsEx} are written into the extra properties with {@link
     * EnhancedCapabilities#writeTo}, replacing any of the same names. The server's answer is in the
     * connect {@code _result}'s properties object: read it with {@code
     * EnhancedCapabilities.from(Replies.asMap(result.commandObject()))} or {@link
     * EnhancedCapabilities#from(Map)}.
     *
     * @param capabilities what this client supports, e.g. {@code fourCcList ["hvc1", "av01"]}
     * @return a copy with those properties
     */
    public ConnectOptions withEnhanced(EnhancedCapabilities capabilities) {
        Map<String, Object> props = new LinkedHashMap<>(extraProperties);
        capabilities.writeTo(props);
        return new ConnectOptions(app, tcUrl, props);
    }

    /**
     * Asks for AMF3 ({@code objectEncoding} 3; RTMP 1.0 §7.2.1.1, E-RTMP v2 "Enabling AMF3 in
     * RTMP"): the client then sends its commands after {@code connect} as type 17 and its data as
     * type 15, and the server answers in kind.
     *
     * @return a copy with {@code objectEncoding} 3 in the extra properties
     */
    public ConnectOptions withAmf3() {
        Map<String, Object> props = new LinkedHashMap<>(extraProperties);
        props.put("objectEncoding", 3.0);
        return new ConnectOptions(app, tcUrl, props);
    }

    /**
     * @return the E-RTMP capabilities in the extra properties; {@link EnhancedCapabilities#NONE} if none
     * @throws org.rtmp4j.core.RtmpProtocolException if one of those properties has the wrong type
     */
    public EnhancedCapabilities enhanced() {
        return EnhancedCapabilities.from(extraProperties);
    }
}
