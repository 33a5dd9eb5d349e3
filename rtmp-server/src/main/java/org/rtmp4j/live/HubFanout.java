package org.rtmp4j.live;

/**
 * Sends one published message to a stream's live outputs: "encode once, write many"
 * (DESIGN-NOTES.md, "Merged writes", "The live hub", "Cheaper players (issue 17)"). Outputs still
 * waiting for a keyframe are skipped before anything is encoded for them. The subscriber snapshot is
 * arranged once into a {@link FanoutPlan} (outputs grouped by {@link MediaSink#executorKey()}, one
 * {@link MediaSink#prepare} per distinct encoding), reused until the snapshot changes. Each other
 * thread gets one posted task carrying all of its outputs; the caller's own thread's outputs get the
 * message at once, after the posts. The slow-output decision is made per output on its sink's thread
 * ({@link Output#offerHere}). A failing output is logged at DEBUG and does not stop the others.
 *
 * <p>Allocation per message: a task per target thread; per output, nothing.
 *
 * <p>Thread-safety: {@link #fanOut} on the publisher's thread (one call at a time per instance; a
 * racing caller would at worst rebuild the plan).
 */
final class HubFanout {
    private FanoutPlan plan;

    /**
     * @param outputs the live outputs (a snapshot; the same array until an output joins or leaves)
     * @param media the classified message
     * @return the number of tasks posted to other threads
     */
    int fanOut(Output[] outputs, LiveMedia media) {
        FanoutPlan p = plan;
        if (p == null || p.outputs != outputs) {
            p = FanoutPlan.of(outputs);
            plan = p;
        }
        return p.fanOut(media);
    }

    /** Sends {@code event} (not media) to each output on its sink's thread. */
    static void broadcast(Output[] outputs, RelayEvent event) {
        for (Output o : outputs) {
            o.deliver(event);
        }
    }
}
