package org.rtmp4j.core.session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.rtmp4j.core.command.FcSubscribe;
import org.rtmp4j.core.command.Pause;
import org.rtmp4j.core.command.Play2;
import org.rtmp4j.core.command.Seek;
import org.rtmp4j.core.message.CommandMessage;
import org.rtmp4j.core.message.DataMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.RtmpMessage;

/**
 * An {@link RtmpController} that records every callback in a queue and decides requests as told:
 * accept (default), reject (with the request's default code) or defer (the test decides later from
 * the recorded request). Can be told to throw from a callback.
 */
class RecordingController implements RtmpController {
    /** What to do with a request. */
    enum Decision {
        ACCEPT,
        REJECT,
        DEFER
    }

    volatile Decision onConnect = Decision.ACCEPT;
    volatile Decision onCreateStream = Decision.ACCEPT;
    volatile Decision onPublish = Decision.ACCEPT;
    volatile Decision onPlay = Decision.ACCEPT;
    volatile RuntimeException throwOnPublish;
    volatile RuntimeException throwOnMedia;

    final BlockingQueue<RtmpSession> opens = new LinkedBlockingQueue<>();
    final List<Throwable> closes = new ArrayList<>();
    final BlockingQueue<ConnectRequest> connects = new LinkedBlockingQueue<>();
    final BlockingQueue<CreateStreamRequest> createStreams = new LinkedBlockingQueue<>();
    final BlockingQueue<PublishRequest> publishes = new LinkedBlockingQueue<>();
    final BlockingQueue<PlayRequest> plays = new LinkedBlockingQueue<>();
    final BlockingQueue<NetStream> unpublishes = new LinkedBlockingQueue<>();
    final BlockingQueue<NetStream> stopPlays = new LinkedBlockingQueue<>();
    final BlockingQueue<NetStream> deletes = new LinkedBlockingQueue<>();
    final BlockingQueue<DataMessage> metadata = new LinkedBlockingQueue<>();
    final BlockingQueue<MediaMessage> media = new LinkedBlockingQueue<>();
    final BlockingQueue<CommandMessage> commands = new LinkedBlockingQueue<>();
    final BlockingQueue<RtmpMessage> messages = new LinkedBlockingQueue<>();
    /** Stream names as seen inside onUnpublish / onStopPlay (a stream's name is cleared afterwards). */
    final List<String> unpublishedNames = new ArrayList<>();
    final List<String> stoppedNames = new ArrayList<>();
    final BlockingQueue<Pause> pauses = new LinkedBlockingQueue<>();
    final BlockingQueue<Seek> seeks = new LinkedBlockingQueue<>();
    final BlockingQueue<Play2> play2s = new LinkedBlockingQueue<>();
    final List<String> receives = new ArrayList<>();
    final BlockingQueue<FcSubscribe> fcSubscribes = new LinkedBlockingQueue<>();
    final BlockingQueue<CallRequest> calls = new LinkedBlockingQueue<>();
    /** When set, answers onCall instead of the default (which passes the message to onCommand). */
    volatile Consumer<CallRequest> onCall;
    /** Every callback name, in order. */
    final List<String> events = new ArrayList<>();

    @Override
    public void onOpen(RtmpSession session) {
        events.add("open");
        opens.add(session);
    }

    @Override
    public synchronized void onClose(RtmpSession session, Throwable causeOrNull) {
        events.add("close");
        closes.add(causeOrNull);
    }

    @Override
    public void onConnect(RtmpSession session, ConnectRequest request) {
        events.add("connect");
        connects.add(request);
        decide(onConnect, request::accept, () -> request.reject("not allowed"));
    }

    @Override
    public void onCreateStream(RtmpSession session, CreateStreamRequest request) {
        events.add("createStream");
        createStreams.add(request);
        decide(onCreateStream, request::accept, () -> request.reject("no streams"));
    }

    @Override
    public void onPublish(RtmpSession session, PublishRequest request) {
        events.add("publish");
        publishes.add(request);
        if (throwOnPublish != null) {
            throw throwOnPublish;
        }
        decide(onPublish, request::accept, () -> request.reject("name taken"));
    }

    @Override
    public void onPlay(RtmpSession session, PlayRequest request) {
        events.add("play");
        plays.add(request);
        decide(onPlay, request::accept, () -> request.reject("no such stream"));
    }

    @Override
    public void onUnpublish(RtmpSession session, NetStream stream) {
        events.add("unpublish");
        unpublishedNames.add(stream.name());
        unpublishes.add(stream);
    }

    @Override
    public void onStopPlay(RtmpSession session, NetStream stream) {
        events.add("stopPlay");
        stoppedNames.add(stream.name());
        stopPlays.add(stream);
    }

    @Override
    public void onDeleteStream(RtmpSession session, NetStream stream) {
        events.add("deleteStream");
        deletes.add(stream);
    }

    @Override
    public void onMetadata(RtmpSession session, NetStream stream, DataMessage data) {
        events.add("metadata");
        metadata.add(data);
    }

    @Override
    public void onMedia(RtmpSession session, NetStream stream, MediaMessage m) {
        if (throwOnMedia != null) {
            throw throwOnMedia;
        }
        media.add(m);
    }

    @Override
    public void onCommand(RtmpSession session, CommandMessage command) {
        events.add("command");
        commands.add(command);
        RtmpController.super.onCommand(session, command);
    }

    @Override
    public void onMessage(RtmpSession session, RtmpMessage message) {
        messages.add(message);
    }

    private static void decide(Decision d, Runnable accept, Runnable reject) {
        if (d == Decision.ACCEPT) {
            accept.run();
        } else if (d == Decision.REJECT) {
            reject.run();
        }
    }

    @Override
    public void onPlay2(RtmpSession session, NetStream stream, Play2 play2) {
        events.add("play2");
        play2s.add(play2);
        RtmpController.super.onPlay2(session, stream, play2);
    }

    @Override
    public void onPause(RtmpSession session, NetStream stream, Pause pause) {
        events.add("pause");
        pauses.add(pause);
        RtmpController.super.onPause(session, stream, pause);
    }

    @Override
    public void onSeek(RtmpSession session, NetStream stream, Seek seek) {
        events.add("seek");
        seeks.add(seek);
        RtmpController.super.onSeek(session, stream, seek);
    }

    @Override
    public void onReceiveAudio(RtmpSession session, NetStream stream, boolean receive) {
        events.add("receiveAudio");
        receives.add("audio " + receive);
        RtmpController.super.onReceiveAudio(session, stream, receive);
    }

    @Override
    public void onReceiveVideo(RtmpSession session, NetStream stream, boolean receive) {
        events.add("receiveVideo");
        receives.add("video " + receive);
        RtmpController.super.onReceiveVideo(session, stream, receive);
    }

    @Override
    public void onFcSubscribe(RtmpSession session, FcSubscribe subscribe) {
        events.add("fcSubscribe");
        fcSubscribes.add(subscribe);
    }

    @Override
    public void onCall(RtmpSession session, CallRequest request) {
        events.add("call");
        calls.add(request);
        Consumer<CallRequest> answer = onCall;
        if (answer != null) {
            answer.accept(request);
        } else {
            RtmpController.super.onCall(session, request);
        }
    }
}
