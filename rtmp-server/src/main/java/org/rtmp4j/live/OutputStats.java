package org.rtmp4j.live;

/**
 * The hub's counters for one output of any kind (RTMP player, FLV subscriber, recorder), kept by
 * the one slow-output policy ({@code OutputGate}).
 *
 * @param messagesSent audio and video messages handed to the sink
 * @param droppedVideo video messages dropped because the output was slow
 * @param droppedAudio audio messages dropped because the output was slow
 * @param keyframeWaits how many times congestion made it wait for the next keyframe
 * @param peakQueuedBytes the largest {@link MediaSink#queuedBytes()} seen at a decision, bytes
 * @param closedForOverflow whether it was closed for passing the hard cap
 * @param bytesSent payload bytes of the audio and video messages handed to the sink (the FLV tag
 *     body or RTMP message payload, without the wire format's headers)
 */
public record OutputStats(long messagesSent, long droppedVideo, long droppedAudio, long keyframeWaits,
        long peakQueuedBytes, boolean closedForOverflow, long bytesSent) {
    /**
     * The counters without {@code bytesSent} (0).
     *
     * @param messagesSent audio and video messages handed to the sink
     * @param droppedVideo video messages dropped
     * @param droppedAudio audio messages dropped
     * @param keyframeWaits congestion waits for a keyframe
     * @param peakQueuedBytes the largest queue seen, bytes
     * @param closedForOverflow whether it was closed for passing the hard cap
     */
    public OutputStats(long messagesSent, long droppedVideo, long droppedAudio, long keyframeWaits,
            long peakQueuedBytes, boolean closedForOverflow) {
        this(messagesSent, droppedVideo, droppedAudio, keyframeWaits, peakQueuedBytes, closedForOverflow, 0);
    }

    /** @return dropped audio and video messages */
    public long droppedMessages() {
        return droppedVideo + droppedAudio;
    }
}
