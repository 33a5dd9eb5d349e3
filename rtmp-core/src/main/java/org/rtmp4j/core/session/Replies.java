package org.rtmp4j.core.session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Map;
import org.rtmp4j.core.message.AmfEncoding;
import org.rtmp4j.core.message.CommandMessage;

/**
 * The few command helpers the engines need beyond {@link org.rtmp4j.core.command.Commands}: an
 * arbitrary command (e.g. {@code onFCPublish}, a {@code play} with duration and reset) and a
 * lenient view of an information object.
 */
final class Replies {
    private Replies() {}

    /** A command with the given values (AMF0, timestamp 0). */
    static CommandMessage command(int streamId, String name, double transactionId, Object commandObject, Object... args) {
        return new CommandMessage(0, streamId, AmfEncoding.AMF0, name, transactionId, commandObject,
                new ArrayList<>(Arrays.asList(args)));
    }

    /** @return {@code o} if it is a map (AMF object or ECMA array), else an empty map */
    static Map<?, ?> asMap(Object o) {
        return o instanceof Map<?, ?> m ? m : Map.of();
    }
}
