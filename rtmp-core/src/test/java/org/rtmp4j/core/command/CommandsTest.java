package org.rtmp4j.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rtmp4j.amf.AmfEcmaArray;
import org.rtmp4j.core.chunk.RawMessage;
import org.rtmp4j.core.message.AmfEncoding;
import org.rtmp4j.core.message.CommandMessage;
import org.rtmp4j.core.message.DataMessage;
import org.rtmp4j.core.message.MessageCodec;
import org.rtmp4j.core.message.RtmpMessage;

/** The reply, request and data builders in {@link Commands} (RTMP 1.0 §7.2, §7.1.2). */
class CommandsTest {

    private static <T extends RtmpMessage> T roundTrip(T m) {
        RawMessage raw = MessageCodec.encode(m);
        @SuppressWarnings("unchecked")
        T back = (T) MessageCodec.decode(raw);
        return back;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @Test
    void resultEchoesTheRequestsTransactionIdStreamAndEncoding() {
        CommandMessage request = new CommandMessage(0, 4, AmfEncoding.AMF3, "createStream", 7, null, List.of());
        CommandMessage r = Commands.result(request, null, 1.0);
        assertThat(r.name()).isEqualTo("_result");
        assertThat(r.transactionId()).isEqualTo(7.0);
        assertThat(r.streamId()).isEqualTo(4);
        assertThat(r.encoding()).isEqualTo(AmfEncoding.AMF3);
        assertThat(r.commandObject()).isNull();
        assertThat(r.arguments()).containsExactly(1.0);
        assertThat(roundTrip(r)).isEqualTo(r);
    }

    @Test
    void connectResultCarriesPropertiesAndInformation() {
        CommandMessage request = Commands.connect(1, Map.of("app", "live"));
        CommandMessage r = Commands.result(request,
                Commands.connectResultProperties("FMS/3,0,1,123", Commands.DEFAULT_CAPABILITIES),
                Commands.connectResultInformation(0));
        CommandMessage back = roundTrip(r);
        assertThat(back.transactionId()).isEqualTo(1.0);
        assertThat(map(back.commandObject()))
                .containsEntry("fmsVer", "FMS/3,0,1,123")
                .containsEntry("capabilities", 31.0)
                .containsEntry("mode", 1.0);
        assertThat(map(back.argument(0)))
                .containsEntry("level", "status")
                .containsEntry("code", "NetConnection.Connect.Success")
                .containsEntry("description", "Connection succeeded.")
                .containsEntry("objectEncoding", 0.0);
    }

    @Test
    void errorCarriesTheStatusAsInformation() {
        CommandMessage request = Commands.connect(3, Map.of());
        Status rejected = Status.error(StatusCodes.CONNECT_REJECTED, "no").with("details", "bad key");
        CommandMessage e = roundTrip(Commands.error(request, rejected));
        assertThat(e.name()).isEqualTo("_error");
        assertThat(e.transactionId()).isEqualTo(3.0);
        assertThat(e.commandObject()).isNull();
        assertThat(Status.fromMap((Map<?, ?>) e.argument(0))).isEqualTo(rejected);
    }

    @Test
    void onStatusAndOnBwDoneUseTransactionIdZero() {
        Status start = Status.status(StatusCodes.PUBLISH_START, "started");
        CommandMessage s = roundTrip(Commands.onStatus(1, start));
        assertThat(s.name()).isEqualTo("onStatus");
        assertThat(s.streamId()).isEqualTo(1);
        assertThat(s.transactionId()).isZero();
        assertThat(s.commandObject()).isNull();
        assertThat(Status.fromMap((Map<?, ?>) s.argument(0))).isEqualTo(start);

        CommandMessage bw = roundTrip(Commands.onBWDone());
        assertThat(bw.name()).isEqualTo("onBWDone");
        assertThat(bw.transactionId()).isZero();
        assertThat(bw.streamId()).isZero();
    }

    @Test
    void clientRequestsDecodeIntoTheirTypedViews() {
        Map<String, Object> obj = new LinkedHashMap<>();
        obj.put("app", "live");
        obj.put("tcUrl", "rtmp://127.0.0.1/live");
        CommandMessage connect = roundTrip(Commands.connect(1, obj));
        assertThat(connect.name()).isEqualTo("connect");
        assertThat(Connect.from(connect).app()).isEqualTo("live");

        CommandMessage cs = roundTrip(Commands.createStream(2));
        assertThat(cs.name()).isEqualTo("createStream");
        assertThat(cs.transactionId()).isEqualTo(2.0);

        CommandMessage pub = roundTrip(Commands.publish(1, 5, "key", PublishType.RECORD));
        assertThat(pub.streamId()).isEqualTo(1);
        assertThat(pub.transactionId()).isEqualTo(5.0);
        assertThat(Publish.from(pub)).isEqualTo(new Publish("key", "", PublishType.RECORD));

        CommandMessage play = roundTrip(Commands.play(1, 6, "cam", -1));
        assertThat(Play.from(play)).isEqualTo(new Play("cam", "", -1, -1, true));

        CommandMessage del = roundTrip(Commands.deleteStream(7, 1));
        assertThat(del.name()).isEqualTo("deleteStream");
        assertThat(DeleteStream.from(del).streamIdToDelete()).isEqualTo(1);

        assertThat(ReleaseStream.from(roundTrip(Commands.releaseStream(2, "key"))).name()).isEqualTo("key");
        CommandMessage fc = roundTrip(Commands.fcPublish(3, "key"));
        assertThat(fc.name()).isEqualTo("FCPublish");
        assertThat(FcPublish.from(fc).name()).isEqualTo("key");
        CommandMessage fcu = roundTrip(Commands.fcUnpublish(4, "key"));
        assertThat(fcu.name()).isEqualTo("FCUnpublish");
        assertThat(FcUnpublish.from(fcu).name()).isEqualTo("key");

        CommandMessage close = roundTrip(Commands.closeStream(1));
        assertThat(close.name()).isEqualTo("closeStream");
        assertThat(CloseStream.from(close).streamId()).isEqualTo(1);
    }

    @Test
    void dataBuildersUseEcmaArraysAndTheUsualHandlerNames() {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("width", 1920.0);
        meta.put("videocodecid", 7.0);

        DataMessage set = roundTrip(Commands.setDataFrame(1, meta));
        assertThat(set.streamId()).isEqualTo(1);
        assertThat(set.name()).isEqualTo("@setDataFrame");
        assertThat(set.values()).hasSize(3);
        assertThat(set.values().get(1)).isEqualTo("onMetaData");
        assertThat(set.values().get(2)).isInstanceOf(AmfEcmaArray.class).isEqualTo(meta);

        DataMessage on = roundTrip(Commands.onMetaData(1, meta));
        assertThat(on.name()).isEqualTo("onMetaData");
        assertThat(on.values().get(1)).isInstanceOf(AmfEcmaArray.class);

        DataMessage sa = roundTrip(Commands.sampleAccess(1));
        assertThat(sa.values()).containsExactly("|RtmpSampleAccess", true, true);
    }

    @Test
    void setDataFrameCopiesTheMetadata() {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("width", 1.0);
        DataMessage set = Commands.setDataFrame(1, meta);
        meta.put("height", 2.0);
        assertThat(map(set.values().get(2))).doesNotContainKey("height");
    }
}
