package org.rtmp4j.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rtmp4j.core.RtmpProtocolException;

class ReconnectRequestTest {

    @Test
    void theInfoObjectHasLevelCodeDescriptionAndTcUrl() {
        Map<String, Object> info = new ReconnectRequest("rtmp://foo.example:1935/app", "updating").toStatus().toMap();

        assertThat(info).containsExactly(
                Map.entry("level", "status"),
                Map.entry("code", "NetConnection.Connect.ReconnectRequest"),
                Map.entry("description", "updating"),
                Map.entry("tcUrl", "rtmp://foo.example:1935/app"));
        assertThat(new ReconnectRequest(null, "x").toStatus().toMap()).doesNotContainKey("tcUrl");
    }

    @Test
    void readsBackWhatItWrites() {
        ReconnectRequest r = new ReconnectRequest("/app2", "moving");

        assertThat(ReconnectRequest.from(Status.fromMap(r.toStatus().toMap()))).contains(r);
    }

    @Test
    void onlyTheReconnectCodeAtStatusLevelIsARequest() {
        assertThat(ReconnectRequest.from(Status.status(StatusCodes.CONNECT_CLOSED, ""))).isEmpty();
        assertThat(ReconnectRequest.from(Status.warning(StatusCodes.CONNECT_RECONNECT_REQUEST, ""))).isEmpty();
        assertThat(ReconnectRequest.from(Status.status(StatusCodes.CONNECT_RECONNECT_REQUEST, "")
                .with("tcUrl", ""))).contains(new ReconnectRequest(null, ""));
    }

    @Test
    void aNonStringTcUrlIsAProtocolError() {
        Status bad = Status.status(StatusCodes.CONNECT_RECONNECT_REQUEST, "").with("tcUrl", 1.0);

        assertThatThrownBy(() -> ReconnectRequest.from(bad))
                .isInstanceOf(RtmpProtocolException.class)
                .hasMessageContaining("tcUrl is");
    }

    @ParameterizedTest
    @CsvSource({
        "rtmp://foo.mydomain.com:1935/realtimeapp, rtmp://foo.mydomain.com:1935/realtimeapp",
        "rtmp://127.0.0.1/realtimeapp, rtmp://127.0.0.1/realtimeapp",
        "//192.0.2.0/realtimeapp, rtmp://192.0.2.0/realtimeapp",
        "/realtimeapp, rtmp://old.example:1936/realtimeapp",
    })
    void relativeReferencesResolveAgainstTheCurrentTcUrlAsTheSpecExamplesShow(String tcUrl, String expected) {
        assertThat(new ReconnectRequest(tcUrl, "").resolve("rtmp://old.example:1936/live")).isEqualTo(expected);
    }

    @Test
    void anUnparsableTcUrlIsAProtocolError() {
        assertThatThrownBy(() -> new ReconnectRequest("rtmp://bad host/x", "").resolve("rtmp://h/live"))
                .isInstanceOf(RtmpProtocolException.class)
                .hasMessageContaining("not a URI");
    }
}
