package org.rtmp4j.live;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber snapshot of a stream ({@code Output[]}, replaced whenever an output joins or
 * leaves) arranged for the fan-out once, instead of once per message (DESIGN-NOTES.md, "Cheaper
 * players (issue 17)"):
 *
 * <ul>
 *   <li><b>groups</b>: the outputs by {@link MediaSink#executorKey()} (equal by {@code ==}, so one
 *       thread), in subscription order; per message a group is either served inline (its thread is
 *       the caller's) or reached with one posted task carrying the group's array;</li>
 *   <li><b>preparers</b>: one output per distinct encoding (an RTMP chunk size and message stream id;
 *       FLV and fMP4 sinks share one per message), so {@link MediaSink#prepare} runs once per
 *       encoding per message, not once per output.</li>
 * </ul>
 *
 * <p>Per message nothing is allocated per output: the group's array itself is posted unless an
 * output of it is still waiting for a keyframe (or its encoding failed), and then one filtered copy.
 *
 * <p>Thread-safety: immutable; {@link #fanOut} runs on the publisher's thread.
 */
final class FanoutPlan {
    private static final Logger log = LoggerFactory.getLogger(FanoutPlan.class);
    /** Preparer slots past this index are not tracked for failure (their outputs always get the message). */
    private static final int TRACKED = 64;

    final Output[] outputs;
    private final Output[][] groups;
    /** Per group, per member: the index of its encoding's preparer. */
    private final int[][] slots;
    private final Output[] preparers;

    private FanoutPlan(Output[] outputs, Output[][] groups, int[][] slots, Output[] preparers) {
        this.outputs = outputs;
        this.groups = groups;
        this.slots = slots;
        this.preparers = preparers;
    }

    /** @param outputs a subscriber snapshot; @return its plan (O(outputs), made once per snapshot) */
    static FanoutPlan of(Output[] outputs) {
        Map<Object, Integer> groupOf = new IdentityHashMap<>();
        List<List<Output>> members = new ArrayList<>();
        List<List<Integer>> memberSlots = new ArrayList<>();
        Map<Object, Integer> slotOf = new HashMap<>();
        List<Output> preparers = new ArrayList<>();
        for (Output o : outputs) {
            Integer g = groupOf.get(o.executorKey);
            if (g == null) {
                g = members.size();
                groupOf.put(o.executorKey, g);
                members.add(new ArrayList<>());
                memberSlots.add(new ArrayList<>());
            }
            Object encoding = encodingKey(o.sink);
            Integer slot = slotOf.get(encoding);
            if (slot == null) {
                slot = preparers.size();
                slotOf.put(encoding, slot);
                preparers.add(o);
            }
            members.get(g).add(o);
            memberSlots.get(g).add(slot);
        }
        Output[][] groups = new Output[members.size()][];
        int[][] slots = new int[members.size()][];
        for (int g = 0; g < groups.length; g++) {
            groups[g] = members.get(g).toArray(new Output[0]);
            slots[g] = memberSlots.get(g).stream().mapToInt(Integer::intValue).toArray();
        }
        return new FanoutPlan(outputs, groups, slots, preparers.toArray(new Output[0]));
    }

    /**
     * What {@link MediaSink#prepare} depends on besides the message: outputs with equal keys need
     * the same encoding, so one of them prepares it for all. Unknown sinks are their own key.
     */
    private static Object encodingKey(MediaSink sink) {
        if (sink instanceof RtmpSink r) {
            return r.encodingKey();
        }
        if (sink instanceof FlvSink || sink instanceof Fmp4Sink) {
            return sink.getClass(); // one FLV tag per message; fMP4 prepares nothing
        }
        return sink;
    }

    /** @return the number of groups */
    int groups() {
        return groups.length;
    }

    /** @return the number of distinct encodings prepared per message */
    int preparers() {
        return preparers.length;
    }

    /**
     * Prepares each distinct encoding, posts one task per other thread, then serves the caller's
     * own thread's outputs (so the other threads start while this one works).
     *
     * @param media the classified message
     * @return the number of tasks posted to other threads
     */
    int fanOut(LiveMedia media) {
        long failed = 0;
        for (int i = 0; i < preparers.length; i++) {
            Output o = preparers[i];
            try {
                o.sink.prepare(media);
            } catch (RuntimeException e) {
                log.debug("{} prepare failed: {}", o, e.toString());
                if (i < TRACKED) {
                    failed |= 1L << i;
                }
            }
        }
        MediaKind kind = media.kind();
        int posted = 0;
        boolean inline = false;
        for (int g = 0; g < groups.length; g++) {
            Output[] members = groups[g];
            if (members[0].sink.inSinkThread()) {
                inline = true; // served below, after the other threads got their tasks
                continue;
            }
            Output[] admitted = admitted(members, slots[g], kind, failed);
            if (admitted != null) {
                post(admitted, media);
                posted++;
            }
        }
        for (int g = 0; inline && g < groups.length; g++) {
            Output[] members = groups[g];
            if (members[0].sink.inSinkThread()) { // usually one group (the caller's loop); sinks without a thread of their own are each one
                Output[] admitted = admitted(members, slots[g], kind, failed);
                if (admitted != null) {
                    for (Output o : admitted) {
                        o.offerHere(media);
                    }
                }
            }
        }
        return posted;
    }

    /**
     * Asks each member's join wait once ({@link Output#admits} ends it at a keyframe).
     *
     * @return {@code members} when all pass, else a copy of those that pass, or {@code null} for none
     */
    private static Output[] admitted(Output[] members, int[] slots, MediaKind kind, long failed) {
        Output[] out = null;
        int n = 0;
        for (int i = 0; i < members.length; i++) {
            Output o = members[i];
            boolean pass = o.admits(kind) && (failed == 0 || slots[i] >= TRACKED || (failed & (1L << slots[i])) == 0);
            if (out == null) {
                if (!pass) {
                    out = new Output[members.length - 1];
                    System.arraycopy(members, 0, out, 0, i);
                    n = i;
                }
            } else if (pass) {
                out[n++] = o;
            }
        }
        if (out == null) {
            return members;
        }
        if (n == 0) {
            return null;
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private static void post(Output[] outputs, LiveMedia media) {
        try {
            outputs[0].sink.execute(new Delivery(outputs, media));
        } catch (RuntimeException e) {
            log.debug("posting media to {} outputs failed: {}", outputs.length, e.toString());
        }
    }

    /** One message to the outputs of one thread, run there. */
    private record Delivery(Output[] outputs, LiveMedia media) implements Runnable {
        @Override
        public void run() {
            for (Output o : outputs) {
                o.offerHere(media);
            }
        }
    }
}
