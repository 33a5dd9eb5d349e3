package org.rtmp4j.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rtmp4j.core.command.Amf3Commands.amf0;
import static org.rtmp4j.core.command.Amf3Commands.amf3;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rtmp4j.amf.AmfEcmaArray;
import org.rtmp4j.core.RtmpProtocolException;
import org.rtmp4j.core.message.AmfEncoding;
import org.rtmp4j.core.message.CommandMessage;

/**
 * Typed views of the playback-control commands (RTMP 1.0 §7.2.2.2, §7.2.2.4, §7.2.2.5, §7.2.2.7,
 * §7.2.2.8) and of FCSubscribe, _checkbw and other calls, from AMF0 (type 20) and AMF3 (type 17)
 * bodies.
 */
class PlaybackCommandsTest {

    private static Map<String, Object> play2Params() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("streamName", "cam_720p?token=t");
        p.put("oldStreamName", "cam_360p");
        p.put("start", -2.0);
        p.put("len", -1.0);
        p.put("transition", "switch");
        return p;
    }

    @Test
    void play2ReadsTheNetStreamPlayOptionsObject() {
        Play2 expected = new Play2("cam_720p", "token=t", "cam_360p", -2, -1, "switch");
        assertThat(Play2.from(amf0(1, "play2", 0, null, play2Params()))).isEqualTo(expected);
        assertThat(Play2.from(amf0(1, "play2", 0, null, new AmfEcmaArray(play2Params())))).isEqualTo(expected);
        assertThat(Play2.from(amf3(1, "play2", 0, null, play2Params()))).isEqualTo(expected);
    }

    @Test
    void play2DefaultsOptionalProperties() {
        Play2 p = Play2.from(amf0(1, "play2", 0, null, Map.of("streamName", "cam")));
        assertThat(p).isEqualTo(new Play2("cam", "", "", -2, -1, ""));
        Play2 q = Play2.from(amf3(1, "play2", 0, null, Map.of("streamName", "cam", "start", 5, "len", 10)));
        assertThat(q.start()).isEqualTo(5);
        assertThat(q.len()).isEqualTo(10);
    }

    @Test
    void malformedPlay2IsRejected() {
        assertThatThrownBy(() -> Play2.from(amf0(1, "play2", 0, (Object) null)))
                .isInstanceOf(RtmpProtocolException.class).hasMessageContaining("parameters");
        assertThatThrownBy(() -> Play2.from(amf0(1, "play2", 0, null, "cam")))
                .isInstanceOf(RtmpProtocolException.class).hasMessageContaining("expected an object");
        assertThatThrownBy(() -> Play2.from(amf0(1, "play2", 0, null, Map.of("start", 0.0))))
                .isInstanceOf(RtmpProtocolException.class).hasMessageContaining("streamName");
        assertThatThrownBy(() -> Play2.from(amf0(1, "play2", 0, null, Map.of("streamName", "a", "start", "0"))))
                .isInstanceOf(RtmpProtocolException.class).hasMessageContaining("parameters.start");
        assertThatThrownBy(() -> Play2.from(amf0(1, "play2", 0, null, Map.of("streamName", "a", "transition", 1.0))))
                .isInstanceOf(RtmpProtocolException.class).hasMessageContaining("parameters.transition");
    }

    @Test
    void pauseReadsFlagAndMilliseconds() {
        assertThat(Pause.from(amf0(1, "pause", 0, null, true, 1234.0))).isEqualTo(new Pause(true, 1234));
        assertThat(Pause.from(amf0(1, "pause", 0, null, false, 0.0))).isEqualTo(new Pause(false, 0));
        assertThat(Pause.from(amf3(1, "pause", 0, null, true, 1234))).isEqualTo(new Pause(true, 1234));
    }

    @Test
    void pauseFromAHandWrittenAmf3Body() {
        // 00 format | string "pause" | number 0 | AMF0 null | 0x11 AMF3 true | 0x11 AMF3 integer 1234 (U29 89 52)
        byte[] body = HexFormat.of().parseHex("00" + "020005706175736500" + "0000000000000000" + "05"
                + "1103" + "11048952");
        CommandMessage m = Amf3Commands.decode(17, 1, body);
        assertThat(m.encoding()).isEqualTo(AmfEncoding.AMF3);
        assertThat(m.arguments()).containsExactly(true, 1234);
        assertThat(Pause.from(m)).isEqualTo(new Pause(true, 1234));
        assertThat(body).isEqualTo(Amf3Commands.amf3Body("pause", 0, null, true, 1234));
    }

    @Test
    void malformedPauseIsRejected() {
        assertThatThrownBy(() -> Pause.from(amf0(1, "pause", 0, (Object) null)))
                .isInstanceOf(RtmpProtocolException.class).hasMessageContaining("pause flag");
        assertThatThrownBy(() -> Pause.from(amf0(1, "pause", 0, null, 1.0, 0.0)))
                .isInstanceOf(RtmpProtocolException.class).hasMessageContaining("expected a boolean");
        assertThatThrownBy(() -> Pause.from(amf0(1, "pause", 0, null, true)))
                .isInstanceOf(RtmpProtocolException.class).hasMessageContaining("milliseconds");
    }

    @Test
    void seekReadsMilliseconds() {
        assertThat(Seek.from(amf0(1, "seek", 0, null, 30000.0))).isEqualTo(new Seek(30000));
        assertThat(Seek.from(amf3(1, "seek", 0, null, 30000))).isEqualTo(new Seek(30000));
        assertThat(Seek.from(amf3(1, "seek", 0, null, 1.5))).isEqualTo(new Seek(1.5));
        assertThatThrownBy(() -> Seek.from(amf0(1, "seek", 0, (Object) null)))
                .isInstanceOf(RtmpProtocolException.class).hasMessageContaining("'seek'");
        assertThatThrownBy(() -> Seek.from(amf0(1, "seek", 0, null, "10")))
                .isInstanceOf(RtmpProtocolException.class).hasMessageContaining("expected a number");
    }

    @Test
    void receiveAudioAndVideoReadTheirFlag() {
        assertThat(ReceiveAudio.from(amf0(1, "receiveAudio", 0, null, false))).isEqualTo(new ReceiveAudio(false));
        assertThat(ReceiveAudio.from(amf3(1, "receiveAudio", 0, null, true))).isEqualTo(new ReceiveAudio(true));
        assertThat(ReceiveVideo.from(amf0(1, "receiveVideo", 0, null, true))).isEqualTo(new ReceiveVideo(true));
        assertThat(ReceiveVideo.from(amf3(1, "receiveVideo", 0, null, false))).isEqualTo(new ReceiveVideo(false));
        assertThatThrownBy(() -> ReceiveAudio.from(amf0(1, "receiveAudio", 0, (Object) null)))
                .isInstanceOf(RtmpProtocolException.class).hasMessageContaining("receiveAudio flag");
        assertThatThrownBy(() -> ReceiveVideo.from(amf0(1, "receiveVideo", 0, null, "yes")))
                .isInstanceOf(RtmpProtocolException.class).hasMessageContaining("expected a boolean");
    }

    @Test
    void fcSubscribeSplitsNameAndQuery() {
        assertThat(FcSubscribe.from(amf0(0, "FCSubscribe", 3, null, "cam?k=v"))).isEqualTo(new FcSubscribe("cam", "k=v"));
        assertThat(FcSubscribe.from(amf3(0, "FCSubscribe", 3, null, "cam"))).isEqualTo(new FcSubscribe("cam"));
        assertThatThrownBy(() -> FcSubscribe.from(amf0(0, "FCSubscribe", 3, (Object) null)))
                .isInstanceOf(RtmpProtocolException.class).hasMessageContaining("stream name");
    }

    @Test
    void checkBwKeepsTheTransactionId() {
        assertThat(CheckBw.from(amf0(0, "_checkbw", 5, (Object) null))).isEqualTo(new CheckBw(5));
        assertThat(CheckBw.from(amf3(0, "_checkbw", 5, (Object) null))).isEqualTo(new CheckBw(5));
    }

    @Test
    void anyOtherCommandIsACall() {
        Call c = Call.from(amf0(0, "getServerTime", 6, null, "utc", 2.0));
        assertThat(c).isEqualTo(new Call("getServerTime", 6, null, List.of("utc", 2.0)));
        assertThat(c.expectsReply()).isTrue();
        assertThat(Call.from(amf3(0, "getServerTime", 6, null, "utc", 2)).arguments()).containsExactly("utc", 2);
        assertThat(Call.from(amf0(0, "notify", 0, (Object) null)).expectsReply()).isFalse();
        assertThat(Call.from(amf0(0, "noArgs", 1)).arguments()).isEmpty();
    }
}
