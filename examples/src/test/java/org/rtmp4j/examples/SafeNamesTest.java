package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeNamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"live", "test", "stream-1_a.b", "ключ", "a b"})
    void acceptsPlainFileNames(String name) {
        assertThat(SafeNames.isSafe(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "../x", "a/b", "a\\b", "/etc", "c:", "a\u0000b", "new\nline", "del\u007F"})
    void rejectsNamesThatCouldEscapeTheDirectoryOrAreNotFileNames(String name) {
        assertThat(SafeNames.isSafe(name)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void rejectsNullAndOverlongNames() {
        assertThat(SafeNames.isSafe(null)).isFalse();
        assertThat(SafeNames.isSafe("x".repeat(SafeNames.MAX_LENGTH))).isTrue();
        assertThat(SafeNames.isSafe("x".repeat(SafeNames.MAX_LENGTH + 1))).isFalse();
    }

    @org.junit.jupiter.api.Test
    void resolvesInsideTheDirectoryOrThrows() {
        Path dir = Path.of("recordings");
        assertThat(SafeNames.resolve(dir, "live", "key.flv")).isEqualTo(dir.resolve("live").resolve("key.flv"));
        assertThatThrownBy(() -> SafeNames.resolve(dir, "..", "key.flv"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("app=\"..\"");
        assertThatThrownBy(() -> SafeNames.resolve(dir, "live", "a\nb"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\\u000a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"live", "live/inst", "live/_definst_", "a/b/c/d"})
    void acceptsAppsOfUpToFourPlainSegments(String app) {
        assertThat(SafeNames.isSafeApp(app)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "live/", "/live", "live//inst", "live/..", "../live", "live/./x", "a/b/c/d/e",
            "live\\..", "c:/x", "live/a\u0000b"})
    void rejectsAppsThatCouldEscapeTheDirectory(String app) {
        assertThat(SafeNames.isSafeApp(app)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void anAppOfSeveralSegmentsIsNestedDirectoriesInsideTheRecordingDirectory() {
        Path dir = Path.of("recordings");
        Path file = SafeNames.resolve(dir, "live/_definst_", "key.flv");
        assertThat(file).isEqualTo(dir.resolve("live").resolve("_definst_").resolve("key.flv"));
        assertThat(file.normalize().startsWith(dir)).isTrue();
        assertThatThrownBy(() -> SafeNames.resolve(dir, "live/..", "key.flv"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SafeNames.resolve(dir, "live/inst", "a/b.flv"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
