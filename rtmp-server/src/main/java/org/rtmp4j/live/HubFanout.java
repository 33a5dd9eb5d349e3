package org.rtmp4j.live;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one published message to a stream's live outputs: "encode once, write many"
 * (DESIGN-NOTES.md, "Merged writes", "The live hub"). Outputs still waiting for a keyframe are
 * skipped before anything is encoded for them. Outputs whose sink runs on the calling thread get
 * the message at once; the others are grouped by {@link MediaSink#executorKey()} and reached with
 * one posted task per thread carrying all of that thread's outputs, after {@link
 * MediaSink#prepare} made their encodings here. The slow-output decision is made per output on its
 * sink's thread ({@link Output#offerHere}). A failing output is logged at DEBUG and does not stop
 * the others.
 *
 * <p>Allocation per message: a group and a task per target thread; per output, nothing.
 */
final class HubFanout {
    private static final Logger log = LoggerFactory.getLogger(HubFanout.class);

    private HubFanout() {}

    /**
     * @param outputs the live outputs (a snapshot)
     * @param media the classified message
     * @return the number of tasks posted to other threads
     */
    static int fanOut(Output[] outputs, LiveMedia media) {
        List<Group> groups = null;
        for (Output o : outputs) {
            if (!o.admits(media.kind())) {
                continue;
            }
            MediaSink sink = o.sink;
            if (sink.inSinkThread()) {
                o.offerHere(media);
                continue;
            }
            try {
                sink.prepare(media);
            } catch (RuntimeException e) {
                log.debug("{} prepare failed: {}", o, e.toString());
                continue;
            }
            if (groups == null) {
                groups = new ArrayList<>(4);
            }
            groupFor(groups, sink.executorKey()).outputs.add(o);
        }
        if (groups == null) {
            return 0;
        }
        for (Group g : groups) {
            g.post(media);
        }
        return groups.size();
    }

    /** Sends {@code event} (not media) to each output on its sink's thread. */
    static void broadcast(Output[] outputs, RelayEvent event) {
        for (Output o : outputs) {
            o.deliver(event);
        }
    }

    private static Group groupFor(List<Group> groups, Object key) {
        for (int i = 0, n = groups.size(); i < n; i++) {
            Group g = groups.get(i);
            if (g.key == key) {
                return g;
            }
        }
        Group g = new Group(key);
        groups.add(g);
        return g;
    }

    /** The outputs whose sinks run on one thread. */
    private static final class Group {
        final Object key;
        final List<Output> outputs = new ArrayList<>(4);

        Group(Object key) {
            this.key = key;
        }

        void post(LiveMedia media) {
            Runnable task = () -> {
                for (int i = 0, n = outputs.size(); i < n; i++) {
                    outputs.get(i).offerHere(media);
                }
            };
            try {
                outputs.get(0).sink.execute(task);
            } catch (RuntimeException e) {
                log.debug("posting media to {} outputs failed: {}", outputs.size(), e.toString());
            }
        }
    }
}
