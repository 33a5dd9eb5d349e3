package org.rtmp4j.core.command;

import org.rtmp4j.core.RtmpProtocolException;
import org.rtmp4j.core.message.CommandMessage;

/** Shared argument access for the typed command views. Stateless. */
final class CommandArgs {
    private CommandArgs() {}

    /** @return argument {@code index} as a string; @throws RtmpProtocolException if absent or not a string */
    static String requireString(CommandMessage m, int index, String what) {
        Object v = m.argument(index);
        if (!(v instanceof String s)) {
            throw malformed(m, what + " (argument " + index + ") is " + describe(v) + ", expected a string");
        }
        return s;
    }

    /** @return argument {@code index} as a number; @throws RtmpProtocolException if absent or not a number */
    static double requireNumber(CommandMessage m, int index, String what) {
        Object v = m.argument(index);
        if (!(v instanceof Number n)) {
            throw malformed(m, what + " (argument " + index + ") is " + describe(v) + ", expected a number");
        }
        return n.doubleValue();
    }

    /** @return argument {@code index} as a number, or {@code def} when absent or not a number */
    static double optionalNumber(CommandMessage m, int index, double def) {
        return m.argument(index) instanceof Number n ? n.doubleValue() : def;
    }

    /** @return {@code [name, query]}: the parts before and after the first {@code ?}; query {@code ""} if none */
    static String[] splitQuery(String nameAndQuery) {
        int q = nameAndQuery.indexOf('?');
        return q < 0
                ? new String[] {nameAndQuery, ""}
                : new String[] {nameAndQuery.substring(0, q), nameAndQuery.substring(q + 1)};
    }

    static RtmpProtocolException malformed(CommandMessage m, String reason) {
        return new RtmpProtocolException(-1, "command message: '" + m.name() + "' " + reason);
    }

    static String describe(Object v) {
        return v == null ? "missing or null" : v.getClass().getSimpleName();
    }
}
