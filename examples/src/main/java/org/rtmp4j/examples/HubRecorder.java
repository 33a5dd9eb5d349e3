package org.rtmp4j.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.rtmp4j.core.message.VideoMessage;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.live.InlineSink;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.LiveListener;
import org.rtmp4j.live.LiveMedia;
import org.rtmp4j.live.LiveSubscription;
import org.rtmp4j.live.MediaSink;
import org.rtmp4j.live.RelayEvent;
import org.rtmp4j.live.StreamKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code server --record-dir}: records every publish of a live relay, whatever its input (RTMP publish, HTTP-FLV
 * upload, pull relay), as one more output of the hub. When a stream goes live ({@link LiveListener#onPublished})
 * it subscribes a {@link MediaSink} that writes a {@link Recording} ({@link RecordMode} picks the file, as for
 * {@link RecordToFlv}); the publish's end ({@link RelayEvent.Unpublished}) closes the file and the subscription,
 * so each publish gets its own file.
 *
 * <p>The sink runs on the publisher's thread ({@link MediaSink#inSinkThread()} is always true): the file is
 * written as the messages arrive, as {@link RecordToFlv} does, so the hub never queues or drops for it; a slow
 * disk slows the publisher, not memory. An I/O error ends that recording (logged at WARN); the stream goes on.
 * Thread-safe.
 */
final class HubRecorder implements LiveListener {
    private static final Logger log = LoggerFactory.getLogger(HubRecorder.class);

    private final LiveBroadcastController relay;
    private final Path dir;
    private final RecordMode mode;
    private final Clock clock;
    private final Set<Path> busy = ConcurrentHashMap.newKeySet(); // <name>.flv files being appended or replaced
    private final Map<StreamKey, Sink> active = new ConcurrentHashMap<>();

    private HubRecorder(LiveBroadcastController relay, Path dir, RecordMode mode, Clock clock) {
        this.relay = relay;
        this.dir = dir;
        this.mode = mode;
        this.clock = clock;
    }

    /**
     * Records every later publish of {@code relay} into {@code dir}.
     *
     * @return the registered recorder
     */
    static HubRecorder attach(LiveBroadcastController relay, Path dir, RecordMode mode) {
        return attach(relay, dir, mode, Clock.systemUTC());
    }

    /** As {@link #attach(LiveBroadcastController, Path, RecordMode)}, with {@code clock} naming unique files. */
    static HubRecorder attach(LiveBroadcastController relay, Path dir, RecordMode mode, Clock clock) {
        HubRecorder recorder = new HubRecorder(relay, dir, mode, clock);
        relay.addListener(recorder);
        return recorder;
    }

    /**
     * Subscribes a recording sink to {@code key}'s new publish; a name that cannot be a file name (see {@link
     * SafeNames}) is relayed but not recorded (logged at WARN). Publisher's thread.
     */
    @Override
    public void onPublished(StreamKey key) {
        if (!SafeNames.isSafeApp(key.app()) || !SafeNames.isSafe(key.name())) {
            log.warn("{}: not recorded: app and stream name must be plain file names", key);
            return;
        }
        Sink sink = new Sink(key);
        if (active.putIfAbsent(key, sink) != null) {
            return; // still recording the previous publisher (it has not been told it ended yet)
        }
        relay.subscribe(key, sink).ifPresentOrElse(sink::subscribed, () -> active.remove(key, sink));
    }

    /** One publish being recorded; all calls are serialised on the sink's monitor. */
    private final class Sink implements InlineSink {
        private final StreamKey key;
        private LiveSubscription subscription;
        private Recording recording;
        private boolean ended;

        Sink(StreamKey key) {
            this.key = key;
        }

        synchronized void subscribed(LiveSubscription s) {
            subscription = s;
            if (ended) {
                s.cancel();
            }
        }

        @Override
        public synchronized void onEvent(RelayEvent event) {
            if (ended) {
                return;
            }
            try {
                if (event instanceof RelayEvent.Metadata m) {
                    recording().metadata(m.values());
                } else if (event instanceof LiveMedia m) {
                    FlvTagType type = m.message() instanceof VideoMessage ? FlvTagType.VIDEO : FlvTagType.AUDIO;
                    recording().media(type, m.timestamp(), m.message().payload());
                } else if (event instanceof RelayEvent.Unpublished || event instanceof RelayEvent.Refused) {
                    end();
                }
            } catch (IOException e) {
                log.warn("{}: recording stopped: {}", key, e.getMessage());
                end();
            }
        }

        private Recording recording() throws IOException {
            if (recording == null) {
                recording = Recording.open(dir, key.app(), key.name(), mode, clock.instant(),
                        Recording.DEFAULT_MAX_PENDING, busy);
            }
            return recording;
        }

        private void end() {
            ended = true;
            active.remove(key, this);
            if (subscription != null) {
                subscription.cancel();
            }
            if (recording != null) {
                try {
                    recording.close();
                } catch (IOException e) {
                    log.warn("{}: {}", key, e.getMessage());
                }
                recording = null;
            }
        }

        @Override
        public synchronized void onOverflow(long queuedBytes, long maxQueued) {
            end(); // not reached: nothing is ever queued
        }

        @Override
        public String toString() {
            return "recorder:" + key;
        }
    }
}
