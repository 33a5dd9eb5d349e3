package org.rtmp4j.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the PEM parser ({@link PemFiles}, RFC 7468) that reads the server's certificate files:
 * any text may fail only with {@link PemFormatException} (with a message and an offset inside the
 * text or -1), never with another exception.
 */
class PemFilesFuzzTest {

    @FuzzTest
    void parse(byte[] data) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        try {
            for (PemFiles.Block b : PemFiles.blocks(text)) {
                assertThat(b.offset()).isBetween(0, text.length());
                assertThat(b.der()).isNotEmpty();
            }
        } catch (PemFormatException e) {
            assertThat(e.offset()).isBetween(-1, text.length());
        }
        try {
            assertThat(PemFiles.certificates(text)).isNotEmpty();
        } catch (PemFormatException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
        try {
            assertThat(PemFiles.privateKey(text)).isNotNull();
        } catch (PemFormatException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
