package org.rtmp4j.client;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.rtmp4j.core.command.EnhancedCapabilities;
import org.rtmp4j.core.session.SessionConfig;
import org.rtmp4j.tls.TlsTrust;

/**
 * Settings of an {@link RtmpClient}. Immutable.
 *
 * @param timeout the longest wait for the TCP connect and for each request the client awaits
 *     (handshake + {@code connect}, {@code createStream}, {@code publish}, {@code play}); default 10 s
 * @param sessionConfig protocol settings and limits (chunk size, window acknowledgement size...);
 *     default {@link SessionConfig#defaults()}
 * @param connectProperties extra properties of the {@code connect} command object (RTMP 1.0
 *     §7.2.1.1), e.g. {@code fourCcList} (E-RTMP v2); default none
 * @param followReconnect whether the client announces {@code capsEx} Reconnect in {@code connect}
 *     (ORed into any {@code capsEx} of {@code connectProperties}) and follows the server's E-RTMP v2
 *     Reconnect Request (see {@link RtmpClient}); default true
 * @param tlsTrust what an {@code rtmps://} connection trusts (see {@link TlsTrust}); default {@link
 *     TlsTrust#systemDefault()}, the JDK's trust store with host name verification
 */
public record ClientOptions(Duration timeout, SessionConfig sessionConfig, Map<String, Object> connectProperties,
        boolean followReconnect, TlsTrust tlsTrust) {
    /**
     * Validates and copies.
     *
     * @param timeout positive
     * @param sessionConfig session settings
     * @param connectProperties extra connect properties (copied; no null values)
     * @param followReconnect announce capsEx Reconnect and follow Reconnect Requests
     * @param tlsTrust what {@code rtmps://} trusts
     */
    public ClientOptions {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(sessionConfig, "sessionConfig");
        Objects.requireNonNull(tlsTrust, "tlsTrust");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        connectProperties = Map.copyOf(connectProperties);
    }

    /**
     * Options that trust the JDK's trust store for {@code rtmps://}.
     *
     * @param timeout positive
     * @param sessionConfig session settings
     * @param connectProperties extra connect properties (copied; no null values)
     * @param followReconnect announce capsEx Reconnect and follow Reconnect Requests
     */
    public ClientOptions(Duration timeout, SessionConfig sessionConfig, Map<String, Object> connectProperties,
            boolean followReconnect) {
        this(timeout, sessionConfig, connectProperties, followReconnect, TlsTrust.systemDefault());
    }

    /**
     * Options that follow Reconnect Requests.
     *
     * @param timeout positive
     * @param sessionConfig session settings
     * @param connectProperties extra connect properties (copied; no null values)
     */
    public ClientOptions(Duration timeout, SessionConfig sessionConfig, Map<String, Object> connectProperties) {
        this(timeout, sessionConfig, connectProperties, true);
    }

    /** @return the defaults listed above */
    public static ClientOptions defaults() {
        return new ClientOptions(Duration.ofSeconds(10), SessionConfig.defaults(), Map.of(), true, TlsTrust.systemDefault());
    }

    /**
     * @param follow whether to announce {@code capsEx} Reconnect and follow Reconnect Requests (E-RTMP
     *     v2, Reconnect Request); with false the client announces nothing it was not given
     * @return a copy with that setting
     */
    public ClientOptions withFollowReconnect(boolean follow) {
        return new ClientOptions(timeout, sessionConfig, connectProperties, follow, tlsTrust);
    }

    /**
     * @param trust what {@code rtmps://} connections trust: {@link TlsTrust#certificates} for a
     *     self-signed or private-CA server, {@link TlsTrust#pin} for one known certificate
     * @return a copy with that trust
     */
    public ClientOptions withTlsTrust(TlsTrust trust) {
        return new ClientOptions(timeout, sessionConfig, connectProperties, followReconnect, trust);
    }

    /**
     * @return {@link #connectProperties()} as sent: with {@link #followReconnect()}, {@code capsEx}
     *     has {@link EnhancedCapabilities#CAPS_RECONNECT} ORed in
     */
    Map<String, Object> effectiveConnectProperties() {
        if (!followReconnect) {
            return connectProperties;
        }
        Map<String, Object> props = new java.util.LinkedHashMap<>(connectProperties);
        int capsEx = props.get("capsEx") instanceof Number n ? n.intValue() : 0;
        props.put("capsEx", (double) (capsEx | EnhancedCapabilities.CAPS_RECONNECT));
        return props;
    }

    /**
     * @param newTimeout positive
     * @return a copy with another timeout
     */
    public ClientOptions withTimeout(Duration newTimeout) {
        return new ClientOptions(newTimeout, sessionConfig, connectProperties, followReconnect, tlsTrust);
    }

    /**
     * @param newConfig the session settings
     * @return a copy with other session settings
     */
    public ClientOptions withSessionConfig(SessionConfig newConfig) {
        return new ClientOptions(timeout, newConfig, connectProperties, followReconnect, tlsTrust);
    }

    /**
     * @param properties extra connect command-object properties (copied)
     * @return a copy with other extra connect properties
     */
    public ClientOptions withConnectProperties(Map<String, Object> properties) {
        return new ClientOptions(timeout, sessionConfig, properties, followReconnect, tlsTrust);
    }

    /**
     * Announces E-RTMP capabilities in {@code connect} (E-RTMP v2, "Enhancing NetConnection connect
     * Command"): {@code fourCcList}, the info maps (when non-empty) and {@code capsEx} are added to
     * the connect properties with {@link EnhancedCapabilities#writeTo}, replacing any of the same
     * names. The server's capabilities come back in the connect {@code _result}.
     *
     * @param capabilities what this client supports, e.g. {@code fourCcList ["hvc1", "av01"]}
     * @return a copy with those connect properties
     */
    public ClientOptions withEnhanced(EnhancedCapabilities capabilities) {
        Map<String, Object> props = new java.util.LinkedHashMap<>(connectProperties);
        capabilities.writeTo(props);
        return new ClientOptions(timeout, sessionConfig, props, followReconnect, tlsTrust);
    }
}
