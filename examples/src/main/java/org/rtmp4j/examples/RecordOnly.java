package org.rtmp4j.examples;

import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.session.PlayRequest;
import org.rtmp4j.core.session.PublishRequest;
import org.rtmp4j.core.session.RtmpController;
import org.rtmp4j.core.session.RtmpSession;
import org.rtmp4j.live.ForwardingRtmpController;
import org.rtmp4j.live.LiveBroadcastController;

/**
 * The {@code record} command's answers for what a recorder cannot do, in front of {@link RecordToFlv}: a play
 * (RTMP 1.0 §7.2.2.1) gets {@code NetStream.Play.Failed} with {@value #NO_PLAYBACK} instead of
 * {@code Play.Start} and silence, and a publish with an empty stream key {@code NetStream.Publish.BadName}
 * with {@value LiveBroadcastController#EMPTY_STREAM_KEY}, as the live relay answers. Stateless and
 * thread-safe.
 */
final class RecordOnly extends ForwardingRtmpController {
    /** The description of the refused play. */
    static final String NO_PLAYBACK = "this server only records; it has no playback";

    /** @param recorder decides publishes and records them */
    RecordOnly(RtmpController recorder) {
        super(recorder);
    }

    @Override
    public void onPublish(RtmpSession session, PublishRequest request) {
        if (request.command().name().isEmpty()) {
            request.reject(Status.error(StatusCodes.PUBLISH_BAD_NAME, LiveBroadcastController.EMPTY_STREAM_KEY));
        } else {
            super.onPublish(session, request);
        }
    }

    @Override
    public void onPlay(RtmpSession session, PlayRequest request) {
        request.reject(Status.error(StatusCodes.PLAY_FAILED, NO_PLAYBACK));
    }
}
