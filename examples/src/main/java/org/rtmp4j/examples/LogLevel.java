package org.rtmp4j.examples;

/** slf4j-simple log levels for {@code --log-level} / {@code RTMP_LOG_LEVEL}. */
enum LogLevel {
    TRACE,
    DEBUG,
    INFO,
    WARN,
    ERROR,
    OFF;

    /**
     * Makes this the default level of slf4j-simple. Only effective before the first logger is created, so
     * commands call it first, and no class of this package creates a logger in a static initializer that runs
     * earlier.
     */
    void apply() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", name().toLowerCase(java.util.Locale.ROOT));
    }
}
