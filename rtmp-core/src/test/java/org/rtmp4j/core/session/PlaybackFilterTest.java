package org.rtmp4j.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rtmp4j.core.internal.MediaClassifier.traits;

import org.junit.jupiter.api.Test;

class PlaybackFilterTest {
    private final PlaybackFilter filter = new PlaybackFilter();

    @Test
    void passesEverythingByDefault() {
        assertThat(filter.passes(traits(Media.interFrame(0, 10)))).isTrue();
        assertThat(filter.passes(traits(Media.audio(0, 10)))).isTrue();
        assertThat(filter.paused()).isFalse();
        assertThat(filter.audio()).isTrue();
        assertThat(filter.video()).isTrue();
    }

    @Test
    void whilePausedOnlySequenceHeadersPassAndVideoThenResumesAtAKeyframe() {
        filter.paused(true);

        assertThat(filter.passes(traits(Media.keyframe(0, 10)))).isFalse();
        assertThat(filter.passes(traits(Media.audio(1, 10)))).isFalse();
        assertThat(filter.passes(traits(Media.audioSequenceHeader()))).isTrue();
        assertThat(filter.passes(traits(Media.videoSequenceHeader()))).isTrue();

        filter.paused(false);
        assertThat(filter.passes(traits(Media.audio(2, 10)))).isTrue();
        assertThat(filter.passes(traits(Media.interFrame(3, 10)))).isFalse();
        assertThat(filter.passes(traits(Media.keyframe(4, 10)))).isTrue();
        assertThat(filter.passes(traits(Media.interFrame(5, 10)))).isTrue();
    }

    @Test
    void videoOffSkipsVideoExceptSequenceHeadersButNotAudio() {
        filter.video(false);

        assertThat(filter.passes(traits(Media.videoSequenceHeader()))).isTrue();
        assertThat(filter.passes(traits(Media.keyframe(0, 10)))).isFalse();
        assertThat(filter.passes(traits(Media.audio(1, 10)))).isTrue();

        filter.video(true);
        assertThat(filter.passes(traits(Media.interFrame(2, 10)))).isFalse();
        assertThat(filter.passes(traits(Media.keyframe(3, 10)))).isTrue();
    }

    @Test
    void audioOffSkipsAudioExceptSequenceHeaders() {
        filter.audio(false);

        assertThat(filter.passes(traits(Media.audioSequenceHeader()))).isTrue();
        assertThat(filter.passes(traits(Media.audio(0, 10)))).isFalse();
        assertThat(filter.passes(traits(Media.interFrame(1, 10)))).isTrue();
    }
}
