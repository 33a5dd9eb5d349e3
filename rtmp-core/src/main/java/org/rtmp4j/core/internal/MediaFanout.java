package org.rtmp4j.core.internal;

import java.util.ArrayList;
import java.util.List;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.session.NetStream;
import org.rtmp4j.core.session.RtmpSession;
import org.rtmp4j.core.session.ServerConnection;
import org.rtmp4j.core.session.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one media message to many players ("encode once, write many"; DESIGN-NOTES.md, "Merged
 * writes"): the message is chunked once per distinct (chunk size, chunk stream id, message
 * stream id) through one {@link EncodedMedia}, and players whose connections run on another thread
 * are reached with one posted task per thread ({@link Transport#executorKey()}) carrying all of that
 * thread's players, instead of one task per player.
 *
 * <p>Use: create one per published message on the publisher's thread, {@link #add} the players,
 * then {@link #send()} once. With a single player nothing is shared (see {@link #send()}). For each player the drop decision of {@link
 * RtmpSession#sendMedia(NetStream, MediaMessage)} is made on its connection's thread before
 * anything is queued. Players on the calling thread are sent to at once; before posting to other
 * threads, the chunks for their connections' chunk sizes are encoded on the calling thread, so the
 * other threads only queue shared bytes. A session's connection hooks are {@link
 * ServerConnection#fanoutTarget()}, or the session itself if it is a {@link FanoutTarget}; any other
 * session gets {@link RtmpSession#sendMedia(NetStream, MediaMessage)}. A failing send is logged at DEBUG and does not
 * stop the others.
 *
 * <p>Thread-safety: not thread-safe; one thread builds and sends it. Allocation per call of {@link
 * #send()}: a group and a task per target thread; per player, nothing beyond its entry here.
 */
public final class MediaFanout {
    private static final Logger LOG = LoggerFactory.getLogger(MediaFanout.class);

    private final EncodedMedia media;
    private final List<RtmpSession> sessions;
    private final List<NetStream> streams;
    private boolean sent;

    /**
     * @param media the message as published; it is wrapped in a new {@link EncodedMedia}
     * @throws NullPointerException if {@code media} is null
     */
    public MediaFanout(MediaMessage media) {
        this(EncodedMedia.of(media), 8);
    }

    /**
     * @param media the shared encodings to send
     * @param expectedPlayers a capacity hint, e.g. the subscriber count
     * @throws NullPointerException if {@code media} is null
     */
    public MediaFanout(EncodedMedia media, int expectedPlayers) {
        if (media == null) {
            throw new NullPointerException("media");
        }
        this.media = media;
        this.sessions = new ArrayList<>(Math.max(1, expectedPlayers));
        this.streams = new ArrayList<>(Math.max(1, expectedPlayers));
    }

    /** @return the shared encodings */
    public EncodedMedia media() {
        return media;
    }

    /**
     * Adds a player.
     *
     * @param session the player's session
     * @param to the playing stream of {@code session}
     * @throws IllegalStateException after {@link #send()}
     */
    public void add(RtmpSession session, NetStream to) {
        if (sent) {
            throw new IllegalStateException("already sent");
        }
        sessions.add(session);
        streams.add(to);
    }

    /** @return the players added so far */
    public int size() {
        return sessions.size();
    }

    /**
     * Sends to every player added: at once to those on the calling thread (or without a {@link
     * FanoutTarget}), otherwise with one task per target thread. A lone player gets the
     * ordinary {@link RtmpSession#sendMedia(NetStream, MediaMessage)} instead: its connection's own
     * encoder slices the payload without copying it, which beats making a shared copy for one
     * reader. Call once.
     *
     * @return the number of batch tasks posted to other threads (one per distinct {@link
     *     Transport#executorKey()} among the players on other threads; 0 for a lone player)
     * @throws IllegalStateException if called twice
     */
    public int send() {
        if (sent) {
            throw new IllegalStateException("already sent");
        }
        sent = true;
        if (sessions.size() == 1) {
            sendOrdinary(sessions.get(0), streams.get(0));
            return 0;
        }
        List<Group> groups = null;
        int tasksPosted = 0;
        for (int i = 0, n = sessions.size(); i < n; i++) {
            RtmpSession session = sessions.get(i);
            NetStream to = streams.get(i);
            FanoutTarget c = targetOf(session);
            if (c == null) {
                sendOrdinary(session, to);
                continue;
            }
            if (c.inConnectionThread()) {
                c.sendEncodedHere(to, media); // guards itself
                continue;
            }
            if (c.isClosed()) {
                continue;
            }
            media.entry(c.chunkSizeHint(), to.id());
            if (groups == null) {
                groups = new ArrayList<>(4);
            }
            groupFor(groups, c).add(c, to);
        }
        if (groups != null) {
            for (Group g : groups) {
                g.post(media);
                tasksPosted++;
            }
        }
        return tasksPosted;
    }

    private void sendOrdinary(RtmpSession session, NetStream to) {
        MediaMessage m = media.media();
        try {
            session.sendMedia(to, m.streamId() == to.id() ? m : m.withStreamId(to.id()));
        } catch (RuntimeException e) {
            LOG.debug("{} send failed: {}", session.id(), e.toString());
        }
    }

    /**
     * @param session a player's session
     * @return its connection hooks, or {@code null} for a session that has none
     */
    public static FanoutTarget targetOf(RtmpSession session) {
        if (session instanceof ServerConnection c) {
            return c.fanoutTarget();
        }
        return session instanceof FanoutTarget t ? t : null;
    }

    private static Group groupFor(List<Group> groups, FanoutTarget c) {
        Object key = c.executorKey();
        for (int i = 0, n = groups.size(); i < n; i++) {
            Group g = groups.get(i);
            if (g.key == key) {
                return g;
            }
        }
        Group g = new Group(key);
        groups.add(g);
        return g;
    }

    /** The players whose connections run on one thread. */
    private static final class Group {
        final Object key;
        final List<FanoutTarget> connections = new ArrayList<>(4);
        final List<NetStream> streams = new ArrayList<>(4);

        Group(Object key) {
            this.key = key;
        }

        void add(FanoutTarget c, NetStream to) {
            connections.add(c);
            streams.add(to);
        }

        void post(EncodedMedia media) {
            Runnable task = () -> {
                for (int i = 0, n = connections.size(); i < n; i++) {
                    connections.get(i).sendEncodedHere(streams.get(i), media);
                }
            };
            try {
                connections.get(0).post(task);
            } catch (RuntimeException e) {
                LOG.debug("posting media to {} players failed: {}", connections.size(), e.toString());
            }
        }
    }
}
