package org.rtmp4j.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rtmp4j.core.command.PublishType;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.message.CommandMessage;
import org.rtmp4j.core.message.DataMessage;
import org.rtmp4j.core.message.RtmpMessage;
import org.rtmp4j.core.message.UserControl;

@Timeout(10)
class StreamScenarioTest {

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void createStreamAllocatesIncreasingIdsUpToTheCap(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = new RtmpPair(split, controller,
                SessionConfig.defaults().withMaxMessageStreams(2), SessionConfig.defaults());
        Steps.done(pair.connect());

        assertThat(Steps.createStream(pair)).isEqualTo(1);
        assertThat(Steps.createStream(pair)).isEqualTo(2);
        CompletableFuture<Integer> third = pair.client.createStream();
        pair.pump();

        Throwable t = catchThrowable(() -> third.get(1, TimeUnit.SECONDS));
        assertThat(t.getCause()).isInstanceOf(RtmpStatusException.class);
        assertThat(((RtmpStatusException) t.getCause()).status().code()).isEqualTo(StatusCodes.CALL_FAILED);
        assertThat(pair.server.streams()).extracting(NetStream::id).containsExactly(1, 2);

        // A deleted id is reused.
        pair.client.deleteStream(1);
        pair.pump();
        assertThat(Steps.createStream(pair)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void acceptedPublishSendsStreamBeginAndPublishStart(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = Steps.connected(split, controller);

        int id = Steps.publishing(pair, "cam1");

        PublishRequest request = controller.publishes.poll();
        assertThat(request.command().name()).isEqualTo("cam1");
        assertThat(request.command().type()).isEqualTo(PublishType.LIVE);
        assertThat(request.stream().state()).isEqualTo(NetStream.State.PUBLISHING);
        assertThat(request.stream().name()).isEqualTo("cam1");
        List<RtmpMessage> sent = WireTap.messages(pair.serverTransport);
        int begin = sent.indexOf(new UserControl.StreamBegin(id));
        assertThat(begin).isPositive();
        CommandMessage status = (CommandMessage) sent.get(begin + 1);
        assertThat(status.name()).isEqualTo("onStatus");
        assertThat(status.streamId()).isEqualTo(id);
        assertThat(Steps.map(status.argument(0))).containsEntry("code", StatusCodes.PUBLISH_START)
                .containsEntry("description", "cam1 is now published").containsEntry("details", "cam1");
        // releaseStream and FCPublish were answered with their transaction ids.
        assertThat(sent).filteredOn(m -> m instanceof CommandMessage c && c.name().equals("_result"))
                .extracting(m -> ((CommandMessage) m).transactionId()).contains(2.0, 3.0, 4.0);
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void aPublishRejectedWithADescriptionFailsWithRejectedNotBadName(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        controller.onPublish = RecordingController.Decision.REJECT;
        RtmpPair pair = Steps.connected(split, controller);
        int id = Steps.createStream(pair);

        CompletableFuture<Void> f = pair.client.publish(id, "taken", PublishType.LIVE);
        pair.pump();

        RtmpStatusException e = statusFailure(f);
        assertThat(e.status().code()).isEqualTo(StatusCodes.PUBLISH_REJECTED);
        assertThat(e.status().level()).isEqualTo("error");
        assertThat(e.status().description()).isEqualTo("name taken");
        assertThat(pair.server.streams()).singleElement()
                .satisfies(s -> assertThat(s.state()).isEqualTo(NetStream.State.IDLE));
        assertThat(pair.serverTransport.isClosed()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void rejectBadNameFailsWithBadNameAndTheStreamCanPublishAnotherName(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        controller.onPublish = RecordingController.Decision.DEFER;
        RtmpPair pair = Steps.connected(split, controller);
        int id = Steps.createStream(pair);

        CompletableFuture<Void> f = pair.client.publish(id, "", PublishType.LIVE);
        pair.pump();
        PublishRequest request = controller.publishes.remove();
        request.rejectBadName("empty stream key");
        pair.pump();

        RtmpStatusException e = statusFailure(f);
        assertThat(e.status().code()).isEqualTo(StatusCodes.PUBLISH_BAD_NAME);
        assertThat(e.status().level()).isEqualTo("error");
        assertThat(e.status().description()).isEqualTo("empty stream key");
        assertThat(request.isDone()).isTrue();

        CompletableFuture<Void> again = pair.client.publish(id, "cam1", PublishType.LIVE);
        pair.pump();
        controller.publishes.remove().accept();
        pair.pump();
        assertThat(again).succeedsWithin(Duration.ofSeconds(1));
    }

    private static RtmpStatusException statusFailure(CompletableFuture<Void> f) {
        Throwable t = catchThrowable(() -> f.get(1, TimeUnit.SECONDS));
        assertThat(t).isInstanceOf(ExecutionException.class);
        return (RtmpStatusException) t.getCause();
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void acceptedPlaySendsStreamBeginResetStartAndSampleAccess(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = Steps.connected(split, controller);

        int id = Steps.playing(pair, "cam1");

        assertThat(controller.plays.poll().command().name()).isEqualTo("cam1");
        List<RtmpMessage> sent = WireTap.messages(pair.serverTransport);
        int begin = sent.indexOf(new UserControl.StreamBegin(id));
        assertThat(begin).isPositive();
        assertThat(pair.listener.codes()).containsExactly(StatusCodes.PLAY_RESET, StatusCodes.PLAY_START);
        DataMessage access = (DataMessage) sent.get(begin + 3);
        assertThat(access.values()).containsExactly("|RtmpSampleAccess", true, true);
        assertThat(access.streamId()).isEqualTo(id);
        assertThat(pair.listener.data).extracting(DataMessage::name).containsExactly("|RtmpSampleAccess");
        // The client told the server its buffer length.
        assertThat(WireTap.messages(pair.clientTransport))
                .contains(new UserControl.SetBufferLength(id, ClientConnection.PLAY_BUFFER_MS));
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void rejectedPlayFailsWithStreamNotFound(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        controller.onPlay = RecordingController.Decision.REJECT;
        RtmpPair pair = Steps.connected(split, controller);
        int id = Steps.createStream(pair);

        CompletableFuture<Void> f = pair.client.play(id, "nothing");
        pair.pump();

        Throwable t = catchThrowable(() -> f.get(1, TimeUnit.SECONDS));
        assertThat(((RtmpStatusException) t.getCause()).status().code()).isEqualTo(StatusCodes.PLAY_STREAM_NOT_FOUND);
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void deleteStreamUnpublishesThenDeletes(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = Steps.connected(split, controller);
        int id = Steps.publishing(pair, "cam1");

        pair.client.deleteStream(id);
        pair.pump();

        assertThat(controller.unpublishes).hasSize(1);
        assertThat(controller.deletes).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(id);
            assertThat(s.state()).isEqualTo(NetStream.State.CLOSED);
        });
        assertThat(controller.events).containsSubsequence("publish", "unpublish", "deleteStream");
        assertThat(pair.server.streams()).isEmpty();
        assertThat(pair.listener.codes()).contains(StatusCodes.UNPUBLISH_SUCCESS);

        // Closing the transport later does not repeat them.
        pair.clientTransport.close();
        pair.pump();
        assertThat(controller.unpublishes).hasSize(1);
        assertThat(controller.deletes).hasSize(1);
        assertThat(controller.closes).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void transportCloseStopsEveryStreamAndClosesExactlyOnce(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = Steps.connected(split, controller);
        Steps.publishing(pair, "a");
        Steps.playing(pair, "b");
        Steps.createStream(pair);

        pair.server.onTransportClosed(new java.io.IOException("reset"));
        pair.server.onTransportClosed(null);
        pair.server.close();

        assertThat(controller.unpublishedNames).containsExactly("a");
        assertThat(controller.stoppedNames).containsExactly("b");
        assertThat(controller.deletes).hasSize(3);
        assertThat(controller.closes).singleElement().isInstanceOf(java.io.IOException.class);
        assertThat(controller.events.subList(controller.events.size() - 6, controller.events.size()))
                .containsExactly("unpublish", "stopPlay", "deleteStream", "deleteStream", "deleteStream", "close");
        assertThat(pair.server.close()).isDone();
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void fcUnpublishStopsThePublishingStreamWithThatName(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = Steps.connected(split, controller);
        Steps.publishing(pair, "cam1");

        pair.client.send(TestCommands.command(0, "FCUnpublish", 20, null, "cam1"));
        pair.pump();

        assertThat(controller.unpublishedNames).containsExactly("cam1");
        assertThat(pair.server.streams()).singleElement()
                .satisfies(s -> assertThat(s.state()).isEqualTo(NetStream.State.IDLE));
        assertThat(pair.listener.commands).extracting(CommandMessage::name).contains("onFCUnpublish");
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void publishOnAnUnknownStreamIsAnsweredWithError(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = Steps.connected(split, controller);

        pair.client.send(TestCommands.command(7, "publish", 11, null, "x", "live"));
        pair.pump();

        assertThat(controller.publishes).isEmpty();
        assertThat(pair.listener.commands).anySatisfy(c -> {
            assertThat(c.name()).isEqualTo("_error");
            assertThat(c.transactionId()).isEqualTo(11.0);
        });
    }
}
