package org.rtmp4j.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rtmp4j.core.command.Commands;
import org.rtmp4j.core.command.PublishType;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.message.AmfEncoding;
import org.rtmp4j.core.message.CommandMessage;
import org.rtmp4j.core.message.DataMessage;
import org.rtmp4j.core.message.MessageType;
import org.rtmp4j.core.message.RtmpMessage;
import org.rtmp4j.core.message.SharedObjectMessage;

/** A client that connects with objectEncoding 3 (RTMP 1.0 §7.2.1.1; E-RTMP v2 "Enabling AMF3 in RTMP"). */
@Timeout(10)
class Amf3ScenarioTest {

    private static RtmpPair connectedAmf3(RtmpPair.Split split, RecordingController controller) {
        RtmpPair pair = new RtmpPair(split, controller);
        pair.client.start();
        CompletableFuture<CommandMessage> f = pair.client.connect(
                ConnectOptions.of("live", "rtmp://127.0.0.1/live").withAmf3());
        pair.pump();
        CommandMessage result = Steps.done(f);
        assertThat(Steps.map(result.argument(0))).containsEntry("objectEncoding", 3.0)
                .containsEntry("code", StatusCodes.CONNECT_SUCCESS);
        return pair;
    }

    private static List<CommandMessage> serverCommands(RtmpPair pair) {
        return WireTap.messages(pair.serverTransport, CommandMessage.class);
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void connectResultAnswersInTheRequestsEncodingAndLaterRepliesAreType17(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = connectedAmf3(split, controller);

        assertThat(controller.connects.poll().command().encoding()).isEqualTo(AmfEncoding.AMF3);
        assertThat(pair.server.connectCommand()).hasValueSatisfying(c -> assertThat(c.objectEncoding()).isEqualTo(3.0));
        List<CommandMessage> sent = serverCommands(pair);
        assertThat(sent.get(0).name()).isEqualTo(Commands.RESULT);
        assertThat(sent.get(0).type()).isEqualTo(MessageType.COMMAND_AMF0); // connect came as type 20
        assertThat(sent.get(1).name()).isEqualTo(Commands.ON_BW_DONE);
        assertThat(sent.get(1).type()).isEqualTo(MessageType.COMMAND_AMF3);
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void createStreamPublishAndPlayRepliesAreType17AndDecode(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = connectedAmf3(split, controller);

        int pub = Steps.publishing(pair, "cam1");
        int play = Steps.playing(pair, "cam1");

        assertThat(pub).isEqualTo(1);
        assertThat(play).isEqualTo(2);
        List<CommandMessage> sent = serverCommands(pair);
        assertThat(sent.subList(1, sent.size())).isNotEmpty()
                .allSatisfy(c -> assertThat(c.type()).as(c.name()).isEqualTo(MessageType.COMMAND_AMF3));
        assertThat(sent).extracting(CommandMessage::name).contains(Commands.RESULT, Commands.ON_STATUS, Commands.ON_FC_PUBLISH);
        assertThat(pair.listener.codes()).contains(StatusCodes.PUBLISH_START, StatusCodes.PLAY_START);
        DataMessage access = WireTap.messages(pair.serverTransport, DataMessage.class).get(0);
        assertThat(access.type()).isEqualTo(MessageType.DATA_AMF3);
        assertThat(access.values()).containsExactly(Commands.SAMPLE_ACCESS, true, true);
        // The client sent its commands as type 17 too.
        assertThat(WireTap.messages(pair.clientTransport, CommandMessage.class))
                .filteredOn(c -> !c.name().equals(Commands.CONNECT))
                .allSatisfy(c -> assertThat(c.type()).isEqualTo(MessageType.COMMAND_AMF3));
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void errorsAndSessionRepliesUseType17(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = connectedAmf3(split, controller);
        int id = Steps.playing(pair, "cam1");

        pair.client.send(TestCommands.command(0, "nope", 4, null));
        pair.pump();
        pair.server.sendStatus(controller.plays.peek().stream(), org.rtmp4j.core.command.Status.status("App.Custom", "hi"));
        pair.server.sendMetadata(controller.plays.peek().stream(), Map.of("width", 640.0));
        pair.pump();

        CommandMessage error = CommandScenarioTest.reply(pair, Commands.ERROR, 4);
        assertThat(error.encoding()).isEqualTo(AmfEncoding.AMF3);
        assertThat(Steps.map(error.argument(0))).containsEntry("code", StatusCodes.CALL_FAILED);
        List<RtmpMessage> sent = WireTap.messages(pair.serverTransport);
        RtmpMessage last = sent.get(sent.size() - 1);
        assertThat(last).isInstanceOfSatisfying(DataMessage.class, d -> {
            assertThat(d.type()).isEqualTo(MessageType.DATA_AMF3);
            assertThat(d.name()).isEqualTo(Commands.ON_META_DATA);
            assertThat(d.streamId()).isEqualTo(id);
        });
        assertThat(sent.get(sent.size() - 2)).isInstanceOfSatisfying(CommandMessage.class,
                c -> assertThat(c.type()).isEqualTo(MessageType.COMMAND_AMF3));
        assertThat(pair.listener.codes()).endsWith("App.Custom");
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void type15MetadataReachesOnMetadataAndSharedObjectsPassThrough(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = connectedAmf3(split, controller);
        int id = Steps.publishing(pair, "cam1");
        byte[] so = {0, 3, 'a', 'b', 'c'};

        pair.client.sendMetadata(id, Map.of("width", 1280.0));
        pair.client.send(new SharedObjectMessage(0, 0, AmfEncoding.AMF3, ByteBuffer.wrap(so)));
        pair.client.send(new SharedObjectMessage(0, 0, AmfEncoding.AMF0, ByteBuffer.wrap(so)));
        pair.pump();

        DataMessage metadata = controller.metadata.poll();
        assertThat(metadata.type()).isEqualTo(MessageType.DATA_AMF3);
        assertThat(metadata.name()).isEqualTo(Commands.SET_DATA_FRAME);
        assertThat(Steps.map(metadata.values().get(2))).containsEntry("width", 1280.0);
        assertThat(controller.messages).filteredOn(SharedObjectMessage.class::isInstance)
                .extracting(RtmpMessage::type)
                .containsExactly(MessageType.SHARED_OBJECT_AMF3, MessageType.SHARED_OBJECT_AMF0);
        assertThat(controller.messages).filteredOn(SharedObjectMessage.class::isInstance)
                .allSatisfy(m -> assertThat(((SharedObjectMessage) m).payload()).isEqualTo(ByteBuffer.wrap(so)));
        assertThat(pair.server.isClosed()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void amf0ClientStillGetsType20Replies(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = Steps.connected(split, controller);
        CompletableFuture<Void> f = pair.client.publish(Steps.createStream(pair), "cam1", PublishType.LIVE);
        pair.pump();
        Steps.done(f);

        assertThat(serverCommands(pair)).allSatisfy(c -> assertThat(c.type()).isEqualTo(MessageType.COMMAND_AMF0));
    }
}
