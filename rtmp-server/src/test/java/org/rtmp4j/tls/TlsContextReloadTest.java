package org.rtmp4j.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.rtmp4j.testkit.TestCertificates;

/** Certificate reload: a changed pair is used, a bad change keeps the old certificate, unchanged files are not reloaded. */
class TlsContextReloadTest {
    private static void replace(Path from, Path to, long bumpSeconds) throws Exception {
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(to, FileTime.fromMillis(System.currentTimeMillis() + bumpSeconds * 1000));
    }

    @Test
    void aChangedPairIsUsedAndABadOneKeepsTheOld() throws Exception {
        Path dir = Path.of("target", "tls-reload-test");
        TestCertificates a = TestCertificates.generate(dir.resolve("a"), "EC");
        TestCertificates b = TestCertificates.generate(dir.resolve("b"), "RSA");
        Path live = Files.createDirectories(dir.resolve("live"));
        Path chain = live.resolve("fullchain.pem");
        Path key = live.resolve("privkey.pem");
        replace(a.chainPem(), chain, 0);
        replace(a.keyPem(), key, 0);
        TlsContext ctx = TlsContext.fromPem(chain, key);
        assertThat(ctx.certificate()).isEqualTo(a.certificate());
        assertThat(ctx.reloadIfChanged()).as("nothing changed").isFalse();

        replace(b.chainPem(), chain, 10);
        assertThat(ctx.reloadIfChanged()).as("B's chain with A's key does not match").isFalse();
        assertThat(ctx.certificate()).isEqualTo(a.certificate());
        assertThat(ctx.newServerEngine()).isNotNull();

        replace(b.keyPem(), key, 20);
        assertThat(ctx.reloadIfChanged()).isTrue();
        assertThat(ctx.certificate()).isEqualTo(b.certificate());

        Files.writeString(chain, "garbage");
        Files.setLastModifiedTime(chain, FileTime.fromMillis(System.currentTimeMillis() + 30_000));
        assertThat(ctx.reloadIfChanged()).isFalse();
        assertThat(ctx.reloadIfChanged()).as("the bad file is tried once, not at every poll").isFalse();
        assertThat(ctx.certificate()).isEqualTo(b.certificate());
    }
}
