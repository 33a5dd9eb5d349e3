package org.rtmp4j.examples;

import java.nio.file.Path;
import org.rtmp4j.core.session.ForwardingRtmpController;
import org.rtmp4j.core.session.PublishRequest;
import org.rtmp4j.core.session.RtmpSession;
import org.rtmp4j.live.LiveBroadcastController;

/**
 * "Record and relay" ({@code server --record-dir}): every decision (connect, publish, play...) is the live
 * relay's, and every publish it accepts, from any input (RTMP, HTTP-FLV upload), is recorded by a {@link
 * HubRecorder}, an output of the relay's hub. This controller only refuses RTMP publishes whose names cannot be
 * file names. Thread-safe.
 */
final class RecordingRelay extends ForwardingRtmpController {
    RecordingRelay(LiveBroadcastController live, Path dir, RecordMode mode) {
        super(live);
        HubRecorder.attach(live, dir, mode);
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
}
