package org.rtmp4j.examples;

import org.rtmp4j.core.message.DataMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.session.NetStream;
import org.rtmp4j.core.session.PublishRequest;
import org.rtmp4j.core.session.RtmpController;
import org.rtmp4j.core.session.RtmpSession;
import org.rtmp4j.core.session.ForwardingRtmpController;

/**
 * "Record and relay" by composition: every decision (connect, publish, play...) is the live controller's, and
 * what it accepted is also handed to a recorder ({@link RecordToFlv}). Media reaches the recorder only for
 * publishes the live controller accepted, because the library calls {@code onMetadata}/{@code onMedia} only on
 * publishing streams. Thread-safe if both controllers are.
 */
final class RecordingRelay extends ForwardingRtmpController {
    private final RtmpController recorder;

    RecordingRelay(RtmpController live, RtmpController recorder) {
        super(live);
        this.recorder = recorder;
    }

    /** Rejects names that cannot be file names (NetStream.Publish.BadName); otherwise the live controller decides. */
    @Override
    public void onPublish(RtmpSession session, PublishRequest request) {
        String app = session.app();
        if (SafeNames.isSafeApp(app) && SafeNames.isSafe(request.command().name())) {
            super.onPublish(session, request);
        } else {
            request.rejectBadName("app and stream name must be plain file names to be recorded");
        }
    }

    @Override
    public void onMetadata(RtmpSession session, NetStream stream, DataMessage metadata) {
        super.onMetadata(session, stream, metadata);
        recorder.onMetadata(session, stream, metadata);
    }

    @Override
    public void onMedia(RtmpSession session, NetStream stream, MediaMessage media) {
        super.onMedia(session, stream, media);
        recorder.onMedia(session, stream, media);
    }

    @Override
    public void onUnpublish(RtmpSession session, NetStream stream) {
        try {
            super.onUnpublish(session, stream);
        } finally {
            recorder.onUnpublish(session, stream);
        }
    }

    @Override
    public void onClose(RtmpSession session, Throwable causeOrNull) {
        try {
            super.onClose(session, causeOrNull);
        } finally {
            recorder.onClose(session, causeOrNull);
        }
    }
}
