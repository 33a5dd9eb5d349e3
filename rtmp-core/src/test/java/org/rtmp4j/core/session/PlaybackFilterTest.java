package org.rtmp4j.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlaybackFilterTest {
    private final PlaybackFilter filter = new PlaybackFilter();

    @Test
    void passesEverythingByDefault() {
        assertThat(filter.passes(Media.interFrame(0, 10))).isTrue();
        assertThat(filter.passes(Media.audio(0, 10))).isTrue();
        assertThat(filter.paused()).isFalse();
        assertThat(filter.audio()).isTrue();
        assertThat(filter.video()).isTrue();
    }

    @Test
    void whilePausedOnlySequenceHeadersPassAndVideoThenResumesAtAKeyframe() {
        filter.paused(true);

        assertThat(filter.passes(Media.keyframe(0, 10))).isFalse();
        assertThat(filter.passes(Media.audio(1, 10))).isFalse();
        assertThat(filter.passes(Media.audioSequenceHeader())).isTrue();
        assertThat(filter.passes(Media.videoSequenceHeader())).isTrue();

        filter.paused(false);
        assertThat(filter.passes(Media.audio(2, 10))).isTrue();
        assertThat(filter.passes(Media.interFrame(3, 10))).isFalse();
        assertThat(filter.passes(Media.keyframe(4, 10))).isTrue();
        assertThat(filter.passes(Media.interFrame(5, 10))).isTrue();
    }

    @Test
    void videoOffSkipsVideoExceptSequenceHeadersButNotAudio() {
        filter.video(false);

        assertThat(filter.passes(Media.videoSequenceHeader())).isTrue();
        assertThat(filter.passes(Media.keyframe(0, 10))).isFalse();
        assertThat(filter.passes(Media.audio(1, 10))).isTrue();

        filter.video(true);
        assertThat(filter.passes(Media.interFrame(2, 10))).isFalse();
        assertThat(filter.passes(Media.keyframe(3, 10))).isTrue();
    }

    @Test
    void audioOffSkipsAudioExceptSequenceHeaders() {
        filter.audio(false);

        assertThat(filter.passes(Media.audioSequenceHeader())).isTrue();
        assertThat(filter.passes(Media.audio(0, 10))).isFalse();
        assertThat(filter.passes(Media.interFrame(1, 10))).isTrue();
    }
}
