package org.rtmp4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The opening handshake (RFC 6455 §4.2). */
class WebSocketHandshakeTest {
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    private static HttpRequestHead head(String fields) {
        return head("GET /live/a.flv HTTP/1.1", fields);
    }

    private static HttpRequestHead head(String requestLine, String fields) {
        Parse.Result r = Parse.run(requestLine + "\r\nHost: h\r\n" + fields + "\r\n", Integer.MAX_VALUE);
        assertThat(r.failure()).isNull();
        return r.heads().get(0);
    }

    private static String valid() {
        return "Upgrade: websocket\r\nConnection: keep-alive, Upgrade\r\nSec-WebSocket-Key: " + KEY
                + "\r\nSec-WebSocket-Version: 13\r\nOrigin: http://example.com\r\n";
    }

    @Test
    void acceptValueOfTheRfcExample() {
        // RFC 6455 §1.3 and §4.2.2
        assertThat(WebSocketHandshake.acceptValue(KEY)).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    void aValidHandshakeYieldsTheKeyAnd101Headers() {
        HttpRequestHead h = head(valid());
        assertThat(WebSocketHandshake.isUpgrade(h)).isTrue();
        assertThat(WebSocketHandshake.validate(h)).isEqualTo(KEY);
        assertThat(WebSocketHandshake.responseHeaders(KEY).list()).containsExactly(
                new HttpHeader("Upgrade", "websocket"), new HttpHeader("Connection", "Upgrade"),
                new HttpHeader("Sec-WebSocket-Accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
        assertThat(WebSocketHandshake.validate(head(valid().replace("Upgrade: websocket", "Upgrade: WebSocket"))))
                .isEqualTo(KEY);
    }

    @Test
    void plainRequestsAreNotUpgrades() {
        assertThat(WebSocketHandshake.isUpgrade(head("Connection: upgrade\r\nUpgrade: h2c\r\n"))).isFalse();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "Upgrade: websocket|Upgrade: h2c|400|Upgrade does not list websocket",
        "Connection: keep-alive, Upgrade|Connection: keep-alive|400|Connection does not list upgrade",
        "Sec-WebSocket-Version: 13|Sec-WebSocket-Version: 8|426|Sec-WebSocket-Version must be 13",
        "Sec-WebSocket-Version: 13|X-No-Version: 13|426|Sec-WebSocket-Version must be 13",
        "dGhlIHNhbXBsZSBub25jZQ==|dGhlIHNhbXBsZSBub25j|400|Sec-WebSocket-Key is not 16 bytes in base64",
        "dGhlIHNhbXBsZSBub25jZQ==|dGhlIHNhbXBsZSBub25jZQ|400|Sec-WebSocket-Key is not 16 bytes in base64",
        "dGhlIHNhbXBsZSBub25jZQ==|d*hlIHNhbXBsZSBub25jZQ==|400|Sec-WebSocket-Key is not 16 bytes in base64",
        "dGhlIHNhbXBsZSBub25jZQ==|dGhlIHNhbXBsZSBub25jZQ==dGhl|400|Sec-WebSocket-Key is not 16 bytes in base64",
        "dGhlIHNhbXBsZSBub25jZQ==|dGhlIHNhbXBsZSBub25jZXg=|400|Sec-WebSocket-Key is not 16 bytes in base64",
        "Sec-WebSocket-Key|X-Key|400|need exactly one Sec-WebSocket-Key",
        "Origin: http://example.com|Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==|400|need exactly one Sec-WebSocket-Key",
    })
    void badHandshakesAreRefused(String from, String to, int status, String reason) {
        HttpRequestHead h = head(valid().replace(from, to));
        assertThatThrownBy(() -> WebSocketHandshake.validate(h)).isInstanceOfSatisfying(HttpRequestException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.reason()).isEqualTo(reason);
        });
    }

    @Test
    void onlyGetOverHttp11() {
        for (String line : new String[] {"POST /a HTTP/1.1", "GET /a HTTP/1.0"}) {
            HttpRequestHead h = head(line, valid());
            assertThatThrownBy(() -> WebSocketHandshake.validate(h)).isInstanceOfSatisfying(HttpRequestException.class,
                    e -> assertThat(e.status()).isEqualTo(400));
        }
    }
}
