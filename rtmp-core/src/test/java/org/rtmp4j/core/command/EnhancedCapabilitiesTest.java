package org.rtmp4j.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rtmp4j.core.command.EnhancedCapabilities.CAN_DECODE;
import static org.rtmp4j.core.command.EnhancedCapabilities.CAN_ENCODE;
import static org.rtmp4j.core.command.EnhancedCapabilities.CAN_FORWARD;
import static org.rtmp4j.core.command.EnhancedCapabilities.CAPS_MOD_EX;
import static org.rtmp4j.core.command.EnhancedCapabilities.CAPS_MULTITRACK;
import static org.rtmp4j.core.command.EnhancedCapabilities.CAPS_RECONNECT;
import static org.rtmp4j.core.command.EnhancedCapabilities.CAPS_TIMESTAMP_NANO_OFFSET;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rtmp4j.amf.Amf3Array;
import org.rtmp4j.amf.Amf3Object;
import org.rtmp4j.amf.AmfEcmaArray;
import org.rtmp4j.core.RtmpProtocolException;
import org.rtmp4j.core.chunk.RawMessage;
import org.rtmp4j.core.message.CommandMessage;
import org.rtmp4j.core.message.MessageCodec;

/** E-RTMP v2 "Enhancing NetConnection connect Command": fourCcList, FourCC info maps, capsEx. */
class EnhancedCapabilitiesTest {

    private static Map<String, Object> obsLikeConnect() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("app", "live");
        o.put("tcUrl", "rtmp://127.0.0.1/live");
        o.put("fourCcList", List.of("av01", "vp09", "hvc1"));
        Map<String, Object> video = new LinkedHashMap<>();
        video.put("av01", 3.0);
        video.put("hvc1", (double) CAN_ENCODE);
        o.put("videoFourCcInfoMap", video);
        o.put("audioFourCcInfoMap", new AmfEcmaArray(Map.of("Opus", 1.0)));
        o.put("capsEx", 9.0);
        return o;
    }

    @Test
    void theMaskValuesAreTheSpecs() {
        assertThat(List.of(CAN_DECODE, CAN_ENCODE, CAN_FORWARD)).containsExactly(1, 2, 4);
        assertThat(List.of(CAPS_RECONNECT, CAPS_MULTITRACK, CAPS_MOD_EX, CAPS_TIMESTAMP_NANO_OFFSET))
                .containsExactly(1, 2, 4, 8);
    }

    @Test
    void readsAllFourPropertiesFromObjectsAndEcmaArrays() {
        EnhancedCapabilities c = EnhancedCapabilities.from(obsLikeConnect());
        assertThat(c.fourCcList()).containsExactly("av01", "vp09", "hvc1");
        assertThat(c.videoFourCcInfoMap()).containsExactly(Map.entry("av01", 3), Map.entry("hvc1", 2));
        assertThat(c.audioFourCcInfoMap()).containsExactly(Map.entry("Opus", 1));
        assertThat(c.capsEx()).isEqualTo(CAPS_RECONNECT | CAPS_TIMESTAMP_NANO_OFFSET);
        assertThat(c.hasCapsEx(CAPS_RECONNECT)).isTrue();
        assertThat(c.hasCapsEx(CAPS_MULTITRACK)).isFalse();
        assertThat(c.isEmpty()).isFalse();
    }

    @Test
    void readsAmf3ObjectsArraysAndIntegers() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("fourCcList", new Amf3Array(List.of("avc1"), Map.of()));
        o.put("videoFourCcInfoMap", Amf3Object.anonymous(Map.of("avc1", 1)));
        o.put("audioFourCcInfoMap", new Amf3Array(List.of(), Map.of("mp4a", 4)));
        o.put("capsEx", 2);
        EnhancedCapabilities c = EnhancedCapabilities.from(o);
        assertThat(c).isEqualTo(new EnhancedCapabilities(List.of("avc1"), Map.of("avc1", 1), Map.of("mp4a", 4), 2));
    }

    @Test
    void aLegacyConnectHasNoCapabilities() {
        EnhancedCapabilities c = EnhancedCapabilities.from(Map.of("app", "live"));
        assertThat(c).isEqualTo(EnhancedCapabilities.NONE);
        assertThat(c.isEmpty()).isTrue();
        assertThat(c.supportsVideo("avc1")).isFalse();
        assertThat(EnhancedCapabilities.from(null)).isEqualTo(EnhancedCapabilities.NONE);
    }

    @Test
    void supportsVideoChecksTheListAndTheDecodeOrForwardFlags() {
        EnhancedCapabilities c = EnhancedCapabilities.from(obsLikeConnect());
        assertThat(c.supportsVideo("av01")).isTrue();
        assertThat(c.supportsVideo("hvc1")).isTrue(); // in fourCcList, although the map says encode only
        assertThat(c.supportsVideo("avc1")).isFalse();

        EnhancedCapabilities mapOnly = new EnhancedCapabilities(List.of(),
                Map.of("hvc1", CAN_ENCODE, "vp09", CAN_DECODE | CAN_ENCODE, "av01", CAN_FORWARD), Map.of(), 0);
        assertThat(mapOnly.supportsVideo("hvc1")).isFalse();
        assertThat(mapOnly.supportsVideo("vp09")).isTrue();
        assertThat(mapOnly.supportsVideo("av01")).isTrue();
        assertThat(mapOnly.supportsAudio("vp09")).isFalse();
    }

    @Test
    void theWildcardAcceptsEveryCodec() {
        EnhancedCapabilities list = new EnhancedCapabilities(List.of("*"), Map.of(), Map.of(), 0);
        assertThat(list.supportsVideo("vvc1")).isTrue();
        assertThat(list.supportsAudio("fLaC")).isTrue();
        EnhancedCapabilities map = new EnhancedCapabilities(List.of(),
                Map.of("*", CAN_FORWARD, "hvc1", CAN_ENCODE), Map.of("*", CAN_ENCODE), 0);
        assertThat(map.supportsVideo("hvc1")).isTrue();
        assertThat(map.supportsVideo("av01")).isTrue();
        assertThat(map.supportsAudio("Opus")).isFalse();
    }

    @Test
    void writeToAddsTheServersCapabilitiesAndReadsBackAfterAnAmf0RoundTrip() {
        EnhancedCapabilities ours = new EnhancedCapabilities(List.of("av01", "hvc1"),
                Map.of("*", CAN_FORWARD), Map.of("*", CAN_FORWARD), CAPS_MULTITRACK | CAPS_MOD_EX);
        Map<String, Object> props = Commands.connectResultProperties("FMS/3,5,7,7009", 31, ours);
        assertThat(props).containsKeys("fmsVer", "capabilities", "mode", "fourCcList", "videoFourCcInfoMap",
                "audioFourCcInfoMap", "capsEx");
        assertThat(props.get("capsEx")).isEqualTo(6.0);
        assertThat(props).doesNotContainKey("capabilitiesEx");

        CommandMessage request = Commands.connect(1, Map.of("app", "live"));
        CommandMessage reply = Commands.result(request, props, Commands.connectResultInformation(0));
        CommandMessage back = (CommandMessage) MessageCodec.decode(MessageCodec.encode(reply));
        @SuppressWarnings("unchecked")
        Map<String, Object> backProps = (Map<String, Object>) back.commandObject();
        assertThat(EnhancedCapabilities.from(backProps)).isEqualTo(ours);
    }

    @Test
    void theClientAnnouncesItsCapabilitiesInConnect() {
        EnhancedCapabilities client = new EnhancedCapabilities(List.of("hvc1"),
                Map.of("hvc1", CAN_DECODE | CAN_ENCODE), Map.of(), CAPS_RECONNECT);
        Map<String, Object> commandObject = new LinkedHashMap<>();
        commandObject.put("app", "live");
        client.writeTo(commandObject);
        RawMessage raw = MessageCodec.encode(Commands.connect(1, commandObject));
        Connect c = Connect.from((CommandMessage) MessageCodec.decode(raw));
        assertThat(c.enhanced()).isEqualTo(client);
        assertThat(c.fourCcList()).containsExactly("hvc1");
    }

    @Test
    void writeToOmitsEmptyListsAndMapsButAlwaysWritesCapsEx() {
        Map<String, Object> m = new LinkedHashMap<>();
        EnhancedCapabilities.NONE.writeTo(m);
        assertThat(m).containsExactly(Map.entry("capsEx", 0.0));
    }

    @Test
    void malformedPropertiesAreProtocolErrors() {
        assertThatThrownBy(() -> EnhancedCapabilities.from(Map.of("fourCcList", "avc1")))
                .isInstanceOf(RtmpProtocolException.class).hasMessageContaining("fourCcList");
        assertThatThrownBy(() -> EnhancedCapabilities.from(Map.of("fourCcList", List.of(1.0))))
                .isInstanceOf(RtmpProtocolException.class).hasMessageContaining("fourCcList element");
        assertThatThrownBy(() -> EnhancedCapabilities.from(Map.of("videoFourCcInfoMap", List.of())))
                .isInstanceOf(RtmpProtocolException.class).hasMessageContaining("videoFourCcInfoMap");
        assertThatThrownBy(() -> EnhancedCapabilities.from(Map.of("audioFourCcInfoMap", Map.of("Opus", "1"))))
                .isInstanceOf(RtmpProtocolException.class).hasMessageContaining("audioFourCcInfoMap['Opus']");
        assertThatThrownBy(() -> EnhancedCapabilities.from(Map.of("capsEx", true)))
                .isInstanceOf(RtmpProtocolException.class).hasMessageContaining("capsEx");
    }

    @Test
    void componentsAreUnmodifiable() {
        EnhancedCapabilities c = EnhancedCapabilities.from(obsLikeConnect());
        assertThatThrownBy(() -> c.fourCcList().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.videoFourCcInfoMap().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }
}
