package org.rtmp4j.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rtmp4j.testkit.TestCertificates;

/** The PEM parser (RFC 7468) on certbot-shaped files generated at test time, and on broken text. */
class PemFilesTest {
    private static TestCertificates rsa;
    private static TestCertificates ec;

    @BeforeAll
    static void generate() throws Exception {
        rsa = TestCertificates.generate(Path.of("target", "pem-test", "rsa"), "RSA");
        ec = TestCertificates.generate(Path.of("target", "pem-test", "ec"), "EC");
    }

    @Test
    void readsRsaAndEcChainsAndPkcs8KeysAsCertbotWritesThem() throws Exception {
        for (TestCertificates c : List.of(rsa, ec)) {
            List<X509Certificate> chain = PemFiles.certificates(PemFiles.read(c.chainPem()));
            assertThat(chain).containsExactly(c.certificate());
            PrivateKey key = PemFiles.privateKey(PemFiles.read(c.keyPem()));
            assertThat(key.getAlgorithm()).isEqualTo(c.certificate().getPublicKey().getAlgorithm());
        }
    }

    @Test
    void ignoresTextAroundBlocksAndReadsEveryCertificateOfAChain() throws Exception {
        String one = Files.readString(rsa.chainPem());
        String two = Files.readString(ec.chainPem());
        String text = "Bag Attributes\n  friendlyName: server\n" + one + "subject=CN=x\r\n" + two.replace("\n", "\r\n");
        assertThat(PemFiles.certificates(text)).containsExactly(rsa.certificate(), ec.certificate());
    }

    @Test
    void pkcs1AndSec1AndEncryptedKeysAreRefusedWithTheConvertingCommand() {
        for (String label : List.of("RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY")) {
            String text = "junk\n" + TestCertificates.pem(label, new byte[] {1, 2, 3});
            assertThatThrownBy(() -> PemFiles.privateKey(text)).isInstanceOf(PemFormatException.class)
                    .hasMessageContaining("offset 5").hasMessageContaining("openssl pkcs8 -topk8 -nocrypt")
                    .satisfies(e -> assertThat(((PemFormatException) e).offset()).isEqualTo(5));
        }
    }

    @Test
    void brokenTextNamesTheOffsetAndReason() throws Exception {
        String good = Files.readString(ec.chainPem());
        assertThatThrownBy(() -> PemFiles.certificates("nothing here")).isInstanceOf(PemFormatException.class)
                .hasMessageContaining("no CERTIFICATE block");
        assertThatThrownBy(() -> PemFiles.certificates(good.substring(0, good.indexOf("-----END"))))
                .hasMessageContaining("offset 0").hasMessageContaining("no '-----END CERTIFICATE-----'");
        int at = good.indexOf('\n') + 10;
        String bad = good.substring(0, at) + "*" + good.substring(at + 1);
        assertThatThrownBy(() -> PemFiles.certificates(bad)).isInstanceOf(PemFormatException.class)
                .hasMessageContaining("offset " + at).hasMessageContaining("not Base64");
        assertThatThrownBy(() -> PemFiles.certificates(TestCertificates.pem("CERTIFICATE", new byte[] {0x30, 3, 1, 2, 3})))
                .hasMessageContaining("not an X.509 certificate");
        assertThatThrownBy(() -> PemFiles.privateKey(TestCertificates.pem("PRIVATE KEY", new byte[] {0x30, 3, 1, 2, 3})))
                .hasMessageContaining("not an RSA or EC PKCS#8 key");
        assertThatThrownBy(() -> PemFiles.blocks("-----BEGIN A-----\nAAAA\n-----BEGIN B-----\n-----END A-----"))
                .hasMessageContaining("BEGIN inside");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() {
        assertThatThrownBy(() -> TlsContext.fromPem(rsa.chainPem(), ec.keyPem()))
                .hasMessageContaining("cannot use the key");
    }
}
