package org.rtmp4j.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rtmp4j.core.command.Commands;
import org.rtmp4j.core.command.EnhancedCapabilities;
import org.rtmp4j.core.command.ReconnectRequest;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.message.AmfEncoding;
import org.rtmp4j.core.message.CommandMessage;

/** E-RTMP v2 "Reconnect Request" between the client and server engines. */
@Timeout(10)
class ReconnectScenarioTest {
    private static final EnhancedCapabilities RECONNECT =
            new EnhancedCapabilities(List.of(), Map.of(), Map.of(), EnhancedCapabilities.CAPS_RECONNECT);

    private static RtmpPair connected(RtmpPair.Split split, ConnectOptions options) {
        RtmpPair pair = new RtmpPair(split, new RecordingController());
        pair.client.start();
        CompletableFuture<CommandMessage> f = pair.client.connect(options);
        pair.pump();
        Steps.done(f);
        pair.listener.statuses.clear();
        return pair;
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void aClientAnnouncingCapsExReconnectReceivesTheRequestWithTcUrlAndDescription(RtmpPair.Split split) {
        RtmpPair pair = connected(split, ConnectOptions.of("live", "rtmp://127.0.0.1/live").withEnhanced(RECONNECT));

        boolean sent = pair.server.requestReconnect("rtmp://10.0.0.2:1936/live", "server update");
        pair.pump();

        assertThat(sent).isTrue();
        assertThat(pair.server.reconnectRequested()).isTrue();
        RecordingListener.StreamStatus status = pair.listener.statuses.poll();
        assertThat(status.streamId()).isZero();
        assertThat(status.status().level()).isEqualTo("status");
        assertThat(status.status().code()).isEqualTo(StatusCodes.CONNECT_RECONNECT_REQUEST);
        assertThat(status.status().extra()).containsEntry("tcUrl", "rtmp://10.0.0.2:1936/live");
        assertThat(pair.listener.reconnects).containsExactly(
                new ReconnectRequest("rtmp://10.0.0.2:1936/live", "server update"));
        assertThat(pair.server.isClosed()).isFalse();
    }

    @Test
    void withoutTcUrlTheInfoObjectHasNoTcUrlAndTheClientReconnectsToItsOwn() {
        RtmpPair pair = connected(RtmpPair.Split.WHOLE, ConnectOptions.of("live", "rtmp://127.0.0.1/live").withEnhanced(RECONNECT));

        pair.server.requestReconnect(null, null);
        pair.pump();

        assertThat(pair.listener.statuses.poll().status().extra()).doesNotContainKey("tcUrl");
        ReconnectRequest r = pair.listener.reconnects.poll();
        assertThat(r.tcUrl()).isNull();
        assertThat(r.description()).isEqualTo(ReconnectRequest.DEFAULT_DESCRIPTION);
        assertThat(r.resolve("rtmp://127.0.0.1:1935/live")).isEqualTo("rtmp://127.0.0.1:1935/live");
    }

    @Test
    void anAmf3ClientGetsTheRequestAsAType17Command() {
        RtmpPair pair = connected(RtmpPair.Split.WHOLE,
                ConnectOptions.of("live", "rtmp://127.0.0.1/live").withEnhanced(RECONNECT).withAmf3());

        pair.server.requestReconnect("/other", "move");
        pair.pump();

        List<CommandMessage> sent = WireTap.messages(pair.serverTransport, CommandMessage.class);
        CommandMessage last = sent.get(sent.size() - 1);
        assertThat(last.name()).isEqualTo("onStatus");
        assertThat(last.streamId()).isZero();
        assertThat(last.encoding()).isEqualTo(AmfEncoding.AMF3);
        assertThat(pair.listener.reconnects.poll().resolve("rtmp://h:1935/live")).isEqualTo("rtmp://h:1935/other");
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void legacyAndEnhancedClientsWithoutTheBitGetNothing(RtmpPair.Split split) {
        RtmpPair legacy = connected(split, ConnectOptions.of("live", "rtmp://127.0.0.1/live"));
        RtmpPair multitrackOnly = connected(split, ConnectOptions.of("live", "rtmp://127.0.0.1/live")
                .withEnhanced(new EnhancedCapabilities(List.of("hvc1"), Map.of(), Map.of(), EnhancedCapabilities.CAPS_MULTITRACK)));

        assertThat(legacy.server.requestReconnect(null, "bye")).isFalse();
        assertThat(multitrackOnly.server.requestReconnect(null, "bye")).isFalse();
        legacy.pump();
        multitrackOnly.pump();

        assertThat(legacy.listener.statuses).isEmpty();
        assertThat(multitrackOnly.listener.statuses).isEmpty();
        assertThat(legacy.server.reconnectRequested()).isFalse();
    }

    @Test
    void beforeConnectOrAfterCloseNothingIsSent() {
        RtmpPair pair = new RtmpPair(RtmpPair.Split.WHOLE, new RecordingController());
        assertThat(pair.server.requestReconnect(null, "early")).isFalse();

        RtmpPair closed = connected(RtmpPair.Split.WHOLE, ConnectOptions.of("live", "rtmp://h/live").withEnhanced(RECONNECT));
        closed.server.close();
        closed.pump();
        assertThat(closed.server.requestReconnect(null, "late")).isFalse();
    }

    @Test
    void otherConnectionStatusesAndErrorLevelAreNotReconnectRequests() {
        RtmpPair pair = connected(RtmpPair.Split.WHOLE, ConnectOptions.of("live", "rtmp://h/live").withEnhanced(RECONNECT));

        pair.server.send(Commands.onStatus(0, Status.error(StatusCodes.CONNECT_RECONNECT_REQUEST, "wrong level")));
        pair.server.send(Commands.onStatus(0, Status.status(StatusCodes.CONNECT_CLOSED, "other")));
        pair.pump();

        assertThat(pair.listener.codes()).hasSize(2);
        assertThat(pair.listener.reconnects).isEmpty();
    }

    @Test
    void aRequestWithANonStringTcUrlIsIgnoredAndTheConnectionStays() {
        RtmpPair pair = connected(RtmpPair.Split.WHOLE, ConnectOptions.of("live", "rtmp://h/live").withEnhanced(RECONNECT));

        pair.server.send(Commands.onStatus(0,
                Status.status(StatusCodes.CONNECT_RECONNECT_REQUEST, "bad").with("tcUrl", 42.0)));
        pair.pump();

        assertThat(pair.listener.codes()).containsExactly(StatusCodes.CONNECT_RECONNECT_REQUEST);
        assertThat(pair.listener.reconnects).isEmpty();
        assertThat(pair.client.isClosed()).isFalse();
    }
}
