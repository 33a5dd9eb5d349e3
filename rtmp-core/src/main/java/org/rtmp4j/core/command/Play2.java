package org.rtmp4j.core.command;

import java.util.Map;
import org.rtmp4j.core.message.CommandMessage;

/**
 * Typed view of {@code play2} (RTMP 1.0 §7.2.2.2): {@code "play2", 0, null, parameters}, where
 * parameters is an object with the public properties of ActionScript's {@code
 * NetStreamPlayOptions}. Used to switch bit rates without changing the timeline. Immutable.
 *
 * @param streamName the stream to play (property {@code streamName}) without any query string
 * @param query the part of {@code streamName} after {@code ?}, or {@code ""}
 * @param oldStreamName the stream being replaced (property {@code oldStreamName}), or {@code ""}
 * @param start start in seconds (property {@code start}): -2 live or recorded (default), -1 live
 *     only, ≥ 0 recorded from there
 * @param len seconds to play (property {@code len}): -1 all (default), 0 one frame, > 0 that long
 * @param transition the transition mode (property {@code transition}), e.g. {@code switch}, {@code
 *     swap}, {@code stop}, {@code reset}, {@code append}, {@code appendAndWait}; {@code ""} if absent
 */
public record Play2(String streamName, String query, String oldStreamName, double start, double len, String transition) {

    /**
     * Reads the parameters object (argument 0; an AMF0 object, ECMA array or AMF3 object). {@code
     * streamName} is required; {@code oldStreamName} and {@code transition} default to {@code ""},
     * {@code start} to -2 and {@code len} to -1 when absent.
     *
     * @param message the decoded command
     * @return the view
     * @throws org.rtmp4j.core.RtmpProtocolException if the parameters object is missing or not an
     *     object, {@code streamName} is missing or not a string, {@code oldStreamName} or {@code
     *     transition} is present but not a string, or {@code start} or {@code len} is present but
     *     not a number
     */
    public static Play2 from(CommandMessage message) {
        Map<String, Object> p = CommandArgs.requireObject(message, 0, "parameters");
        Object name = p.get("streamName");
        if (!(name instanceof String s)) {
            throw CommandArgs.malformed(message, "parameters.streamName is " + CommandArgs.describe(name)
                    + ", expected a string");
        }
        String[] nq = CommandArgs.splitQuery(s);
        return new Play2(nq[0], nq[1],
                optionalString(message, p, "oldStreamName"),
                optionalNumber(message, p, "start", Play.DEFAULT_START),
                optionalNumber(message, p, "len", Play.DEFAULT_DURATION),
                optionalString(message, p, "transition"));
    }

    private static String optionalString(CommandMessage m, Map<String, Object> p, String key) {
        Object v = p.get(key);
        if (v == null) {
            return "";
        }
        if (!(v instanceof String s)) {
            throw CommandArgs.malformed(m, "parameters." + key + " is " + CommandArgs.describe(v) + ", expected a string");
        }
        return s;
    }

    private static double optionalNumber(CommandMessage m, Map<String, Object> p, String key, double def) {
        Object v = p.get(key);
        if (v == null) {
            return def;
        }
        if (!(v instanceof Number n)) {
            throw CommandArgs.malformed(m, "parameters." + key + " is " + CommandArgs.describe(v) + ", expected a number");
        }
        return n.doubleValue();
    }
}
