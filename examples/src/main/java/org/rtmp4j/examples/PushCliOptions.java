package org.rtmp4j.examples;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.rtmp4j.core.session.OutboundLimits;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.relay.Backoff;
import org.rtmp4j.relay.PushOptions;
import org.rtmp4j.relay.PushRelays;
import org.rtmp4j.relay.PushRule;
import org.rtmp4j.relay.Relays;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The {@code server} command's push relay options (issue 15 §1; README "Push relays"): static {@code --push}
 * rules in {@link PushRule}'s grammar and the bounds every push shares. Push relays added through
 * {@code POST /api/v1/relays} are enabled whatever these say.
 */
final class PushCliOptions {
    @Option(
            names = "--push",
            paramLabel = "RULE",
            split = ",",
            defaultValue = "${env:RTMP_PUSH}",
            description = "Also publish streams to another server: rtmp://HOST/APP pushes every stream to rtmp://HOST/APP/KEY; "
                    + "APPGLOB/KEYGLOB=URL pushes the streams matching the globs (* = anything) to URL, where {app} and {key} "
                    + "are replaced, e.g. 'live/*=rtmp://host/app/{key}'. Repeatable; commas separate rules (env RTMP_PUSH).")
    List<String> rules = new ArrayList<>();

    @Option(
            names = "--push-max-queue",
            paramLabel = "KIB",
            defaultValue = "${env:RTMP_PUSH_MAX_QUEUE:-16384}",
            description = "KiB a push may queue towards a slow destination before it reconnects; above a quarter of it (at most "
                    + "2 MiB) video is dropped to the next keyframe (env RTMP_PUSH_MAX_QUEUE; default: ${DEFAULT-VALUE}).")
    int maxQueueKib;

    @Option(
            names = "--push-retry-max",
            paramLabel = "SECONDS",
            defaultValue = "${env:RTMP_PUSH_RETRY_MAX:-30}",
            description = "Longest wait between reconnects of a push; waits start at 0.5 s and double (env RTMP_PUSH_RETRY_MAX; "
                    + "default: ${DEFAULT-VALUE}).")
    int retryMaxSeconds;

    @Option(
            names = "--push-timeout",
            paramLabel = "SECONDS",
            defaultValue = "${env:RTMP_PUSH_TIMEOUT:-10}",
            description = "Bound on a push's TCP connect and RTMP handshake with connect, and how long a destination may leave "
                    + "queued bytes unread before the push reconnects: twice this (env RTMP_PUSH_TIMEOUT; default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    /**
     * @param cl the command line, for usage errors
     * @return the parsed rules
     * @throws ParameterException for a malformed rule or an out-of-range bound
     */
    List<PushRule> parseRules(CommandLine cl) {
        List<PushRule> parsed = new ArrayList<>();
        for (String r : rules) {
            if (r.isBlank()) {
                continue; // an empty RTMP_PUSH, or a trailing comma
            }
            try {
                parsed.add(PushRule.parse(r));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(cl, "--push: " + e.getMessage());
            }
        }
        return parsed;
    }

    /**
     * @param cl the command line, for usage errors
     * @return the settings these options describe
     * @throws ParameterException for an out-of-range bound
     */
    PushOptions options(CommandLine cl) {
        if (maxQueueKib < 64 || maxQueueKib > 4 * 1024 * 1024) {
            throw new ParameterException(cl, "--push-max-queue must be 64..4194304 KiB: " + maxQueueKib);
        }
        if (retryMaxSeconds < 1 || retryMaxSeconds > 86_400) {
            throw new ParameterException(cl, "--push-retry-max must be 1..86400 seconds: " + retryMaxSeconds);
        }
        if (timeoutSeconds < 1 || timeoutSeconds > 3600) {
            throw new ParameterException(cl, "--push-timeout must be 1..3600 seconds: " + timeoutSeconds);
        }
        long cap = maxQueueKib * 1024L;
        long high = Math.min(OutboundLimits.DEFAULT.highWatermark(), cap / 4);
        long low = Math.min(OutboundLimits.DEFAULT.lowWatermark(), high / 4);
        Backoff backoff = new Backoff(Backoff.DEFAULT.initial(),
                Duration.ofSeconds(retryMaxSeconds).compareTo(Backoff.DEFAULT.initial()) < 0 ? Backoff.DEFAULT.initial()
                        : Duration.ofSeconds(retryMaxSeconds),
                Backoff.DEFAULT.jitter(), Backoff.DEFAULT.maxRetries());
        PushOptions d = PushOptions.DEFAULT;
        return d.withLimits(new OutboundLimits(low, high, cap, OutboundLimits.DropPolicy.DROP_TO_NEXT_KEYFRAME))
                .withBackoff(backoff)
                .withClient(d.client().withTimeout(Duration.ofSeconds(timeoutSeconds)))
                .withStallTimeout(Duration.ofSeconds(2L * timeoutSeconds));
    }

    /**
     * Installs the push relays: the static rules, and the push kind for {@code POST /api/v1/relays}.
     *
     * @param relays the server's relays
     * @param hub the live hub
     * @param cl the command line, for usage errors
     * @return the installed push relays
     * @throws ParameterException for a malformed option
     */
    PushRelays install(Relays relays, LiveBroadcastController hub, CommandLine cl) {
        return PushRelays.install(relays, hub, parseRules(cl), options(cl));
    }
}
