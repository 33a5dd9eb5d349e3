package org.rtmp4j.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rtmp4j.core.command.Connect;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.message.AggregateMessage;
import org.rtmp4j.core.message.CommandMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.RtmpMessage;

@Timeout(10)
class ClientScenarioTest {

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void connectCommandObjectCarriesTheClientDefaultsAndExtraProperties(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = new RtmpPair(split, controller);
        pair.client.start();
        pair.client.connect(new ConnectOptions("live", "rtmp://127.0.0.1/live", Map.of("fourCcList", List.of("av01", "hvc1"))));
        pair.pump();

        Connect connect = controller.connects.peek().command();
        assertThat(connect.app()).isEqualTo("live");
        assertThat(connect.tcUrl()).isEqualTo("rtmp://127.0.0.1/live");
        assertThat(connect.flashVer()).isEqualTo("FMLE/3.0 (compatible; rtmp4j)");
        assertThat(connect.fourCcList()).containsExactly("av01", "hvc1");
        assertThat(connect.commandObject()).containsEntry("type", "nonprivate").containsEntry("fpad", false)
                .containsEntry("capabilities", 15.0).containsEntry("audioCodecs", (double) 0x0FFF)
                .containsEntry("videoCodecs", (double) 0x00FF).containsEntry("videoFunction", 1.0)
                .containsEntry("objectEncoding", 0.0);
        assertThat(controller.connects.peek().message().transactionId()).isEqualTo(1.0);
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void enhancedRtmpClientsAreToldTheServerForwardsAnyCodec(RtmpPair.Split split) {
        RtmpPair pair = new RtmpPair(split, new RecordingController());
        pair.client.start();
        CompletableFuture<CommandMessage> f = pair.client.connect(
                new ConnectOptions("live", "rtmp://h/live", Map.of("fourCcList", List.of("hvc1"))));
        pair.pump();

        Map<String, Object> props = Steps.map(Steps.done(f).commandObject());
        assertThat(Steps.map(props.get("videoFourCcInfoMap"))).containsEntry("*", 4.0);
        assertThat(Steps.map(props.get("audioFourCcInfoMap"))).containsEntry("*", 4.0);
        assertThat(props.get("fourCcList")).isEqualTo(List.of("*"));

        RtmpPair legacy = new RtmpPair(split, new RecordingController());
        assertThat(Steps.map(Steps.done(legacy.connect()).commandObject())).doesNotContainKey("videoFourCcInfoMap");
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void publishSendsReleaseStreamFcPublishThenPublishWithIncreasingTransactionIds(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = Steps.connected(split, controller);
        int id = Steps.publishing(pair, "key");

        List<CommandMessage> commands = WireTap.messages(pair.clientTransport, CommandMessage.class);
        assertThat(commands).extracting(CommandMessage::name)
                .containsExactly("connect", "createStream", "releaseStream", "FCPublish", "publish");
        assertThat(commands).extracting(CommandMessage::transactionId).containsExactly(1.0, 2.0, 3.0, 4.0, 0.0);
        CommandMessage publish = commands.get(4);
        assertThat(publish.streamId()).isEqualTo(id);
        assertThat(publish.arguments()).containsExactly("key", "live");
        assertThat(pair.listener.codes()).containsExactly("NetStream.Publish.Start");
    }

    @Test
    void closingTheTransportFailsPendingFuturesAndNotifiesTheListenerOnce() {
        RecordingController controller = new RecordingController();
        controller.onCreateStream = RecordingController.Decision.DEFER;
        RtmpPair pair = Steps.connected(RtmpPair.Split.WHOLE, controller);
        CompletableFuture<Integer> pending = pair.client.createStream();
        pair.pump();

        pair.client.onTransportClosed(new java.io.IOException("reset by peer"));
        pair.client.onTransportClosed(null);

        Throwable t = catchThrowable(() -> pending.get(1, TimeUnit.SECONDS));
        assertThat(t.getCause()).isInstanceOf(java.io.IOException.class).hasMessage("reset by peer");
        assertThat(pair.listener.closeCount).isEqualTo(1);
        assertThat(pair.client.createStream()).isCompletedExceptionally();
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void aggregateMessagesAreSplitIntoTheirMedia(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = Steps.connected(split, controller);
        int id = Steps.publishing(pair, "cam1");
        ByteBuffer body = ByteBuffer.allocate(2 * (11 + 5 + 4));
        subMessage(body, 9, 1000, new byte[] {0x17, 1, 0, 0, 0});
        subMessage(body, 8, 1020, new byte[] {(byte) 0xAF, 1, 9, 9, 9});
        body.flip();

        pair.client.send(new AggregateMessage(5000, id, body));
        pair.pump();

        List<MediaMessage> media = List.copyOf(controller.media);
        assertThat(media).extracting(RtmpMessage::timestamp).containsExactly(5000, 5020);
        assertThat(media).extracting(MediaMessage::size).containsExactly(5, 5);
        assertThat(media).extracting(RtmpMessage::streamId).containsOnly(id);
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void sessionWritesFromAnotherThreadAreMarshalledInOrder(RtmpPair.Split split) throws Exception {
        RecordingController controller = new RecordingController();
        RtmpPair pair = Steps.connected(split, controller);
        Steps.playing(pair, "cam1");
        NetStream stream = controller.plays.peek().stream();
        pair.listener.statuses.clear();

        Thread other = new Thread(() -> {
            for (int i = 0; i < 20; i++) {
                pair.server.sendStatus(stream, Status.status("Test.Status", "n" + i));
                pair.server.sendMedia(stream, Media.interFrame(i, 10 + i));
            }
        });
        other.start();
        other.join(5000);
        assertThat(pair.listener.statuses).isEmpty(); // nothing written off the connection thread
        pair.pump();

        assertThat(pair.listener.statuses).extracting(s -> s.status().description())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20).mapToObj(i -> "n" + i).toList());
        assertThat(pair.listener.media).extracting(MediaMessage::size)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(10, 30).boxed().toList());
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void closeStreamStopsPlayingAndMediaToADeletedStreamIsNotSent(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = Steps.connected(split, controller);
        int id = Steps.playing(pair, "cam1");
        NetStream stream = controller.plays.peek().stream();

        pair.client.send(TestCommands.command(id, "closeStream", 0, null));
        pair.pump();
        assertThat(controller.stoppedNames).containsExactly("cam1");
        assertThat(stream.state()).isEqualTo(NetStream.State.IDLE);

        pair.client.deleteStream(id);
        pair.pump();
        pair.server.sendMedia(stream, Media.keyframe(0, 10));
        pair.pump();
        assertThat(controller.stopPlays).hasSize(1);
        assertThat(controller.deletes).hasSize(1);
        assertThat(pair.listener.media).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void controllerRepliesToCustomCommandsAndClosesTheSession(RtmpPair.Split split) throws Exception {
        RecordingController controller = new RecordingController() {
            @Override
            public void onCommand(RtmpSession session, CommandMessage command) {
                session.replyResult(command, null, "pong:" + command.argument(0));
                session.close();
            }
        };
        RtmpPair pair = Steps.connected(split, controller);

        pair.client.send(TestCommands.command(0, "ping", 77, null, "x"));
        pair.pump();

        assertThat(pair.listener.commands).filteredOn(c -> c.name().equals("_result")).singleElement()
                .satisfies(c -> {
                    assertThat(c.transactionId()).isEqualTo(77.0);
                    assertThat(c.commandObject()).isNull();
                    assertThat(c.arguments()).containsExactly("pong:x");
                });
        assertThat(pair.server.close().get(1, TimeUnit.SECONDS)).isNull();
        assertThat(pair.serverTransport.isClosed()).isTrue();
        assertThat(controller.closes).containsExactly((Throwable) null);
        assertThat(pair.listener.closeCount).isEqualTo(1);
    }

    private static void subMessage(ByteBuffer out, int type, int ts, byte[] data) {
        int start = out.position();
        out.put((byte) type);
        out.put((byte) (data.length >> 16)).put((byte) (data.length >> 8)).put((byte) data.length);
        out.put((byte) (ts >> 16)).put((byte) (ts >> 8)).put((byte) ts).put((byte) (ts >>> 24));
        out.put((byte) 0).put((byte) 0).put((byte) 0);
        out.put(data);
        out.putInt(out.position() - start);
    }
}
