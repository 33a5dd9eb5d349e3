package org.rtmp4j.core.session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.rtmp4j.core.command.ReconnectRequest;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.message.CommandMessage;
import org.rtmp4j.core.message.DataMessage;
import org.rtmp4j.core.message.MediaMessage;

/** A {@link ClientListener} that records everything it is told. */
final class RecordingListener implements ClientListener {
    /** An onStatus with its message stream id. */
    record StreamStatus(int streamId, Status status) {}

    final BlockingQueue<StreamStatus> statuses = new LinkedBlockingQueue<>();
    final BlockingQueue<MediaMessage> media = new LinkedBlockingQueue<>();
    final BlockingQueue<DataMessage> data = new LinkedBlockingQueue<>();
    final BlockingQueue<CommandMessage> commands = new LinkedBlockingQueue<>();
    final BlockingQueue<ReconnectRequest> reconnects = new LinkedBlockingQueue<>();
    final List<Throwable> closes = new ArrayList<>();
    int closeCount;

    @Override
    public void onStatus(int streamId, Status status) {
        statuses.add(new StreamStatus(streamId, status));
    }

    @Override
    public void onReconnectRequest(ReconnectRequest request) {
        reconnects.add(request);
    }

    @Override
    public void onMedia(int streamId, MediaMessage m) {
        media.add(m);
    }

    @Override
    public void onData(int streamId, DataMessage d) {
        data.add(d);
    }

    @Override
    public void onCommand(CommandMessage command) {
        commands.add(command);
    }

    @Override
    public void onClose(Throwable causeOrNull) {
        closeCount++;
        closes.add(causeOrNull);
    }

    /** @return the status codes received, in order */
    List<String> codes() {
        List<String> out = new ArrayList<>();
        for (StreamStatus s : statuses) {
            out.add(s.status().code());
        }
        return out;
    }
}
