package org.rtmp4j.core.session;

import java.util.ArrayList;
import java.util.Arrays;
import org.rtmp4j.core.message.AmfEncoding;
import org.rtmp4j.core.message.CommandMessage;

/** Arbitrary commands for scenario tests, including malformed or unusual ones the builders don't make. */
final class TestCommands {
    private TestCommands() {}

    /** A command with the given values (AMF0, timestamp 0). */
    static CommandMessage command(int streamId, String name, double transactionId, Object commandObject, Object... args) {
        return new CommandMessage(0, streamId, AmfEncoding.AMF0, name, transactionId, commandObject,
                new ArrayList<>(Arrays.asList(args)));
    }
}
