package org.rtmp4j.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rtmp4j.amf.Amf0Writer;
import org.rtmp4j.core.chunk.RawMessage;
import org.rtmp4j.core.message.AmfEncoding;
import org.rtmp4j.core.message.CommandMessage;
import org.rtmp4j.core.message.MessageCodec;

/** Server replies: FMS-convention notifications, call failures, and replies in the client's encoding. */
class RepliesTest {

    private static CommandMessage roundTrip(CommandMessage m) {
        return (CommandMessage) MessageCodec.decode(MessageCodec.encode(m));
    }

    private static String hex(RawMessage raw) {
        var b = raw.payload().duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return HexFormat.of().formatHex(out);
    }

    @Test
    void onFcPublishIsAStatusStyleNotificationOnStreamZero() {
        CommandMessage m = Commands.onFCPublish("key");
        assertThat(m.name()).isEqualTo("onFCPublish");
        assertThat(m.streamId()).isZero();
        assertThat(m.transactionId()).isZero();
        assertThat(m.commandObject()).isNull();
        assertThat(Status.fromMap((Map<?, ?>) roundTrip(m).argument(0)))
                .isEqualTo(Status.status(StatusCodes.PUBLISH_START, "key"));
        // golden: "onFCPublish", 0, null, {level: "status", code: "NetStream.Publish.Start", description: "key"}
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("level", "status");
        info.put("code", "NetStream.Publish.Start");
        info.put("description", "key");
        String expected = HexFormat.of().formatHex(new Amf0Writer().write("onFCPublish").write(0.0).write(null)
                .write(info).toByteArray());
        assertThat(hex(MessageCodec.encode(m))).isEqualTo(expected);
    }

    @Test
    void onFcUnpublishAndOnFcSubscribeCarryTheirCodes() {
        assertThat(Status.fromMap((Map<?, ?>) roundTrip(Commands.onFCUnpublish("key")).argument(0)))
                .isEqualTo(Status.status(StatusCodes.UNPUBLISH_SUCCESS, "key"));
        CommandMessage sub = roundTrip(Commands.onFCSubscribe("cam"));
        assertThat(sub.name()).isEqualTo("onFCSubscribe");
        assertThat(((Map<?, ?>) sub.argument(0)).get("code")).isEqualTo("NetStream.Play.Start");
    }

    @Test
    void getStreamLengthResultCarriesTheDuration() {
        CommandMessage request = new CommandMessage(1, "getStreamLength", 4, null, List.of("vod"));
        CommandMessage r = roundTrip(Commands.streamLengthResult(request, 62.5));
        assertThat(r.name()).isEqualTo("_result");
        assertThat(r.transactionId()).isEqualTo(4.0);
        assertThat(r.streamId()).isEqualTo(1);
        assertThat(r.commandObject()).isNull();
        assertThat(r.arguments()).containsExactly(62.5);
    }

    @Test
    void checkBwIsAnsweredWithAResultThenOnBwDone() {
        CommandMessage request = new CommandMessage(0, "_checkbw", 3, null, List.of());
        CommandMessage r = roundTrip(Commands.checkBwResult(request));
        assertThat(r.name()).isEqualTo("_result");
        assertThat(r.transactionId()).isEqualTo(3.0);
        assertThat(r.arguments()).isEmpty();
        CommandMessage done = roundTrip(Commands.onBWDone());
        assertThat(done.name()).isEqualTo("onBWDone");
        assertThat(done.transactionId()).isZero();
    }

    @Test
    void anUnknownMethodGetsCallFailed() {
        CommandMessage request = Amf3Commands.amf3(0, "getServerTime", 9, (Object) null);
        CommandMessage r = Commands.callFailed(request);
        assertThat(r.name()).isEqualTo("_error");
        assertThat(r.transactionId()).isEqualTo(9.0);
        assertThat(r.encoding()).isEqualTo(AmfEncoding.AMF3);
        Status s = Status.fromMap((Map<?, ?>) roundTrip(r).argument(0));
        assertThat(s.isError()).isTrue();
        assertThat(s.code()).isEqualTo("NetConnection.Call.Failed");
        assertThat(s.description()).contains("getServerTime");
    }

    @Test
    void repliesCanBeBuiltInTheConnectionsEncoding() {
        CommandMessage amf0Request = new CommandMessage(0, "createStream", 2, null, List.of());
        CommandMessage r = Commands.result(AmfEncoding.AMF3, amf0Request, null, 1.0);
        RawMessage raw = MessageCodec.encode(r);
        assertThat(raw.typeId()).isEqualTo(17);
        assertThat(hex(raw)).startsWith("00" + "02000"); // format byte, then the AMF0 string "_result"
        assertThat(roundTrip(r)).isEqualTo(r);

        CommandMessage e = Commands.error(AmfEncoding.AMF3, amf0Request, Status.error(StatusCodes.CALL_FAILED, "x"));
        assertThat(MessageCodec.encode(e).typeId()).isEqualTo(17);
        assertThat(roundTrip(e)).isEqualTo(e);

        CommandMessage s = Commands.onStatus(1, AmfEncoding.AMF3, Status.status(StatusCodes.PAUSE_NOTIFY, "Paused."));
        assertThat(MessageCodec.encode(s).typeId()).isEqualTo(17);
        assertThat(s.streamId()).isEqualTo(1);
        assertThat(roundTrip(s)).isEqualTo(s);
        assertThat(MessageCodec.encode(Commands.onStatus(1, AmfEncoding.AMF0, Status.status("c", "d"))).typeId())
                .isEqualTo(20);
    }

    @Test
    void theConnectionEncodingFollowsObjectEncoding() {
        assertThat(AmfEncoding.ofObjectEncoding(3)).isEqualTo(AmfEncoding.AMF3);
        assertThat(AmfEncoding.ofObjectEncoding(0)).isEqualTo(AmfEncoding.AMF0);
        assertThat(AmfEncoding.AMF3.objectEncoding()).isEqualTo(3.0);
        Connect c = Connect.from(new CommandMessage(0, "connect", 1, Map.of("app", "a", "objectEncoding", 3.0), List.of()));
        CommandMessage status = Commands.onStatus(0, c.encoding(), Status.status(StatusCodes.CONNECT_CLOSED, ""));
        assertThat(status.encoding()).isEqualTo(AmfEncoding.AMF3);
    }

    @Test
    void inEncodingKeepsEverythingElse() {
        CommandMessage m = new CommandMessage(40, 3, AmfEncoding.AMF0, "x", 5, Map.of("a", 1.0), List.of("y"));
        CommandMessage a3 = Commands.inEncoding(m, AmfEncoding.AMF3);
        assertThat(a3).isEqualTo(new CommandMessage(40, 3, AmfEncoding.AMF3, "x", 5, Map.of("a", 1.0), List.of("y")));
        assertThat(Commands.inEncoding(m, AmfEncoding.AMF0)).isSameAs(m);
    }

    @Test
    void statusCodesAreSpelledAsFlashAndTheSpecsDo() {
        assertThat(List.of(StatusCodes.PAUSE_NOTIFY, StatusCodes.UNPAUSE_NOTIFY, StatusCodes.SEEK_NOTIFY,
                StatusCodes.SEEK_FAILED, StatusCodes.PLAY_STOP, StatusCodes.PLAY_COMPLETE,
                StatusCodes.PLAY_TRANSITION, StatusCodes.PLAY_INSUFFICIENT_BW, StatusCodes.RECORD_START,
                StatusCodes.RECORD_STOP, StatusCodes.CONNECT_RECONNECT_REQUEST, StatusCodes.PUBLISH_IDLE,
                StatusCodes.DATA_START))
                .containsExactly("NetStream.Pause.Notify", "NetStream.Unpause.Notify", "NetStream.Seek.Notify",
                        "NetStream.Seek.Failed", "NetStream.Play.Stop", "NetStream.Play.Complete",
                        "NetStream.Play.Transition", "NetStream.Play.InsufficientBW", "NetStream.Record.Start",
                        "NetStream.Record.Stop", "NetConnection.Connect.ReconnectRequest", "NetStream.Publish.Idle",
                        "NetStream.Data.Start");
    }

    @Test
    void statusFieldsHoldingObjectsBecomeEmptyRatherThanPrintingACyclicGraph() {
        Map<String, Object> cyclic = new LinkedHashMap<>();
        Map<String, Object> inner = new LinkedHashMap<>();
        cyclic.put("x", inner);
        inner.put("y", cyclic); // AbstractMap.toString recurses here without end
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("level", "error");
        info.put("code", cyclic);
        info.put("description", 42.0);
        Status s = Status.fromMap(info);
        assertThat(s.code()).isEmpty();
        assertThat(s.description()).isEqualTo("42.0");
        assertThat(s.isError()).isTrue();
        Status withExtra = Status.fromMap(Map.of("code", "X", "details", cyclic));
        assertThat(withExtra.toString()).contains("code=X").contains("extra=[details]");
    }
}
