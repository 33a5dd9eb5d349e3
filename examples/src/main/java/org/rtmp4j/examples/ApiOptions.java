package org.rtmp4j.examples;

import java.util.List;
import org.rtmp4j.examples.api.ApiAccess;
import org.rtmp4j.examples.api.ApiRoutes;
import org.rtmp4j.examples.api.Cidr;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.relay.Relays;
import org.rtmp4j.server.RtmpServer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code server}'s options for the HTTP API and {@code /metrics} (README "HTTP API and metrics"): on whenever
 * HTTP is, unless {@code --no-api}.
 */
final class ApiOptions {
    @Option(
            names = "--api-token",
            paramLabel = "TOKEN",
            defaultValue = "${env:RTMP_API_TOKEN}",
            description = "Bearer token that lets any address read and write through the HTTP API "
                    + "(Authorization: Bearer TOKEN; env RTMP_API_TOKEN). Without a token only --api-trusted addresses may call it.")
    String token;

    @Option(
            names = "--api-read-token",
            paramLabel = "TOKEN",
            defaultValue = "${env:RTMP_API_READ_TOKEN}",
            description = "Bearer token that lets any address read the HTTP API and /metrics, not DELETE (env RTMP_API_READ_TOKEN).")
    String readToken;

    @Option(
            names = "--api-trusted",
            paramLabel = "CIDR[,CIDR...]",
            defaultValue = "${env:RTMP_API_TRUSTED:-127.0.0.0/8,::1/128}",
            description = "Addresses that call the HTTP API without a token, e.g. 127.0.0.1,10.0.0.0/8 "
                    + "(env RTMP_API_TRUSTED; default: ${DEFAULT-VALUE}, loopback).")
    String trusted;

    @Option(names = "--no-api", description = "Do not serve /health, /api/v1/ and /metrics on the HTTP port.")
    boolean noApi;

    @Option(names = "--metrics-open", description = "Let any address scrape /metrics without a token.")
    boolean metricsOpen;

    /**
     * Mounts the routes unless {@code --no-api}.
     *
     * @return the routes to {@link ApiRoutes#attach} once the server started, or {@code null} with {@code --no-api}
     * @throws ParameterException for a bad address list or an empty token
     */
    ApiRoutes mount(LiveBroadcastController relay, RtmpServer.Builder builder, CommandSpec spec) {
        return mount(relay, null, builder, spec);
    }

    /**
     * Mounts the routes unless {@code --no-api}, with {@code /api/v1/relays} and the relay metrics.
     *
     * @param relays the server's relays, or {@code null} for none
     * @return the routes to {@link ApiRoutes#attach} once the server started, or {@code null} with {@code --no-api}
     * @throws ParameterException for a bad address list or an empty token
     */
    ApiRoutes mount(LiveBroadcastController relay, Relays relays, RtmpServer.Builder builder, CommandSpec spec) {
        if (noApi) {
            return null;
        }
        ApiAccess access;
        try {
            List<Cidr> ranges = trusted.isBlank() ? List.of() : Cidr.parseList(trusted);
            access = new ApiAccess(ranges, emptyToNull(token), emptyToNull(readToken));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--api-trusted: " + e.getMessage());
        }
        ApiRoutes routes = new ApiRoutes(relay, access, metricsOpen, relays);
        routes.mount(builder);
        return routes;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
