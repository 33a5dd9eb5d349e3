package org.rtmp4j.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtmp4j.core.RtmpProtocolException;
import org.rtmp4j.core.message.CommandMessage;
import org.rtmp4j.core.message.MessageCodec;

/** Typed views of the NetStream and stream-management commands (RTMP 1.0 §7.2.2). */
class StreamCommandsTest {

    private static CommandMessage cmd(int streamId, String name, Object... args) {
        CommandMessage m = new CommandMessage(streamId, name, 4, null, Arrays.asList(args));
        return (CommandMessage) MessageCodec.decode(MessageCodec.encode(m));
    }

    @Test
    void publishSplitsNameAndQueryAndReadsTheType() {
        Publish p = Publish.from(cmd(1, "publish", "stream?token=abc", "live"));
        assertThat(p.name()).isEqualTo("stream");
        assertThat(p.query()).isEqualTo("token=abc");
        assertThat(p.type()).isEqualTo(PublishType.LIVE);
        assertThat(Publish.from(cmd(1, "publish", "s", "record")).type()).isEqualTo(PublishType.RECORD);
        assertThat(Publish.from(cmd(1, "publish", "s", "APPEND")).type()).isEqualTo(PublishType.APPEND);
    }

    @Test
    void publishTypeDefaultsToLive() {
        Publish p = Publish.from(cmd(1, "publish", "s"));
        assertThat(p).isEqualTo(new Publish("s", "", PublishType.LIVE));
        assertThat(Publish.from(cmd(1, "publish", "s", 1.0)).type()).isEqualTo(PublishType.LIVE);
    }

    @Test
    void publishWithoutAStringNameIsRejected() {
        assertThatThrownBy(() -> Publish.from(cmd(1, "publish")))
                .isInstanceOf(RtmpProtocolException.class)
                .hasMessageContaining("'publish'")
                .hasMessageContaining("publishing name");
        assertThatThrownBy(() -> Publish.from(cmd(1, "publish", (Object) null)))
                .isInstanceOf(RtmpProtocolException.class);
        assertThatThrownBy(() -> Publish.from(cmd(1, "publish", 3.0)))
                .isInstanceOf(RtmpProtocolException.class);
    }

    @Test
    void playUsesTheSpecDefaults() {
        Play p = Play.from(cmd(1, "play", "cam?k=v"));
        assertThat(p).isEqualTo(new Play("cam", "k=v", -2, -1, true));
    }

    @Test
    void playReadsStartDurationAndReset() {
        assertThat(Play.from(cmd(1, "play", "cam", -1.0, 10.0, false))).isEqualTo(new Play("cam", "", -1, 10, false));
        assertThat(Play.from(cmd(1, "play", "cam", 0.0, 0.0, 0.0)).reset()).isFalse();
        assertThat(Play.from(cmd(1, "play", "cam", 0.0, 0.0, 2.0)).reset()).isTrue();
        assertThat(Play.from(cmd(1, "play", "cam", null, null, null))).isEqualTo(new Play("cam", "", -2, -1, true));
    }

    @Test
    void playWithoutANameIsRejected() {
        assertThatThrownBy(() -> Play.from(cmd(1, "play")))
                .isInstanceOf(RtmpProtocolException.class)
                .hasMessageContaining("stream name");
    }

    @Test
    void deleteStreamReadsTheStreamId() {
        assertThat(Commands.deleteStream(5, 1).streamId()).isZero();
        assertThat(DeleteStream.from(cmd(0, "deleteStream", 1.0))).isEqualTo(new DeleteStream(1));
        assertThatThrownBy(() -> DeleteStream.from(cmd(0, "deleteStream")))
                .isInstanceOf(RtmpProtocolException.class);
        assertThatThrownBy(() -> DeleteStream.from(cmd(0, "deleteStream", 1.5)))
                .isInstanceOf(RtmpProtocolException.class);
        assertThatThrownBy(() -> DeleteStream.from(cmd(0, "deleteStream", -1.0)))
                .isInstanceOf(RtmpProtocolException.class);
    }

    @Test
    void closeStreamUsesTheMessageStreamId() {
        assertThat(CloseStream.from(cmd(3, "closeStream"))).isEqualTo(new CloseStream(3));
    }

    @Test
    void nameOnlyViewsReadArgumentZero() {
        assertThat(ReleaseStream.from(cmd(0, "releaseStream", "key"))).isEqualTo(new ReleaseStream("key"));
        assertThat(FcPublish.from(cmd(0, "FCPublish", "key?t=1"))).isEqualTo(new FcPublish("key", "t=1"));
        assertThat(FcUnpublish.from(cmd(0, "FCUnpublish", "key")).name()).isEqualTo("key");
        assertThat(GetStreamLength.from(cmd(1, "getStreamLength", "vod")).name()).isEqualTo("vod");
        for (String name : List.of("releaseStream", "FCPublish", "FCUnpublish", "getStreamLength")) {
            assertThatThrownBy(() -> {
                CommandMessage m = cmd(0, name);
                switch (name) {
                    case "releaseStream": ReleaseStream.from(m); break;
                    case "FCPublish": FcPublish.from(m); break;
                    case "FCUnpublish": FcUnpublish.from(m); break;
                    default: GetStreamLength.from(m); break;
                }
            }).as(name).isInstanceOf(RtmpProtocolException.class);
        }
    }

    @Test
    void createStreamKeepsTheTransactionId() {
        assertThat(CreateStream.from(Commands.createStream(2)).transactionId()).isEqualTo(2.0);
    }
}
