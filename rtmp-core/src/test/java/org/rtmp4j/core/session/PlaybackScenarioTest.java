package org.rtmp4j.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rtmp4j.core.command.Commands;
import org.rtmp4j.core.command.Play2;
import org.rtmp4j.core.command.PlaybackRequests;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.CommandMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.VideoMessage;

/** pause, seek, play2, receiveAudio and receiveVideo on a playing stream (RTMP 1.0 §7.2.2). */
@Timeout(10)
class PlaybackScenarioTest {

    private static NetStream playing(RecordingController controller) {
        return controller.plays.peek().stream();
    }

    /** Sends {@code media} to the player and returns the timestamps of what arrived of {@code type}. */
    private static List<Integer> deliver(RtmpPair pair, NetStream to, Class<? extends MediaMessage> type,
            MediaMessage... media) {
        pair.listener.media.clear();
        for (MediaMessage m : media) {
            pair.server.sendMedia(to, m);
        }
        pair.pump();
        return pair.listener.media.stream().filter(type::isInstance).map(MediaMessage::timestamp).toList();
    }

    private static List<String> codesOn(RtmpPair pair, int streamId) {
        return pair.listener.statuses.stream().filter(s -> s.streamId() == streamId)
                .map(s -> s.status().code()).toList();
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void pauseNotifiesAndSkipsMediaUntilUnpauseThenVideoResumesAtAKeyframe(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = Steps.connected(split, controller);
        int id = Steps.playing(pair, "cam1");
        NetStream stream = playing(controller);
        assertThat(deliver(pair, stream, VideoMessage.class, Media.keyframe(0, 100))).containsExactly(0);

        pair.client.send(PlaybackRequests.pause(id, true, 1234));
        pair.pump();

        assertThat(controller.pauses.poll()).satisfies(p -> {
            assertThat(p.pause()).isTrue();
            assertThat(p.milliseconds()).isEqualTo(1234.0);
        });
        assertThat(stream.isPaused()).isTrue();
        assertThat(codesOn(pair, id)).endsWith(StatusCodes.PAUSE_NOTIFY);
        assertThat(deliver(pair, stream, MediaMessage.class,
                Media.interFrame(40, 50), Media.audio(41, 10), Media.keyframe(80, 100))).isEmpty();
        // Sequence headers still pass while paused.
        assertThat(deliver(pair, stream, MediaMessage.class, Media.videoSequenceHeader())).containsExactly(0);
        long droppedBefore = pair.server.droppedMessages();

        pair.client.send(PlaybackRequests.pause(id, false, 1234));
        pair.pump();

        assertThat(stream.isPaused()).isFalse();
        assertThat(codesOn(pair, id)).endsWith(StatusCodes.UNPAUSE_NOTIFY);
        assertThat(deliver(pair, stream, MediaMessage.class,
                Media.interFrame(120, 50), Media.audio(121, 10), Media.keyframe(160, 100), Media.interFrame(200, 50)))
                .containsExactly(121, 160, 200);
        assertThat(pair.server.droppedMessages()).isEqualTo(droppedBefore);
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void pauseOnAStreamThatIsNotPlayingIsAnsweredWithError(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = Steps.connected(split, controller);
        int id = Steps.createStream(pair);

        pair.client.send(PlaybackRequests.pause(id, true, 0));
        pair.pump();

        CommandMessage error = CommandScenarioTest.reply(pair, Commands.ERROR, 0);
        assertThat(error.streamId()).isEqualTo(id);
        assertThat(Steps.map(error.argument(0))).containsEntry("code", StatusCodes.FAILED);
        assertThat(controller.pauses).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void playbackCommandOnAnUnknownStreamIsAnsweredWithCallFailed(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = Steps.connected(split, controller);

        pair.client.send(PlaybackRequests.seek(9, 100));
        pair.pump();

        assertThat(Steps.map(CommandScenarioTest.reply(pair, Commands.ERROR, 0).argument(0)))
                .containsEntry("code", StatusCodes.CALL_FAILED);
        assertThat(controller.seeks).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void malformedPauseIsAnsweredWithErrorAndTheConnectionStaysOpen(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = Steps.connected(split, controller);
        int id = Steps.playing(pair, "cam1");

        pair.client.send(TestCommands.command(id, Commands.PAUSE, 0, null, "yes"));
        pair.pump();

        assertThat(Steps.map(CommandScenarioTest.reply(pair, Commands.ERROR, 0).argument(0)))
                .containsEntry("code", StatusCodes.CALL_FAILED);
        assertThat(controller.pauses).isEmpty();
        assertThat(playing(controller).isPaused()).isFalse();
        assertThat(pair.server.isClosed()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void seekOnALiveStreamIsNotifiedAndOnAnIdleStreamFails(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = Steps.connected(split, controller);
        int id = Steps.playing(pair, "cam1");
        int idle = Steps.createStream(pair);

        pair.client.send(PlaybackRequests.seek(id, 5000));
        pair.client.send(PlaybackRequests.seek(idle, 5000));
        pair.pump();

        assertThat(controller.seeks).singleElement().satisfies(s -> assertThat(s.milliseconds()).isEqualTo(5000.0));
        assertThat(codesOn(pair, id)).endsWith(StatusCodes.SEEK_NOTIFY);
        CommandMessage error = CommandScenarioTest.reply(pair, Commands.ERROR, 0);
        assertThat(error.streamId()).isEqualTo(idle);
        assertThat(Steps.map(error.argument(0))).containsEntry("code", StatusCodes.SEEK_FAILED);
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void play2ReachesTheControllerTypedAndDefaultsToPlayFailed(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = Steps.connected(split, controller);
        int id = Steps.playing(pair, "cam1_low");

        pair.client.send(PlaybackRequests.play2(id, new Play2("cam1_high", "k=v", "cam1_low", 0, -1, "switch")));
        pair.pump();

        assertThat(controller.play2s.poll()).isEqualTo(new Play2("cam1_high", "k=v", "cam1_low", 0, -1, "switch"));
        RecordingListener.StreamStatus last = pair.listener.statuses.stream().reduce((a, b) -> b).orElseThrow();
        assertThat(last.streamId()).isEqualTo(id);
        assertThat(last.status().code()).isEqualTo(StatusCodes.PLAY_FAILED);
        assertThat(last.status().level()).isEqualTo("error");
        assertThat(playing(controller).state()).isEqualTo(NetStream.State.PLAYING);
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void play2AnsweredByTheControllerWithATransition(RtmpPair.Split split) {
        RecordingController controller = new RecordingController() {
            @Override
            public void onPlay2(RtmpSession session, NetStream stream, Play2 play2) {
                play2s.add(play2);
                session.sendStatus(stream, org.rtmp4j.core.command.Status.status(StatusCodes.PLAY_TRANSITION, "switching"));
            }
        };
        RtmpPair pair = Steps.connected(split, controller);
        int id = Steps.playing(pair, "a");

        pair.client.send(PlaybackRequests.play2(id, new Play2("b", "", "a", -2, -1, "switch")));
        pair.pump();

        assertThat(codesOn(pair, id)).endsWith(StatusCodes.PLAY_TRANSITION).doesNotContain(StatusCodes.PLAY_FAILED);
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void receiveAudioFalseSkipsAudioSilentlyAndTrueResumesWithSeekNotifyAndPlayStart(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = Steps.connected(split, controller);
        int id = Steps.playing(pair, "cam1");
        NetStream stream = playing(controller);
        int statusesBefore = pair.listener.statuses.size();

        pair.client.send(PlaybackRequests.receiveAudio(id, false));
        pair.pump();

        assertThat(stream.receivesAudio()).isFalse();
        assertThat(pair.listener.statuses).hasSize(statusesBefore);
        assertThat(deliver(pair, stream, AudioMessage.class, Media.audioSequenceHeader(), Media.audio(10, 20)))
                .containsExactly(0); // only the sequence header

        assertThat(deliver(pair, stream, VideoMessage.class, Media.keyframe(20, 100))).containsExactly(20);

        pair.client.send(PlaybackRequests.receiveAudio(id, true));
        pair.pump();

        assertThat(stream.receivesAudio()).isTrue();
        assertThat(codesOn(pair, id)).endsWith(StatusCodes.SEEK_NOTIFY, StatusCodes.PLAY_START);
        assertThat(deliver(pair, stream, AudioMessage.class, Media.audio(30, 20))).containsExactly(30);
        assertThat(controller.receives).containsExactly("audio false", "audio true");
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void receiveVideoFalseSkipsVideoAndTrueResumesAtTheNextKeyframe(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = Steps.connected(split, controller);
        int id = Steps.playing(pair, "cam1");
        NetStream stream = playing(controller);

        pair.client.send(PlaybackRequests.receiveVideo(id, false));
        pair.pump();

        assertThat(stream.receivesVideo()).isFalse();
        assertThat(deliver(pair, stream, VideoMessage.class, Media.keyframe(0, 100), Media.interFrame(40, 10))).isEmpty();
        assertThat(deliver(pair, stream, AudioMessage.class, Media.audio(41, 10))).containsExactly(41);

        pair.client.send(PlaybackRequests.receiveVideo(id, true));
        pair.pump();

        assertThat(codesOn(pair, id)).endsWith(StatusCodes.SEEK_NOTIFY, StatusCodes.PLAY_START);
        assertThat(deliver(pair, stream, VideoMessage.class,
                Media.interFrame(80, 10), Media.keyframe(120, 100), Media.interFrame(160, 10))).containsExactly(120, 160);
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void receiveVideoBeforePlayIsRememberedWithoutAReply(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = Steps.connected(split, controller);
        int id = Steps.createStream(pair);

        pair.client.send(PlaybackRequests.receiveVideo(id, false));
        pair.pump();
        assertThat(codesOn(pair, id)).isEmpty();
        pair.client.play(id, "cam1");
        pair.pump();

        NetStream stream = playing(controller);
        assertThat(stream.receivesVideo()).isFalse();
        assertThat(deliver(pair, stream, MediaMessage.class, Media.keyframe(0, 100), Media.audio(1, 10)))
                .containsExactly(1);
        assertThat(controller.receives).containsExactly("video false");
    }
}
