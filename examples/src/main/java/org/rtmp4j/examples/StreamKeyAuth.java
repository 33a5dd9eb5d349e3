package org.rtmp4j.examples;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.live.IngestSource;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.LiveOptions;
import org.rtmp4j.live.StreamKey;
import org.rtmp4j.relay.PullRelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stream key authorisation (an example relay): the live relay with one {@link #authorizePublish}
 * override, the publish decision every input goes through (an RTMP {@code publish}, RTMP 1.0
 * §7.2.2.6, and an HTTP-FLV upload alike). A publish goes on only if
 * <ul>
 *   <li>its publishing name (the stream key, without query string) is listed in the keys file, or</li>
 *   <li>the configured token is a {@code token} parameter of the publisher's query ({@link
 *       IngestSource#query()}: for RTMP the publish name's query {@code KEY?token=SECRET} and the
 *       connect query {@code rtmp://host/live?token=SECRET}; for HTTP {@code POST
 *       /live/KEY.flv?token=SECRET}).</li>
 * </ul>
 * Anything else is refused with level {@code error}, code {@value #REJECTED_CODE} and description
 * {@value #REJECTED_DESCRIPTION} (RTMP: as {@code onStatus}, the connection stays open and the client
 * may retry with another key; HTTP: {@code 403}), and an INFO line names the peer's address, app and
 * key (never the query), for fail2ban-style tools. Pull relays ({@link PullRelay#PROTOCOL}: the
 * operator's {@code --pull}, {@code --origin} or API relays) publish without a key. Playing is not restricted here; {@link
 * #authorizePlay} is the same kind of hook for players of every protocol.
 *
 * <p>Keys file: UTF-8, one key per line; blank lines and lines starting with {@code #} are ignored,
 * surrounding spaces trimmed. It is read at construction and read again at the next publish after
 * its modification time or size changes; if it becomes unreadable, every key-based publish is
 * refused (fail closed) until it can be read. Tokens are compared in constant time.
 *
 * <p>Thread-safety: thread-safe; one instance may serve every session.
 */
public final class StreamKeyAuth extends LiveBroadcastController {
    /** The status code of a refused publish. */
    public static final String REJECTED_CODE = StatusCodes.PUBLISH_REJECTED;
    /** The status description of a refused publish. */
    public static final String REJECTED_DESCRIPTION = "invalid stream key";

    private static final Logger log = LoggerFactory.getLogger(StreamKeyAuth.class);

    private final Path keysFile;
    private final byte[] token;
    private Set<String> keys = Set.of();
    private FileTime keysModified;
    private long keysSize = -1;

    /**
     * @param options the relay's settings
     * @param keysFile the allowed stream keys, or {@code null} for none
     * @param token the shared secret for {@code ?token=}, or {@code null} (or empty) for none
     * @throws IOException if {@code keysFile} cannot be read
     * @throws IllegalArgumentException if neither a keys file nor a token is given
     */
    public StreamKeyAuth(LiveOptions options, Path keysFile, String token) throws IOException {
        super(options);
        this.token = token == null || token.isEmpty() ? null : token.getBytes(StandardCharsets.UTF_8);
        this.keysFile = keysFile;
        if (keysFile == null && this.token == null) {
            throw new IllegalArgumentException("StreamKeyAuth needs a keys file or a token");
        }
        if (keysFile != null) {
            reloadIfChanged();
        }
    }

    @Override
    protected Status authorizePublish(StreamKey key, IngestSource source) {
        if (PullRelay.PROTOCOL.equals(source.protocol())) { // the operator's own --pull, --origin or API relay
            return null;
        }
        if (isAllowed(key.name(), source.query())) {
            return null;
        }
        log.info("invalid stream key from {}: app={} key={}", AccessLog.peer(source.remoteAddress()), key.app(),
                key.name());
        return Status.error(REJECTED_CODE, REJECTED_DESCRIPTION);
    }

    /**
     * @param key the publishing name without query
     * @param query the publisher's query string ({@code ""} if none)
     * @return whether the key is listed or the query carries the token
     */
    boolean isAllowed(String key, String query) {
        if (token != null && tokenMatches(query)) {
            return true;
        }
        if (keysFile == null) {
            return false;
        }
        try {
            return reloadIfChanged().contains(key);
        } catch (IOException e) {
            log.warn("cannot read the stream keys file {}: {}; refusing key-based publishes", keysFile, e.toString());
            synchronized (this) {
                keys = Set.of();
                keysModified = null;
                keysSize = -1;
            }
            return false;
        }
    }

    private boolean tokenMatches(String query) {
        if (query == null || query.isEmpty()) {
            return false;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals("token")) {
                String value;
                try {
                    value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    continue; // malformed %-escape: not the token
                }
                if (MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), token)) {
                    return true;
                }
            }
        }
        return false;
    }

    private synchronized Set<String> reloadIfChanged() throws IOException {
        FileTime modified = Files.getLastModifiedTime(keysFile);
        long size = Files.size(keysFile);
        if (!modified.equals(keysModified) || size != keysSize) {
            keys = parseKeys(Files.readAllLines(keysFile, StandardCharsets.UTF_8));
            keysModified = modified;
            keysSize = size;
            log.info("{} stream keys loaded from {}", keys.size(), keysFile);
        }
        return keys;
    }

    /**
     * @param lines the keys file's lines
     * @return the keys: trimmed, without blank and {@code #} comment lines
     */
    static Set<String> parseKeys(List<String> lines) {
        Set<String> out = new HashSet<>();
        for (String line : lines) {
            String k = line.strip();
            if (!k.isEmpty() && !k.startsWith("#")) {
                out.add(k);
            }
        }
        return Set.copyOf(out);
    }

    @Override
    public String toString() {
        return "StreamKeyAuth[keys=" + Objects.toString(keysFile, "none") + ", token=" + (token != null) + "]";
    }
}
