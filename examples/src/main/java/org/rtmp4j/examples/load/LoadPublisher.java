package org.rtmp4j.examples.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.rtmp4j.client.NioClient;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.VideoMessage;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.media.ScriptData;

/**
 * Publishes in real time on its client's loop: {@link SyntheticVideo} frames (30 fps by default) interleaved
 * in timestamp order with {@link SyntheticAudio} AAC frames (unless audio is off), each sent when the clock
 * reaches its timestamp and each audio frame's send time recorded in {@link AudioSendTimes}; or the tags of an
 * FLV file paced by their timestamps (ms) and looped (timestamps continue across loops).
 * Started and stopped from any thread; the counters are readable from any thread.
 */
final class LoadPublisher {
    private static final long MAX_FILE_BYTES = 512L << 20;
    /** Milliseconds between the last tag of a file and its first tag again when it loops. */
    private static final int LOOP_GAP_MS = 40;

    private final NioClient client;
    private final int streamId;
    private final SyntheticVideo synthetic;
    private final SyntheticAudio audio;
    private final AudioSendTimes audioSendTimes;
    private final AvSchedule schedule;
    private final List<FlvTag> tags;
    private long startNanos;
    private int tagIndex;
    private long loopOffsetMs;
    private volatile boolean stopped;
    private volatile long lastSendNanos = Long.MIN_VALUE;
    private volatile int lastTimestamp = -1;
    private volatile long messages;

    private LoadPublisher(NioClient client, int streamId, SyntheticVideo synthetic, SyntheticAudio audio,
            AudioSendTimes audioSendTimes, List<FlvTag> tags) {
        this.client = client;
        this.streamId = streamId;
        this.synthetic = synthetic;
        this.audio = audio;
        this.audioSendTimes = audioSendTimes;
        this.schedule = synthetic == null ? null : new AvSchedule(synthetic.fps(), audio != null);
        this.tags = tags;
    }

    /**
     * @param kbps total bit rate (video + audio) in kbit/s
     * @param fps video frames per second
     * @param audioSendTimes where audio send times go, or null for no audio
     * @throws IllegalArgumentException if the bit rate leaves no room for video (see {@link SyntheticVideo})
     */
    static LoadPublisher synthetic(NioClient client, int streamId, int kbps, int fps, AudioSendTimes audioSendTimes) {
        SyntheticAudio audio = audioSendTimes == null ? null : SyntheticAudio.aac();
        SyntheticVideo video = new SyntheticVideo(kbps, fps, audio == null ? 0 : audio.bytesPerSecond());
        return new LoadPublisher(client, streamId, video, audio, audioSendTimes, List.of());
    }

    static LoadPublisher file(NioClient client, int streamId, Path flv) throws IOException {
        List<FlvTag> tags = new ArrayList<>();
        long bytes = 0;
        try (FlvReader reader = FlvReader.open(flv)) {
            Optional<FlvTag> t;
            while ((t = reader.next()).isPresent()) {
                bytes += t.get().dataSize();
                if (bytes > MAX_FILE_BYTES) {
                    throw new IOException(flv + " is larger than " + (MAX_FILE_BYTES >> 20) + " MiB of tags");
                }
                tags.add(t.get());
            }
        }
        if (tags.isEmpty()) {
            throw new IOException(flv + " has no tags");
        }
        return new LoadPublisher(client, streamId, null, null, null, tags);
    }

    void start() {
        client.execute(() -> {
            startNanos = System.nanoTime();
            if (synthetic != null) {
                client.sendMetadata(streamId, metadata());
                client.sendMedia(streamId, synthetic.sequenceHeader());
                if (audio != null) {
                    client.sendMedia(streamId, audio.sequenceHeader());
                }
            }
            step();
        });
    }

    void stop() {
        stopped = true;
    }

    /** Stops publishing and closes the connection, as a publisher that goes away does. */
    void close() {
        stopped = true;
        client.close();
    }

    /**
     * @return a new, not yet started publisher of the same source (FLV tags or synthetic bit rate) on another
     *     connection; its timestamps start again at 0, as a restarted encoder's do
     */
    LoadPublisher restartOn(NioClient newClient, int newStreamId) {
        return new LoadPublisher(newClient, newStreamId, synthetic, audio, audioSendTimes, tags);
    }

    /** @return onMetaData for the synthetic stream (FLV 10.1 §E.5), data rates in kbit/s */
    private Map<String, Object> metadata() {
        Map<String, Object> md = new java.util.LinkedHashMap<>();
        md.put("videocodecid", 7.0);
        md.put("framerate", (double) synthetic.fps());
        md.put("videodatarate", synthetic.frameBytes() * 8.0 * synthetic.fps() / 1000);
        if (audio != null) {
            md.put("audiocodecid", 10.0);
            md.put("audiosamplerate", (double) SyntheticAudio.SAMPLE_RATE);
            md.put("audiosamplesize", 16.0);
            md.put("stereo", true);
            md.put("audiodatarate", audio.bytesPerSecond() * 8 / 1000);
        }
        return md;
    }

    private void step() {
        if (stopped || client.isClosed()) {
            return;
        }
        long now = System.nanoTime();
        long nextDueMs = synthetic != null ? sendSynthetic(now) : sendFile(now);
        long delay = Math.max(0, startNanos + TimeUnit.MILLISECONDS.toNanos(nextDueMs) - System.nanoTime());
        client.schedule(this::step, delay, TimeUnit.NANOSECONDS);
    }

    /** Sends every message whose timestamp the clock has reached, in timestamp order; @return the next one's. */
    private long sendSynthetic(long now) {
        while (startNanos + TimeUnit.MILLISECONDS.toNanos(schedule.nextMs()) - now <= 0) {
            long t = System.nanoTime();
            int ts;
            if (schedule.nextIsVideo()) {
                VideoMessage m = synthetic.frame(schedule.videoIndex(), t);
                client.sendMedia(streamId, m);
                ts = m.timestamp();
            } else {
                long index = schedule.audioIndex();
                AudioMessage m = audio.frame(index);
                audioSendTimes.sent(index, t);
                client.sendMedia(streamId, m);
                ts = m.timestamp();
            }
            schedule.advance();
            sent(t, ts);
        }
        return schedule.nextMs();
    }

    private long sendFile(long now) {
        int first = tags.get(0).timestamp();
        while (true) {
            FlvTag tag = tags.get(tagIndex);
            long ts = loopOffsetMs + (tag.timestamp() - first);
            if (startNanos + TimeUnit.MILLISECONDS.toNanos(ts) - now > 0) {
                return ts;
            }
            switch (tag.type()) {
                case AUDIO:
                    client.sendMedia(streamId, new AudioMessage((int) ts, 0, tag.body().duplicate()));
                    break;
                case VIDEO:
                    client.sendMedia(streamId, new VideoMessage((int) ts, 0, tag.body().duplicate()));
                    break;
                default:
                    if (loopOffsetMs == 0) {
                        Map<String, Object> md = ScriptData.metadata(tag.body().duplicate());
                        if (!md.isEmpty()) {
                            client.sendMetadata(streamId, md);
                        }
                    }
                    break;
            }
            sent(System.nanoTime(), (int) ts);
            if (++tagIndex == tags.size()) {
                tagIndex = 0;
                loopOffsetMs = ts + LOOP_GAP_MS;
            }
        }
    }

    private void sent(long nanos, int timestamp) {
        lastSendNanos = nanos;
        lastTimestamp = timestamp;
        messages++;
    }

    long lastSendNanos() {
        return lastSendNanos;
    }

    int lastTimestamp() {
        return lastTimestamp;
    }

    long messages() {
        return messages;
    }

    boolean isSynthetic() {
        return synthetic != null;
    }
}
