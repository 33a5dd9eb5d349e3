package org.rtmp4j.examples;

import picocli.CommandLine.Option;

/** The {@code --record-mode} option shared by {@code server} and {@code record}. */
final class RecordModeOption {
    @Option(
            names = "--record-mode",
            paramLabel = "MODE",
            defaultValue = "${env:RTMP_RECORD_MODE:-unique}",
            description = "When a stream key is published again: unique (a new KEY-yyyyMMdd-HHmmss.flv, UTC, per publish; "
                    + "never overwrites), append (continue KEY.flv if the codecs match, else a unique name) or "
                    + "overwrite (replace KEY.flv) (env RTMP_RECORD_MODE; default: ${DEFAULT-VALUE}).")
    RecordMode mode = RecordMode.UNIQUE;
}
