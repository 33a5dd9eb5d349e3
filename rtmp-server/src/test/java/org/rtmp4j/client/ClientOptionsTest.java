package org.rtmp4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
    void rejectsANonPositiveTimeout() {
        assertThatThrownBy(() -> ClientOptions.defaults().withTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
