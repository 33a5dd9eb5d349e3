package org.rtmp4j.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rtmp4j.core.command.Amf3Commands.amf0;
import static org.rtmp4j.core.command.Amf3Commands.amf3;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.rtmp4j.core.RtmpProtocolException;
import org.rtmp4j.core.message.AmfEncoding;
import org.rtmp4j.core.message.CommandMessage;

/**
 * Every typed view reads an AMF3 command message (type 17: format byte 0x00, values after AVM+
 * 0x11 switches, integers as AMF3 integers) to the same view as the AMF0 command (type 20).
 */
class Amf3ViewsTest {

    static Stream<Arguments> views() {
        return Stream.of(
                view("createStream", 0, CreateStream::from, (Object) null),
                view("deleteStream", 0, DeleteStream::from, null, 1),
                view("closeStream", 1, CloseStream::from, (Object) null),
                view("releaseStream", 0, ReleaseStream::from, null, "key?a=b"),
                view("FCPublish", 0, FcPublish::from, null, "key"),
                view("FCUnpublish", 0, FcUnpublish::from, null, "key"),
                view("FCSubscribe", 0, FcSubscribe::from, null, "key"),
                view("getStreamLength", 1, GetStreamLength::from, null, "vod"),
                view("publish", 1, Publish::from, null, "key?t=1", "record"),
                view("play", 1, Play::from, null, "cam", -1, 10, false),
                view("play", 1, Play::from, null, "cam", 0),
                view("play2", 1, Play2::from, null, Map.of("streamName", "cam", "start", 0, "len", 5)),
                view("pause", 1, Pause::from, null, true, 500),
                view("seek", 1, Seek::from, null, 500),
                view("receiveAudio", 1, ReceiveAudio::from, null, false),
                view("receiveVideo", 1, ReceiveVideo::from, null, true),
                view("_checkbw", 0, CheckBw::from, (Object) null));
    }

    private static Arguments view(String name, int streamId, Function<CommandMessage, Object> from, Object... values) {
        return Arguments.of(name, streamId, from, values);
    }

    /** The AMF0 twin: AMF3 integers become AMF0 numbers. */
    private static Object[] asAmf0(Object[] values) {
        Object[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] instanceof Integer n) {
                out[i] = n.doubleValue();
            } else if (out[i] instanceof Map<?, ?> m) {
                Map<String, Object> copy = new LinkedHashMap<>();
                m.forEach((k, v) -> copy.put((String) k, v instanceof Integer n ? n.doubleValue() : v));
                out[i] = copy;
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("views")
    void amf3CommandDecodesToTheSameViewAsAmf0(String name, int streamId, Function<CommandMessage, Object> from,
            Object[] values) {
        CommandMessage m3 = amf3(streamId, name, 2, values);
        CommandMessage m0 = amf0(streamId, name, 2, asAmf0(values));
        assertThat(m3.encoding()).isEqualTo(AmfEncoding.AMF3);
        assertThat(m0.encoding()).isEqualTo(AmfEncoding.AMF0);
        assertThat(from.apply(m3)).isEqualTo(from.apply(m0));
    }

    private static Map<String, Object> connectObject() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("app", "live?secret=1");
        o.put("flashVer", "WIN 32,0,0,114");
        o.put("tcUrl", "rtmp://example.com/live?secret=1");
        o.put("objectEncoding", 3);
        o.put("fourCcList", List.of("av01", "hvc1"));
        o.put("videoFourCcInfoMap", Map.of("*", 4));
        o.put("capsEx", 2);
        return o;
    }

    @Test
    void connectWithAnAmf3CommandObjectDecodesLikeAmf0() {
        Connect c3 = Connect.from(amf3(0, "connect", 1, connectObject()));
        Map<String, Object> amf0Object = new LinkedHashMap<>(connectObject());
        amf0Object.put("objectEncoding", 3.0);
        amf0Object.put("videoFourCcInfoMap", Map.of("*", 4.0));
        amf0Object.put("capsEx", 2.0);
        Connect c0 = Connect.from(amf0(0, "connect", 1, amf0Object));

        assertThat(c3.app()).isEqualTo("live").isEqualTo(c0.app());
        assertThat(c3.query()).isEqualTo("secret=1").isEqualTo(c0.query());
        assertThat(c3.tcUrl()).isEqualTo(c0.tcUrl());
        assertThat(c3.flashVer()).isEqualTo(c0.flashVer());
        assertThat(c3.objectEncoding()).isEqualTo(3).isEqualTo(c0.objectEncoding());
        assertThat(c3.encoding()).isEqualTo(AmfEncoding.AMF3);
        assertThat(c3.fourCcList()).containsExactly("av01", "hvc1").isEqualTo(c0.fourCcList());
        assertThat(c3.enhanced()).isEqualTo(c0.enhanced());
        assertThat(c3.enhanced().capsEx()).isEqualTo(EnhancedCapabilities.CAPS_MULTITRACK);
        assertThat(c3.enhanced().supportsVideo("vp09")).isTrue();
    }

    @Test
    void amf3MalformedArgumentsAreStillRejected() {
        assertThatThrownBy(() -> Publish.from(amf3(1, "publish", 0, null, 5)))
                .isInstanceOf(RtmpProtocolException.class).hasMessageContaining("publishing name");
        assertThatThrownBy(() -> Connect.from(amf3(0, "connect", 1, List.of("x"))))
                .isInstanceOf(RtmpProtocolException.class).hasMessageContaining("command object");
        assertThatThrownBy(() -> Pause.from(amf3(1, "pause", 0, null, 1, 0)))
                .isInstanceOf(RtmpProtocolException.class).hasMessageContaining("pause flag");
    }
}
