package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtmp4j.live.LiveOptions;

class StreamKeyAuthTest {
    @TempDir
    Path dir;

    private Path keys(String... lines) throws Exception {
        Path f = dir.resolve("keys.txt");
        Files.write(f, List.of(lines));
        return f;
    }

    @Test
    void keysAreTrimmedLinesWithoutBlanksAndComments() {
        assertThat(StreamKeyAuth.parseKeys(List.of("# publishers", "  alice-123 ", "", "bob#1", "   # old: carol")))
                .containsExactlyInAnyOrder("alice-123", "bob#1");
    }

    @Test
    void acceptsOnlyListedKeys() throws Exception {
        StreamKeyAuth auth = new StreamKeyAuth(LiveOptions.DEFAULT, keys("alice-123"), null);
        assertThat(auth.isAllowed("alice-123", "")).isTrue();
        assertThat(auth.isAllowed("alice-124", "")).isFalse();
        assertThat(auth.isAllowed("", "")).isFalse();
        assertThat(auth.isAllowed("alice-124", "token=alice-123")).isFalse(); // no token configured
    }

    @Test
    void acceptsTheTokenInThePublishersQuery() throws Exception {
        StreamKeyAuth auth = new StreamKeyAuth(LiveOptions.DEFAULT, null, "s3cr%t");
        assertThat(auth.isAllowed("any", "token=s3cr%25t")).isTrue();
        assertThat(auth.isAllowed("any", "a=1&token=s3cr%25t&b=2")).isTrue();
        assertThat(auth.isAllowed("any", "token=s3cr%25t")).isTrue();
        assertThat(auth.isAllowed("any", "token=s3cr")).isFalse();
        assertThat(auth.isAllowed("any", "xtoken=s3cr%25t")).isFalse();
        assertThat(auth.isAllowed("any", "token=%zz")).isFalse();
        assertThat(auth.isAllowed("s3cr%t", "")).isFalse();
    }

    @Test
    void reReadsTheKeysFileWhenItChangesAndFailsClosedWhenItGoes() throws Exception {
        Path f = keys("alice-123");
        StreamKeyAuth auth = new StreamKeyAuth(LiveOptions.DEFAULT, f, null);
        assertThat(auth.isAllowed("bob-456", "")).isFalse();

        Files.write(f, List.of("alice-123", "bob-456"));
        Files.setLastModifiedTime(f, FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(auth.isAllowed("bob-456", "")).isTrue();

        Files.delete(f);
        assertThat(auth.isAllowed("alice-123", "")).isFalse();
    }

    @Test
    void needsAKeysFileOrATokenAndAReadableFile() {
        assertThatThrownBy(() -> new StreamKeyAuth(LiveOptions.DEFAULT, null, ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StreamKeyAuth(LiveOptions.DEFAULT, dir.resolve("missing"), null))
                .isInstanceOf(java.io.IOException.class);
    }
}
