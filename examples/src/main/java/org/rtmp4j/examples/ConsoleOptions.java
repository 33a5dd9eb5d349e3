package org.rtmp4j.examples;

import org.rtmp4j.examples.console.ConsoleRoutes;
import org.rtmp4j.server.RtmpServer;
import picocli.CommandLine.Option;

/**
 * {@code server}'s option for the web console (README "Web console"): served at {@code /} whenever HTTP is, unless
 * {@code --no-console}.
 */
final class ConsoleOptions {
    @Option(names = "--no-console", description = "Do not serve the web console (/, /index.html, /web/) on the HTTP port.")
    boolean noConsole;

    /**
     * Mounts the console's routes unless {@code --no-console}; call it after the stream routes, so a stream of an
     * app named {@code web} stays playable.
     *
     * @return the routes, or {@code null} with {@code --no-console}
     */
    ConsoleRoutes mount(RtmpServer.Builder builder) {
        if (noConsole) {
            return null;
        }
        ConsoleRoutes routes = new ConsoleRoutes();
        routes.mount(builder);
        return routes;
    }
}
