package org.rtmp4j.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rtmp4j.core.message.AmfEncoding;
import org.rtmp4j.core.message.CommandMessage;
import org.rtmp4j.core.message.MessageCodec;

/** Client request builders read back by their typed views after an encode/decode round trip. */
class PlaybackRequestsTest {

    private static CommandMessage wire(CommandMessage m) {
        return (CommandMessage) MessageCodec.decode(MessageCodec.encode(m));
    }

    @Test
    void everyRequestRoundTripsToItsView() {
        Play2 p2 = new Play2("cam_720p", "k=v", "cam_360p", 0, -1, "switch");
        assertThat(Play2.from(wire(PlaybackRequests.play2(1, p2)))).isEqualTo(p2);
        assertThat(Play2.from(wire(PlaybackRequests.play2(1, new Play2("a", "", "", -2, -1, "")))))
                .isEqualTo(new Play2("a", "", "", -2, -1, ""));
        assertThat(Pause.from(wire(PlaybackRequests.pause(1, true, 2500)))).isEqualTo(new Pause(true, 2500));
        assertThat(Seek.from(wire(PlaybackRequests.seek(1, 10_000)))).isEqualTo(new Seek(10_000));
        assertThat(ReceiveAudio.from(wire(PlaybackRequests.receiveAudio(1, false)))).isEqualTo(new ReceiveAudio(false));
        assertThat(ReceiveVideo.from(wire(PlaybackRequests.receiveVideo(1, true)))).isEqualTo(new ReceiveVideo(true));
        assertThat(FcSubscribe.from(wire(PlaybackRequests.fcSubscribe(3, "cam?x=1")))).isEqualTo(new FcSubscribe("cam", "x=1"));
        assertThat(GetStreamLength.from(wire(PlaybackRequests.getStreamLength(1, 4, "vod"))))
                .isEqualTo(new GetStreamLength("vod"));
        assertThat(CheckBw.from(wire(PlaybackRequests.checkBw(7)))).isEqualTo(new CheckBw(7));
    }

    @Test
    void nameStreamAndTransactionIdFollowTheSpecTables() {
        CommandMessage pause = PlaybackRequests.pause(5, false, 0);
        assertThat(pause.name()).isEqualTo("pause");
        assertThat(pause.streamId()).isEqualTo(5);
        assertThat(pause.transactionId()).isZero();
        assertThat(pause.commandObject()).isNull();
        assertThat(PlaybackRequests.fcSubscribe(3, "c").streamId()).isZero();
        assertThat(PlaybackRequests.checkBw(2).name()).isEqualTo("_checkbw");
    }

    @Test
    void requestsCanBeSentInAmf3() {
        CommandMessage m = Commands.inEncoding(PlaybackRequests.seek(1, 42), AmfEncoding.AMF3);
        assertThat(MessageCodec.encode(m).typeId()).isEqualTo(17);
        assertThat(Seek.from(wire(m))).isEqualTo(new Seek(42));
    }
}
