package org.rtmp4j.examples;

import java.net.URI;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Command-line checks for RTMP URLs. */
final class Urls {
    private Urls() {}

    /**
     * Requires {@code rtmp://HOST[:PORT]/APP/KEY} or {@code rtmps://HOST[:PORT]/APP/KEY}.
     *
     * @throws ParameterException (a usage error, exit code 2) otherwise
     */
    static void requireRtmp(CommandLine cmd, URI url) {
        String path = url.getPath() == null ? "" : url.getPath();
        boolean ok = ("rtmp".equalsIgnoreCase(url.getScheme()) || "rtmps".equalsIgnoreCase(url.getScheme()))
                && url.getHost() != null
                && path.lastIndexOf('/') > 0
                && path.lastIndexOf('/') < path.length() - 1;
        if (!ok) {
            throw new ParameterException(cmd, "Expected rtmp://HOST[:PORT]/APP/KEY or rtmps://..., got: " + url);
        }
    }
}
