package org.rtmp4j.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rtmp4j.core.command.EnhancedCapabilities;
import org.rtmp4j.core.message.CommandMessage;

/** E-RTMP v2 capability negotiation in connect and its _result ("Enhancing NetConnection connect Command"). */
@Timeout(10)
class EnhancedRtmpScenarioTest {

    private static final EnhancedCapabilities CLIENT = new EnhancedCapabilities(
            List.of("hvc1", "av01"),
            Map.of("hvc1", EnhancedCapabilities.CAN_DECODE),
            Map.of("Opus", EnhancedCapabilities.CAN_DECODE | EnhancedCapabilities.CAN_ENCODE),
            EnhancedCapabilities.CAPS_MULTITRACK | EnhancedCapabilities.CAPS_RECONNECT);

    private static CommandMessage connect(RtmpPair pair, ConnectOptions options) {
        pair.client.start();
        CompletableFuture<CommandMessage> f = pair.client.connect(options);
        pair.pump();
        return Steps.done(f);
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void serverParsesTheClientsCapabilitiesAndAnswersWithItsOwn(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = new RtmpPair(split, controller);

        CommandMessage result = connect(pair, ConnectOptions.of("live", "rtmp://127.0.0.1/live").withEnhanced(CLIENT));

        ConnectRequest request = controller.connects.poll();
        assertThat(request.command().fourCcList()).containsExactly("hvc1", "av01");
        assertThat(request.command().supportsFourCc("av01")).isTrue();
        assertThat(request.command().enhanced()).isEqualTo(CLIENT);
        Map<String, Object> props = Steps.map(result.commandObject());
        assertThat(props).containsEntry("fmsVer", "FMS/3,5,7,7009").containsEntry("capsEx", 3.0)
                .containsEntry("fourCcList", List.of("*"));
        assertThat(Steps.map(props.get("videoFourCcInfoMap"))).containsExactly(Map.entry("*", 4.0));
        assertThat(Steps.map(props.get("audioFourCcInfoMap"))).containsExactly(Map.entry("*", 4.0));
        EnhancedCapabilities server = EnhancedCapabilities.from(props);
        assertThat(server).isEqualTo(SessionConfig.DEFAULT_ENHANCED);
        assertThat(server.supportsVideo("hvc1")).isTrue();
        assertThat(server.hasCapsEx(EnhancedCapabilities.CAPS_RECONNECT)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void serverCapabilitiesAreConfigurable(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        EnhancedCapabilities mine = new EnhancedCapabilities(List.of(),
                Map.of("avc1", EnhancedCapabilities.CAN_FORWARD, "hvc1", EnhancedCapabilities.CAN_FORWARD),
                Map.of(), 0);
        RtmpPair pair = new RtmpPair(split, controller, SessionConfig.defaults().withEnhanced(mine), SessionConfig.defaults());

        CommandMessage result = connect(pair, ConnectOptions.of("live", "rtmp://h/live")
                .withEnhanced(new EnhancedCapabilities(List.of("av01"), Map.of(), Map.of(), 0)));

        Map<String, Object> props = Steps.map(result.commandObject());
        assertThat(EnhancedCapabilities.from(props)).isEqualTo(mine);
        assertThat(props).doesNotContainKeys("fourCcList", "audioFourCcInfoMap").containsEntry("capsEx", 0.0);
        assertThat(EnhancedCapabilities.from(props).supportsVideo("av01")).isFalse();
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void legacyClientGetsALegacyResult(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = new RtmpPair(split, controller);

        CommandMessage result = connect(pair, ConnectOptions.of("live", "rtmp://h/live"));

        assertThat(controller.connects.poll().command().enhanced().isEmpty()).isTrue();
        assertThat(Steps.map(result.commandObject())).containsOnlyKeys("fmsVer", "capabilities", "mode");
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void malformedCapabilitiesCloseTheConnectionAsAProtocolError(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = new RtmpPair(split, controller);

        connectIgnoringResult(pair, new ConnectOptions("live", "rtmp://h/live", Map.of("capsEx", "lots")));

        assertThat(pair.server.isClosed()).isTrue();
        assertThat(controller.closes).singleElement().isInstanceOf(org.rtmp4j.core.RtmpProtocolException.class);
    }

    private static void connectIgnoringResult(RtmpPair pair, ConnectOptions options) {
        pair.client.start();
        pair.client.connect(options);
        pair.pump();
    }

    @org.junit.jupiter.api.Test
    void connectOptionsReadBackTheirCapabilities() {
        ConnectOptions options = ConnectOptions.of("live", "rtmp://h/live").withEnhanced(CLIENT);

        assertThat(options.enhanced()).isEqualTo(CLIENT);
        assertThat(options.extraProperties()).containsEntry("capsEx", 3.0).containsKey("videoFourCcInfoMap");
        assertThat(ConnectOptions.of("a", "b").enhanced()).isEqualTo(EnhancedCapabilities.NONE);
        assertThat(ConnectOptions.of("a", "b").withAmf3().extraProperties()).containsEntry("objectEncoding", 3.0);
    }
}
