package org.rtmp4j.live;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.command.StatusCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Push loop detection (DESIGN-NOTES.md "Push relays"): each hub has a random server id, made at construction. A
 * push relay marks its {@code connect} with the command-object property {@value #PROPERTY} (RTMP 1.0 §7.2.1.1
 * allows extra properties; other servers ignore it): the comma-separated ids of the servers the stream came
 * through, then this one's. A publish whose chain already holds this server's id is refused with {@code
 * NetStream.Publish.Rejected} (A pushes to B, B pushes the same stream back to A: A refuses B's publish), logged at
 * WARN once per stream name and at DEBUG after. A stream published here by anything else starts a chain.
 *
 * <p>Bounds: at most {@value #MAX_SERVERS} ids of at most {@value #MAX_ID_LENGTH} characters each are read from a
 * chain; a longer chain is refused as a loop too (it cannot come from a loop-free relay tree of that depth).
 *
 * <p>Thread-safety: thread-safe.
 */
public final class RelayChain {
    /** The {@code connect} command-object property that carries the chain. */
    public static final String PROPERTY = "rtmp4jVia";
    /** The most servers a chain may name. */
    public static final int MAX_SERVERS = 32;
    /** The longest server id read, in characters. */
    public static final int MAX_ID_LENGTH = 64;
    /** Stream names remembered as already logged at WARN; beyond it every refusal logs at WARN again. */
    static final int MAX_LOGGED = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(RelayChain.class);

    private final String serverId;
    private final LiveHub hub;
    private final Set<StreamKey> logged = ConcurrentHashMap.newKeySet();

    /**
     * @param hub the hub whose publishers' chains are read
     */
    RelayChain(LiveHub hub) {
        this(hub, newServerId());
    }

    RelayChain(LiveHub hub, String serverId) {
        this.hub = Objects.requireNonNull(hub, "hub");
        this.serverId = Objects.requireNonNull(serverId, "serverId");
    }

    private static String newServerId() {
        byte[] b = new byte[8];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** @return this server's id: 16 lower-case hex digits, random per hub */
    public String serverId() {
        return serverId;
    }

    /**
     * @param source a publisher
     * @return the server ids its stream came through, oldest first; empty for a publish that is not a relay's
     *     (or not over RTMP); at most {@value #MAX_SERVERS} + 1 entries (one more means "too long")
     */
    static List<String> chainOf(IngestSource source) {
        if (!(source instanceof RtmpIngestSource r)) {
            return List.of();
        }
        Object via = r.session().connectCommand().map(c -> c.commandObject().get(PROPERTY)).orElse(null);
        return via instanceof String s ? parse(s) : List.of();
    }

    /**
     * @param via the property's value
     * @return its ids, blank ones skipped, each cut at {@value #MAX_ID_LENGTH}; at most {@value #MAX_SERVERS} + 1
     */
    static List<String> parse(String via) {
        List<String> ids = new ArrayList<>();
        int start = 0;
        while (start <= via.length() && ids.size() <= MAX_SERVERS) {
            int comma = via.indexOf(',', start);
            int end = comma < 0 ? via.length() : comma;
            String id = via.substring(start, Math.min(end, start + MAX_ID_LENGTH)).strip();
            if (!id.isEmpty()) {
                ids.add(id);
            }
            start = end + 1;
        }
        return ids;
    }

    /**
     * The loop check of a publish, before any other decision.
     *
     * @param key the stream name
     * @param source who publishes
     * @return {@code null} to go on, or the {@code NetStream.Publish.Rejected} refusal of a loop
     */
    Status refusal(StreamKey key, IngestSource source) {
        List<String> chain = chainOf(source);
        if (!chain.contains(serverId) && chain.size() <= MAX_SERVERS) {
            return null;
        }
        String why = "relay loop: " + key + " already came through this server (" + serverId + ") via "
                + String.join(",", chain);
        boolean first = logged.size() >= MAX_LOGGED || logged.add(key);
        if (first) {
            LOG.warn("publish of {} by {} from {} refused: {}", key, source.id(), source.remoteAddress(), why);
        } else {
            LOG.debug("publish of {} by {} refused: {}", key, source.id(), why);
        }
        return Status.error(StatusCodes.PUBLISH_REJECTED, why);
    }

    /**
     * The value of {@value #PROPERTY} for a push of a local stream: the chain its publisher came through, then
     * this server's id.
     *
     * @param key the local stream pushed
     * @return e.g. {@code 3f09a1c2d4e5b6a7,9b8c7d6e5f4a3b2c}
     */
    public String outgoing(StreamKey key) {
        IngestSource source = hub.streams.get(Objects.requireNonNull(key, "key"))
                .map(LiveStream::publisherSource).orElse(null);
        List<String> chain = new ArrayList<>(source == null ? List.of() : chainOf(source));
        chain.add(serverId);
        return String.join(",", chain);
    }

    /**
     * @param key the local stream pushed
     * @param properties the push's other connect properties
     * @return a copy of {@code properties} with {@value #PROPERTY} set to {@link #outgoing(StreamKey)}
     */
    public Map<String, Object> connectProperties(StreamKey key, Map<String, Object> properties) {
        Map<String, Object> out = new LinkedHashMap<>(properties);
        out.put(PROPERTY, outgoing(key));
        return out;
    }
}
