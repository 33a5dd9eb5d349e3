package org.rtmp4j.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rtmp4j.amf.Amf0Writer;
import org.rtmp4j.core.RtmpProtocolException;
import org.rtmp4j.core.chunk.RawMessage;
import org.rtmp4j.core.message.CommandMessage;
import org.rtmp4j.core.message.MessageCodec;

/** {@link Connect#from} (RTMP 1.0 §7.2.1.1; E-RTMP v2 connect extensions). */
class ConnectTest {

    private static CommandMessage decode(Object... values) {
        Amf0Writer w = new Amf0Writer();
        for (Object v : values) {
            w.write(v);
        }
        ByteBuffer body = ByteBuffer.wrap(w.toByteArray()).asReadOnlyBuffer();
        return (CommandMessage) MessageCodec.decode(new RawMessage(20, 0, 0, body));
    }

    private static Map<String, Object> ffmpegCommandObject() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("app", "live");
        o.put("type", "nonprivate");
        o.put("flashVer", "FMLE/3.0 (compatible; FMSc/1.0)");
        o.put("tcUrl", "rtmp://127.0.0.1:1935/live");
        return o;
    }

    @Test
    void readsTheFieldsOfAnFfmpegConnect() {
        CommandMessage m = decode("connect", 1.0, ffmpegCommandObject());
        assertThat(m.name()).isEqualTo("connect");
        assertThat(m.transactionId()).isEqualTo(1.0);

        Connect c = Connect.from(m);
        assertThat(c.app()).isEqualTo("live");
        assertThat(c.query()).isEmpty();
        assertThat(c.tcUrl()).isEqualTo("rtmp://127.0.0.1:1935/live");
        assertThat(c.flashVer()).isEqualTo("FMLE/3.0 (compatible; FMSc/1.0)");
        assertThat(c.objectEncoding()).isZero();
        assertThat(c.fourCcList()).isEmpty();
        assertThat(c.commandObject()).containsEntry("type", "nonprivate").hasSize(4);
        assertThat(c.commandObject().keySet()).containsExactly("app", "type", "flashVer", "tcUrl");
        assertThat(c.arguments()).isEmpty();
    }

    @Test
    void commandObjectIsAnUnmodifiableCopy() {
        Map<String, Object> obj = ffmpegCommandObject();
        Connect c = Connect.from(new CommandMessage(0, "connect", 1, obj, List.of()));
        obj.put("app", "changed");
        assertThat(c.commandObject()).containsEntry("app", "live");
        assertThatThrownBy(() -> c.commandObject().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void splitsTheQueryOffTheApp() {
        Map<String, Object> obj = ffmpegCommandObject();
        obj.put("app", "live?token=abc&x=1");
        Connect c = Connect.from(decode("connect", 1.0, obj));
        assertThat(c.app()).isEqualTo("live");
        assertThat(c.query()).isEqualTo("token=abc&x=1");
    }

    @Test
    void takesTheQueryFromTcUrlWhenTheAppHasNone() {
        Map<String, Object> obj = ffmpegCommandObject();
        obj.put("tcUrl", "rtmp://h/live?secret=1");
        Connect c = Connect.from(decode("connect", 1.0, obj));
        assertThat(c.app()).isEqualTo("live");
        assertThat(c.query()).isEqualTo("secret=1");
        assertThat(c.tcUrl()).isEqualTo("rtmp://h/live?secret=1");
    }

    @Test
    void readsEnhancedRtmpFourCcListAndObjectEncodingAndExtraArguments() {
        Map<String, Object> obj = ffmpegCommandObject();
        obj.put("objectEncoding", 3.0);
        obj.put("fourCcList", List.of("av01", "vp09", "hvc1", "*"));
        Connect c = Connect.from(decode("connect", 1.0, obj, "user", 42.0));
        assertThat(c.objectEncoding()).isEqualTo(3.0);
        assertThat(c.fourCcList()).containsExactly("av01", "vp09", "hvc1", "*");
        assertThat(c.supportsFourCc("avc1")).isTrue();
        assertThat(c.arguments()).containsExactly("user", 42.0);
    }

    @Test
    void missingOptionalPropertiesTakeDefaults() {
        Connect c = Connect.from(new CommandMessage(0, "connect", 1, new LinkedHashMap<>(), List.of()));
        assertThat(c.app()).isEmpty();
        assertThat(c.tcUrl()).isEmpty();
        assertThat(c.flashVer()).isEmpty();
        assertThat(c.fourCcList()).isEmpty();
        assertThat(c.supportsFourCc("av01")).isFalse();
    }

    @Test
    void rejectsAMissingOrNonObjectCommandObject() {
        assertThatThrownBy(() -> Connect.from(new CommandMessage(0, "connect", 1, null, List.of())))
                .isInstanceOf(RtmpProtocolException.class)
                .hasMessageContaining("command object");
        assertThatThrownBy(() -> Connect.from(new CommandMessage(0, "connect", 1, "live", List.of())))
                .isInstanceOf(RtmpProtocolException.class);
    }

    @Test
    void rejectsWronglyTypedProperties() {
        Map<String, Object> obj = ffmpegCommandObject();
        obj.put("app", 5.0);
        assertThatThrownBy(() -> Connect.from(new CommandMessage(0, "connect", 1, obj, List.of())))
                .isInstanceOf(RtmpProtocolException.class).hasMessageContaining("app");
        Map<String, Object> obj2 = ffmpegCommandObject();
        obj2.put("fourCcList", "av01");
        assertThatThrownBy(() -> Connect.from(new CommandMessage(0, "connect", 1, obj2, List.of())))
                .isInstanceOf(RtmpProtocolException.class).hasMessageContaining("fourCcList");
        Map<String, Object> obj3 = ffmpegCommandObject();
        obj3.put("fourCcList", List.of("av01", 1.0));
        assertThatThrownBy(() -> Connect.from(new CommandMessage(0, "connect", 1, obj3, List.of())))
                .isInstanceOf(RtmpProtocolException.class).hasMessageContaining("fourCcList");
        Map<String, Object> obj4 = ffmpegCommandObject();
        obj4.put("objectEncoding", "3");
        assertThatThrownBy(() -> Connect.from(new CommandMessage(0, "connect", 1, obj4, List.of())))
                .isInstanceOf(RtmpProtocolException.class).hasMessageContaining("objectEncoding");
    }
}
