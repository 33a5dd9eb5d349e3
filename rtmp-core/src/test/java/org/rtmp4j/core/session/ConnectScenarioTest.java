package org.rtmp4j.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.message.CommandMessage;
import org.rtmp4j.core.message.RtmpMessage;
import org.rtmp4j.core.message.SetChunkSize;
import org.rtmp4j.core.message.SetPeerBandwidth;
import org.rtmp4j.core.message.WindowAckSize;

@Timeout(10)
class ConnectScenarioTest {

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void acceptedConnectSendsProtocolSettingsThenResultWithTheEchoedTransactionId(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = new RtmpPair(split, controller);

        CommandMessage result = Steps.done(pair.connect());

        assertThat(result.name()).isEqualTo("_result");
        assertThat(result.transactionId()).isEqualTo(1.0);
        assertThat(Steps.map(result.commandObject())).containsEntry("fmsVer", "FMS/3,5,7,7009")
                .containsEntry("capabilities", 31.0);
        assertThat(Steps.map(result.argument(0))).containsEntry("code", StatusCodes.CONNECT_SUCCESS)
                .containsEntry("level", "status").containsEntry("objectEncoding", 0.0);
        assertThat(controller.events).containsExactly("open", "connect");
        assertThat(pair.server.connectCommand()).hasValueSatisfying(c -> assertThat(c.app()).isEqualTo("live"));

        List<RtmpMessage> sent = WireTap.messages(pair.serverTransport);
        assertThat(sent).hasSizeGreaterThanOrEqualTo(5);
        assertThat(sent.get(0)).isEqualTo(new WindowAckSize(2_500_000));
        assertThat(sent.get(1)).isEqualTo(new SetPeerBandwidth(2_500_000, SetPeerBandwidth.LimitType.DYNAMIC));
        assertThat(sent.get(2)).isEqualTo(new SetChunkSize(4096));
        assertThat(((CommandMessage) sent.get(3)).name()).isEqualTo("_result");
        assertThat(((CommandMessage) sent.get(4)).name()).isEqualTo("onBWDone");
        assertThat(pair.listener.commands).extracting(CommandMessage::name).contains("onBWDone");

        // The client then announces its own window and chunk size.
        List<RtmpMessage> fromClient = WireTap.messages(pair.clientTransport);
        assertThat(fromClient).contains(new WindowAckSize(2_500_000), new SetChunkSize(4096));
        assertThat(pair.serverTransport.isClosed()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void rejectedConnectFailsTheClientAndClosesTheServer(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        controller.onConnect = RecordingController.Decision.REJECT;
        RtmpPair pair = new RtmpPair(split, controller);

        CompletableFuture<CommandMessage> f = pair.connect();

        Throwable t = catchThrowable(() -> f.get(1, TimeUnit.SECONDS));
        assertThat(t).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(RtmpStatusException.class);
        RtmpStatusException e = (RtmpStatusException) t.getCause();
        assertThat(e.status().code()).isEqualTo(StatusCodes.CONNECT_REJECTED);
        assertThat(e.status().description()).isEqualTo("not allowed");
        assertThat(pair.serverTransport.isClosed()).isTrue();
        assertThat(pair.server.isClosed()).isTrue();
        assertThat(controller.closes).hasSize(1);
        assertThat(pair.listener.closeCount).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void deferredConnectMayBeAcceptedFromAnotherThread(RtmpPair.Split split) throws Exception {
        RecordingController controller = new RecordingController();
        controller.onConnect = RecordingController.Decision.DEFER;
        RtmpPair pair = new RtmpPair(split, controller);
        CompletableFuture<CommandMessage> f = pair.connect();
        ConnectRequest request = controller.connects.poll(1, TimeUnit.SECONDS);
        assertThat(request).isNotNull();
        assertThat(request.isDone()).isFalse();
        assertThat(f).isNotDone();
        assertThat(pair.server.app()).isEmpty();

        Thread other = new Thread(() -> {
            request.accept();
            request.reject("too late: ignored");
        });
        other.start();
        other.join(5000);

        assertThat(request.isDone()).isTrue();
        assertThat(f).isNotDone(); // marshalled: runs on the connection thread
        pair.pump();
        assertThat(Steps.done(f).name()).isEqualTo("_result");
        assertThat(pair.serverTransport.isClosed()).isFalse();
        assertThat(pair.server.app()).isEqualTo("live");
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void appIsEmptyUntilConnectThenTheAppWithoutItsQueryAndTheKeyIsTheRequestedThenAcceptedName(RtmpPair.Split split) {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        RecordingController controller = new RecordingController() {
            @Override
            public void onOpen(RtmpSession session) {
                seen.add("open:" + session.app());
                super.onOpen(session);
            }

            @Override
            public void onPublish(RtmpSession session, PublishRequest request) {
                seen.add("publish:" + session.app() + "/" + request.name() + " stream:" + request.stream().name());
                super.onPublish(session, request);
            }
        };
        RtmpPair pair = new RtmpPair(split, controller);
        pair.client.start();
        CompletableFuture<CommandMessage> f = pair.client.connect(
                ConnectOptions.of("live?token=s3cret", "rtmp://127.0.0.1/live?token=s3cret"));
        pair.pump();
        Steps.done(f);
        int id = Steps.createStream(pair);
        pair.client.publish(id, "cam1?token=s3cret", org.rtmp4j.core.command.PublishType.LIVE);
        pair.pump();

        assertThat(seen).containsExactly("open:", "publish:live/cam1 stream:null");
        assertThat(pair.server.app()).isEqualTo("live");
        assertThat(pair.server.streams()).singleElement().satisfies(s -> assertThat(s.name()).isEqualTo("cam1"));
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void commandsBeforeConnectAreIgnored(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = new RtmpPair(split, controller);
        pair.client.start();
        pair.client.send(TestCommands.command(0, "createStream", 9, null));
        CompletableFuture<CommandMessage> f = pair.client.connect(ConnectOptions.of("live", "rtmp://h/live"));
        pair.pump();

        assertThat(Steps.done(f).name()).isEqualTo("_result");
        assertThat(controller.createStreams).isEmpty();
        assertThat(pair.listener.commands).extracting(CommandMessage::transactionId).doesNotContain(9.0);
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void secondConnectIsAProtocolError(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = Steps.connected(split, controller);

        pair.client.send(TestCommands.command(0, "connect", 5, Map.of("app", "live")));
        pair.pump();

        assertThat(pair.server.isClosed()).isTrue();
        assertThat(controller.closes).singleElement().isInstanceOf(org.rtmp4j.core.RtmpProtocolException.class);
    }
}
