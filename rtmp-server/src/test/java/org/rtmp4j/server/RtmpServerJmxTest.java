package org.rtmp4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RtmpServerJmxTest {
    @Test
    void aMalformedDomainIsRefusedByTheBuilder() {
        assertThatThrownBy(() -> RtmpServer.builder().jmx("no:colons"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no:colons");
    }

    @Test
    void aServerThatNeverStartedHasNoMXBean() {
        RtmpServer server = RtmpServer.builder().port(0).jmx("rtmp4j.test").build();
        assertThat(server.jmxName()).isEmpty();
        server.close();
        assertThat(server.jmxName()).isEmpty();
    }
}
