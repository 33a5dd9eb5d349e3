package org.rtmp4j.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtmp4j.core.session.ForwardingRtmpController;
import org.rtmp4j.core.session.RtmpController;

class ForwardingRtmpControllerTest {
    @Test
    void forwardsEveryCallbackWithItsArguments() throws Exception {
        List<String> seen = new ArrayList<>();
        RtmpController recorder = (RtmpController) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RtmpController.class}, (proxy, method, args) -> {
                    seen.add(method.getName() + Arrays.toString(args));
                    return null;
                });
        ForwardingRtmpController forwarding = new ForwardingRtmpController(recorder);

        List<String> expected = new ArrayList<>();
        for (Method m : RtmpController.class.getMethods()) {
            if (m.getName().equals("onCall")) {
                continue; // not forwarded: reaches the delegate through onCommand (below)
            }
            Object[] args = new Object[m.getParameterCount()]; // nulls: the delegate only records
            for (int i = 0; i < args.length; i++) {
                if (m.getParameterTypes()[i] == boolean.class) {
                    args[i] = Boolean.TRUE;
                }
            }
            m.invoke(forwarding, args);
            expected.add(m.getName() + Arrays.toString(args));
        }

        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(expected).hasSize(19);
    }

    @Test
    void anUnknownCallReachesTheDelegateThroughOnCommand() {
        List<String> seen = new ArrayList<>();
        RtmpController delegate = new RtmpController() {
            @Override
            public void onCommand(org.rtmp4j.core.session.RtmpSession session,
                    org.rtmp4j.core.message.CommandMessage command) {
                seen.add("delegate " + command.name());
            }
        };
        ForwardingRtmpController forwarding = new ForwardingRtmpController(delegate) {
            @Override
            public void onCommand(org.rtmp4j.core.session.RtmpSession session,
                    org.rtmp4j.core.message.CommandMessage command) {
                seen.add("subclass " + command.name());
                super.onCommand(session, command);
            }
        };
        org.rtmp4j.core.message.CommandMessage message = new org.rtmp4j.core.message.CommandMessage(
                0, "custom", 3, null, List.of());
        org.rtmp4j.core.session.CallRequest request = (org.rtmp4j.core.session.CallRequest) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {org.rtmp4j.core.session.CallRequest.class},
                (proxy, method, args) -> method.getName().equals("message") ? message : null);

        forwarding.onCall(null, request);

        assertThat(seen).containsExactly("subclass custom", "delegate custom");
    }

    @Test
    void composesRecordingWithTheRelay() {
        LiveBroadcastController relay = new LiveBroadcastController();
        List<Integer> recorded = new ArrayList<>();
        RtmpController recordAndRelay = new ForwardingRtmpController(relay) {
            @Override
            public void onMedia(org.rtmp4j.core.session.RtmpSession session,
                    org.rtmp4j.core.session.NetStream stream, org.rtmp4j.core.message.MediaMessage media) {
                recorded.add(media.timestamp());
                super.onMedia(session, stream, media);
            }
        };
        FakeSession pub = new FakeSession();
        FakeSession.Stream st = pub.newStream();
        recordAndRelay.onPublish(pub, st.publish("cam"));
        FakeSession player = new FakeSession();
        recordAndRelay.onPlay(player, player.newStream().play("cam"));
        recordAndRelay.onMedia(pub, st, Flv.avcKeyFrame(7));

        assertThat(recorded).containsExactly(7);
        assertThat(player.media()).extracting(m -> m.timestamp()).containsExactly(7);
    }
}
