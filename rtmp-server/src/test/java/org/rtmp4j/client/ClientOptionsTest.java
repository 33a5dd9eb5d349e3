package org.rtmp4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rtmp4j.core.command.EnhancedCapabilities;

class ClientOptionsTest {
    @Test
    void defaultsToATenSecondTimeoutAndNoExtraProperties() {
        ClientOptions o = ClientOptions.defaults();
        assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.connectProperties()).isEmpty();
    }

    @Test
    void copiesTheConnectProperties() {
        Map<String, Object> props = new HashMap<>();
        props.put("fourCcList", List.of("hvc1"));
        ClientOptions o = ClientOptions.defaults().withConnectProperties(props);
        props.clear();
        assertThat(o.connectProperties()).containsEntry("fourCcList", List.of("hvc1"));
    }

    @Test
    void withEnhancedWritesTheCapabilitiesIntoTheConnectProperties() {
        EnhancedCapabilities caps = new EnhancedCapabilities(List.of("hvc1", "av01"), Map.of(),
                Map.of("Opus", EnhancedCapabilities.CAN_DECODE), EnhancedCapabilities.CAPS_MULTITRACK);

        ClientOptions o = ClientOptions.defaults().withConnectProperties(Map.of("pageUrl", "x")).withEnhanced(caps);

        assertThat(o.connectProperties()).containsEntry("pageUrl", "x")
                .containsEntry("fourCcList", List.of("hvc1", "av01")).containsEntry("capsEx", 2.0)
                .doesNotContainKey("videoFourCcInfoMap");
        assertThat(EnhancedCapabilities.from(o.connectProperties())).isEqualTo(caps);
    }

    @Test
    void rejectsANonPositiveTimeout() {
        assertThatThrownBy(() -> ClientOptions.defaults().withTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void followingReconnectOrsTheReconnectBitIntoCapsExAsSent() {
        ClientOptions multitrack = ClientOptions.defaults().withEnhanced(
                new EnhancedCapabilities(List.of(), Map.of(), Map.of(), EnhancedCapabilities.CAPS_MULTITRACK));

        assertThat(ClientOptions.defaults().followReconnect()).isTrue();
        assertThat(ClientOptions.defaults().effectiveConnectProperties()).containsExactly(Map.entry("capsEx", 1.0));
        assertThat(multitrack.effectiveConnectProperties()).containsEntry("capsEx", 3.0);
        assertThat(multitrack.withTimeout(Duration.ofSeconds(1)).followReconnect()).isTrue();
        ClientOptions off = multitrack.withFollowReconnect(false);
        assertThat(off.effectiveConnectProperties()).containsEntry("capsEx", 2.0);
        assertThat(ClientOptions.defaults().withFollowReconnect(false).effectiveConnectProperties()).isEmpty();
    }
}
