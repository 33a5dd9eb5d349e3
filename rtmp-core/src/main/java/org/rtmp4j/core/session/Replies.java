package org.rtmp4j.core.session;

import java.util.Map;

/** A lenient view of an AMF information object for the engines; commands come from {@link org.rtmp4j.core.command.Commands}. */
final class Replies {
    private Replies() {}

    /** @return {@code o} if it is a map (AMF object or ECMA array), else an empty map */
    static Map<?, ?> asMap(Object o) {
        return o instanceof Map<?, ?> m ? m : Map.of();
    }
}
