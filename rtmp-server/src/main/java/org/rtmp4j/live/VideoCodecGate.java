package org.rtmp4j.live;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The E-RTMP video FourCC of each track of one stream, which decides which players may play it
 * (E-RTMP v2, "Enhancing NetConnection connect Command": a player must list the FourCC in its
 * {@code fourCcList}). Only well-formed video reaches it ({@link MediaClassifier#classify}):
 *
 * <ul>
 *   <li>A sequence header configures its track: an E-RTMP one sets the track's FourCC, a legacy one
 *       (FLV 10.1 §E.4.3.1, track 0) clears it, since every player may play legacy codecs.</li>
 *   <li>Other ExHeader video names the FourCC of a track no sequence header has configured yet (a
 *       publisher whose only sequence start was ffmpeg's empty placeholder, which is not
 *       well-formed): a stray frame cannot change a configured track.</li>
 * </ul>
 *
 * <p>Not thread-safe: {@link LiveStream} guards it with its lock.
 */
final class VideoCodecGate {
    private final TreeMap<Integer, String> fourCcs = new TreeMap<>();
    private final Set<Integer> configured = new HashSet<>(2);

    /**
     * @param byTrack track id to FourCC of a well-formed sequence header; empty for a legacy one
     * @return whether a FourCC was added or changed (players must be checked again)
     */
    boolean onSequenceHeader(Map<Integer, String> byTrack) {
        if (byTrack.isEmpty()) {
            configured.add(0);
            fourCcs.remove(0);
            return false;
        }
        boolean changed = false;
        for (Map.Entry<Integer, String> e : byTrack.entrySet()) {
            configured.add(e.getKey());
            changed |= !e.getValue().equals(fourCcs.put(e.getKey(), e.getValue()));
        }
        return changed;
    }

    /**
     * @param byTrack track id to FourCC of other well-formed ExHeader video
     * @return whether a FourCC was added (players must be checked again)
     */
    boolean onFrame(Map<Integer, String> byTrack) {
        boolean changed = false;
        for (Map.Entry<Integer, String> e : byTrack.entrySet()) {
            if (!configured.contains(e.getKey()) && !fourCcs.containsKey(e.getKey())) {
                fourCcs.put(e.getKey(), e.getValue());
                changed = true;
            }
        }
        return changed;
    }

    /** @return the first of the stream's FourCCs {@code s} does not accept, or {@code null} */
    String refused(Output s) {
        for (String fourCc : fourCcs.values()) {
            if (!s.accepts(fourCc)) {
                return fourCc;
            }
        }
        return null;
    }

    /** @return the FourCC of the lowest track, or {@code null} when it is legacy or unknown */
    String primary() {
        return fourCcs.isEmpty() ? null : fourCcs.firstEntry().getValue();
    }

    /** Forgets everything (a new publisher). */
    void clear() {
        fourCcs.clear();
        configured.clear();
    }
}
