package org.rtmp4j.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rtmp4j.core.command.Commands;
import org.rtmp4j.core.command.Play;
import org.rtmp4j.core.command.PlaybackRequests;
import org.rtmp4j.core.command.PublishType;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.message.CommandMessage;

/** NetConnection and FMS-convention commands with the replies real servers give (issue 5). */
@Timeout(10)
class CommandScenarioTest {

    /** @return the single command named {@code name} with transaction id {@code tx} the client got */
    static CommandMessage reply(RtmpPair pair, String name, double tx) {
        List<CommandMessage> found = pair.listener.commands.stream()
                .filter(c -> c.name().equals(name) && c.transactionId() == tx).toList();
        assertThat(found).as("%s with transaction id %s", name, tx).hasSize(1);
        return found.get(0);
    }

    static List<String> names(RtmpPair pair) {
        return pair.listener.commands.stream().map(CommandMessage::name).toList();
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void connectCarriesAppQueryStringAndTcUrlToTheController(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = new RtmpPair(split, controller);
        pair.client.start();
        CompletableFuture<CommandMessage> f = pair.client.connect(
                ConnectOptions.of("live?token=abc", "rtmp://127.0.0.1:1935/live?token=abc"));
        pair.pump();

        Steps.done(f);
        ConnectRequest request = controller.connects.poll();
        assertThat(request.command().app()).isEqualTo("live");
        assertThat(request.command().query()).isEqualTo("token=abc");
        assertThat(request.command().tcUrl()).isEqualTo("rtmp://127.0.0.1:1935/live?token=abc");
        assertThat(request.command().flashVer()).startsWith("FMLE/3.0");
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void unknownCallIsAnsweredWithCallFailedEchoingTheTransactionId(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = Steps.connected(split, controller);

        pair.client.send(TestCommands.command(0, "someMethod", 42, null, "arg"));
        pair.pump();

        CallRequest call = controller.calls.poll();
        assertThat(call.command().name()).isEqualTo("someMethod");
        assertThat(call.command().arguments()).containsExactly("arg");
        assertThat(call.command().expectsReply()).isTrue();
        assertThat(controller.events).containsSubsequence("call", "command");
        CommandMessage error = reply(pair, "_error", 42);
        assertThat(Steps.map(error.argument(0))).containsEntry("code", StatusCodes.CALL_FAILED)
                .containsEntry("level", "error");
        assertThat(pair.server.isClosed()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void acceptedCallIsAnsweredWithResultAndTheReturnValue(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        controller.onCall = r -> r.accept("pong", 2.0);
        RtmpPair pair = Steps.connected(split, controller);

        pair.client.send(TestCommands.command(0, "ping", 7, null));
        pair.pump();

        CommandMessage result = reply(pair, "_result", 7);
        assertThat(result.commandObject()).isNull();
        assertThat(result.arguments()).containsExactly("pong", 2.0);
        assertThat(controller.commands).isEmpty();
        assertThat(controller.calls.poll().isDone()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void deferredCallMayBeRejectedLaterWithItsOwnStatus(RtmpPair.Split split) throws Exception {
        RecordingController controller = new RecordingController();
        controller.onCall = r -> { };
        RtmpPair pair = Steps.connected(split, controller);
        pair.client.send(TestCommands.command(0, "lookup", 9, null));
        pair.pump();
        CallRequest call = controller.calls.poll();
        assertThat(names(pair)).doesNotContain("_error", "_result");

        Thread other = new Thread(() -> {
            call.reject(Status.error("App.NotFound", "no such thing"));
            call.accept("too late");
        });
        other.start();
        other.join(5000);
        pair.pump();

        CommandMessage error = reply(pair, "_error", 9);
        assertThat(Steps.map(error.argument(0))).containsEntry("code", "App.NotFound");
        assertThat(names(pair)).doesNotContain("_result");
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void callWithTransactionIdZeroGetsNoReply(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        controller.onCall = r -> r.accept("ignored");
        RtmpPair pair = Steps.connected(split, controller);

        pair.client.send(TestCommands.command(0, "notify", 0, null, "x"));
        pair.pump();

        assertThat(controller.calls.poll().command().expectsReply()).isFalse();
        assertThat(names(pair)).doesNotContain("_result", "_error");
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void releaseStreamAndFcPublishAreAnsweredAsFmsDoes(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = Steps.connected(split, controller);

        pair.client.send(Commands.releaseStream(5, "cam1"));
        pair.client.send(Commands.fcPublish(6, "cam1"));
        pair.pump();

        assertThat(reply(pair, "_result", 5).arguments()).isEmpty();
        assertThat(reply(pair, "_result", 6).arguments()).isEmpty();
        CommandMessage onFc = reply(pair, Commands.ON_FC_PUBLISH, 0);
        assertThat(Steps.map(onFc.argument(0))).containsEntry("code", StatusCodes.PUBLISH_START)
                .containsEntry("description", "cam1");
        assertThat(controller.calls).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void fcUnpublishAnswersOnFcUnpublishAndResultAndUnpublishes(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = Steps.connected(split, controller);
        Steps.publishing(pair, "cam1");

        pair.client.send(Commands.fcUnpublish(30, "cam1"));
        pair.pump();

        assertThat(Steps.map(reply(pair, Commands.ON_FC_UNPUBLISH, 0).argument(0)))
                .containsEntry("code", StatusCodes.UNPUBLISH_SUCCESS).containsEntry("description", "cam1");
        reply(pair, "_result", 30);
        assertThat(controller.unpublishedNames).containsExactly("cam1");
        assertThat(pair.listener.codes()).contains(StatusCodes.UNPUBLISH_SUCCESS);
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void fcSubscribeIsAnsweredAndReachesTheController(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = Steps.connected(split, controller);

        pair.client.send(PlaybackRequests.fcSubscribe(8, "cam1?k=v"));
        pair.pump();

        reply(pair, "_result", 8);
        assertThat(Steps.map(reply(pair, Commands.ON_FC_SUBSCRIBE, 0).argument(0)))
                .containsEntry("code", StatusCodes.PLAY_START);
        assertThat(controller.fcSubscribes.poll()).satisfies(s -> {
            assertThat(s.name()).isEqualTo("cam1");
            assertThat(s.query()).isEqualTo("k=v");
        });
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void fcSubscribeWithoutANameIsAnsweredWithError(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = Steps.connected(split, controller);

        pair.client.send(TestCommands.command(0, Commands.FC_SUBSCRIBE, 8, null));
        pair.pump();

        assertThat(Steps.map(reply(pair, "_error", 8).argument(0))).containsEntry("code", StatusCodes.CALL_FAILED);
        assertThat(controller.fcSubscribes).isEmpty();
        assertThat(pair.server.isClosed()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void checkBwIsAnsweredWithResultOnlySoFfmpegDoesNotLoopOnOnBwDone(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = Steps.connected(split, controller);
        int before = (int) names(pair).stream().filter(Commands.ON_BW_DONE::equals).count();

        pair.client.send(PlaybackRequests.checkBw(12));
        pair.pump();

        reply(pair, "_result", 12);
        assertThat(names(pair).stream().filter(Commands.ON_BW_DONE::equals).count()).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void getStreamLengthIsZeroForLiveStreams(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = Steps.connected(split, controller);
        int id = Steps.createStream(pair);

        pair.client.send(PlaybackRequests.getStreamLength(id, 13, "cam1"));
        pair.pump();

        CommandMessage result = reply(pair, "_result", 13);
        assertThat(result.streamId()).isEqualTo(id);
        assertThat(result.arguments()).containsExactly(0.0);
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void closeStreamStopsPlayingAndKeepsTheStream(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = Steps.connected(split, controller);
        int id = Steps.playing(pair, "cam1");

        pair.client.send(Commands.closeStream(id));
        pair.pump();

        assertThat(controller.stoppedNames).containsExactly("cam1");
        assertThat(pair.server.streams()).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(id);
            assertThat(s.state()).isEqualTo(NetStream.State.IDLE);
        });
        // The stream can play again.
        CompletableFuture<Void> again = pair.client.play(id, "cam2");
        pair.pump();
        Steps.done(again);
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void deleteStreamOfAPlayingStreamStopsThenDeletes(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = Steps.connected(split, controller);
        int id = Steps.playing(pair, "cam1");

        pair.client.deleteStream(id);
        pair.pump();

        assertThat(controller.events).containsSubsequence("play", "stopPlay", "deleteStream");
        assertThat(pair.server.streams()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = PublishType.class)
    void publishTypeReachesTheController(PublishType type) {
        for (RtmpPair.Split split : RtmpPair.Split.values()) {
            RecordingController controller = new RecordingController();
            RtmpPair pair = Steps.connected(split, controller);
            int id = Steps.createStream(pair);
            CompletableFuture<Void> f = pair.client.publish(id, "rec1?x=1", type);
            pair.pump();

            Steps.done(f);
            PublishRequest request = controller.publishes.poll();
            assertThat(request.command().type()).isEqualTo(type);
            assertThat(request.command().name()).isEqualTo("rec1");
            assertThat(request.command().query()).isEqualTo("x=1");
        }
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void playStartDurationAndResetReachTheController(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = Steps.connected(split, controller);
        int live = Steps.createStream(pair);
        int recorded = Steps.createStream(pair);

        pair.client.send(TestCommands.command(live, "play", 0, null, "cam1", -1.0));
        pair.client.send(TestCommands.command(recorded, "play", 0, null, "vod1", 12.5, 30.0, false));
        pair.pump();

        Play first = controller.plays.poll().command();
        assertThat(first.start()).isEqualTo(-1.0);
        assertThat(first.duration()).isEqualTo(Play.DEFAULT_DURATION);
        assertThat(first.reset()).isTrue();
        Play second = controller.plays.poll().command();
        assertThat(second.name()).isEqualTo("vod1");
        assertThat(second.start()).isEqualTo(12.5);
        assertThat(second.duration()).isEqualTo(30.0);
        assertThat(second.reset()).isFalse();
        // reset=false: Play.Start without Play.Reset on that stream.
        assertThat(pair.listener.statuses).filteredOn(s -> s.streamId() == recorded)
                .extracting(s -> s.status().code()).containsExactly(StatusCodes.PLAY_START);
        assertThat(pair.listener.statuses).filteredOn(s -> s.streamId() == live)
                .extracting(s -> s.status().code()).containsExactly(StatusCodes.PLAY_RESET, StatusCodes.PLAY_START);
    }
}
