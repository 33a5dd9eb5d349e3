package org.rtmp4j.examples;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.relay.OnDemandEdge;
import org.rtmp4j.relay.OriginResolver;
import org.rtmp4j.relay.PullRelay;
import org.rtmp4j.relay.PullRelayFactory;
import org.rtmp4j.relay.PullUrls;
import org.rtmp4j.relay.RelayKind;
import org.rtmp4j.relay.Relays;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The {@code server} command's pull options (issue 15 §2): static pulls ({@code --pull}) and the on-demand
 * edge ({@code --origin}, {@code --origin-idle}); DESIGN-NOTES.md "Pull relays and on-demand edges".
 * {@link #install} also lets {@code POST /api/v1/relays} add pull relays.
 */
final class PullCliOptions {
    @Option(
            names = "--pull",
            paramLabel = "URL[=APP/KEY]",
            split = ",",
            defaultValue = "${env:RTMP_PULL}",
            description = "Keep rtmp://ORIGIN/APP/KEY live here as APP/KEY (or the name after =), reconnecting with backoff; repeatable (env RTMP_PULL, comma separated).")
    List<String> pulls = new ArrayList<>();

    @Option(
            names = "--origin",
            paramLabel = "URL",
            split = ",",
            defaultValue = "${env:RTMP_ORIGIN}",
            description = "Edge mode: a player asking for a key that is not live here makes the server pull ORIGIN/KEY from rtmp://ORIGIN/APP, the origins tried in order; repeatable (env RTMP_ORIGIN, comma separated).")
    List<String> origins = new ArrayList<>();

    @Option(
            names = "--origin-idle",
            paramLabel = "SECONDS",
            defaultValue = "${env:RTMP_ORIGIN_IDLE:-" + OnDemandEdge.DEFAULT_IDLE_SECONDS + "}",
            description = "Edge mode: close a pull this long after its last player left (env RTMP_ORIGIN_IDLE; default: ${DEFAULT-VALUE}).")
    double originIdleSeconds = OnDemandEdge.DEFAULT_IDLE_SECONDS;

    /**
     * Checks the options before anything starts.
     *
     * @param cl for the error messages
     * @throws ParameterException naming the malformed option
     */
    void validate(CommandLine cl) {
        for (String p : values(pulls)) {
            try {
                PullUrls.parsePull(p);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(cl, "--pull " + p + ": " + e.getMessage());
            }
        }
        for (String o : values(origins)) {
            try {
                PullUrls.parseOrigin(o);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(cl, "--origin " + o + ": " + e.getMessage());
            }
        }
        if (!(originIdleSeconds >= 0 && originIdleSeconds <= 86_400)) {
            throw new ParameterException(cl, "--origin-idle must be 0..86400 seconds: " + originIdleSeconds);
        }
    }

    /**
     * Registers the pull kind for the API, starts the static pulls and installs the edge.
     *
     * @param relays the server's relays
     * @param hub the live hub the pulls publish into
     * @return a hint line for the start banner, or {@code null} when no pull option was given
     */
    String install(Relays relays, LiveBroadcastController hub) {
        relays.register(RelayKind.PULL, new PullRelayFactory(hub));
        List<String> lines = new ArrayList<>();
        for (String p : values(pulls)) {
            PullUrls.PullSpec spec = PullUrls.parsePull(p);
            relays.add(PullRelay.start(relays, hub, List.of(spec.source()), spec.destination(),
                    org.rtmp4j.relay.Backoff.DEFAULT, Duration.ofSeconds(PullRelay.DEFAULT_HOLD_SECONDS)));
            lines.add("Pulling " + spec.source() + " as " + spec.destination().app() + "/" + spec.destination().name());
        }
        List<URI> originUrls = values(origins).stream().map(PullUrls::parseOrigin).toList();
        if (!originUrls.isEmpty()) {
            Duration idle = Duration.ofMillis(Math.round(originIdleSeconds * 1000));
            OnDemandEdge.install(hub, relays, OriginResolver.fixed(originUrls), idle);
            lines.add("Edge of " + originUrls + ": streams not live here are pulled on demand (closed "
                    + idle.toMillis() / 1000.0 + " s after their last player)");
        }
        return lines.isEmpty() ? null : String.join(System.lineSeparator(), lines);
    }

    /** The option's values without blanks (an empty environment default gives one empty value). */
    private static List<String> values(List<String> raw) {
        return raw == null ? List.of() : raw.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
