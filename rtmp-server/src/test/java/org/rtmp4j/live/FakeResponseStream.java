package org.rtmp4j.live;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.rtmp4j.http.HttpResponseStream;

/** An {@link HttpResponseStream} without a network for sink tests: records the writes, runs tasks at once. */
final class FakeResponseStream implements HttpResponseStream {
    final List<ByteBuffer> writes = new ArrayList<>();
    boolean ended;
    boolean aborted;
    /** What {@link #queuedBytes()} reports: a test makes the player slow by raising it. */
    long queued;

    @Override
    public void write(ByteBuffer data) {
        writes.add(data);
    }

    @Override
    public long queuedBytes() {
        return queued;
    }

    @Override
    public void end() {
        ended = true;
    }

    @Override
    public void abort() {
        aborted = true;
    }

    @Override
    public boolean isOpen() {
        return !ended && !aborted;
    }

    @Override
    public void onClose(Runnable callback) {}

    @Override
    public void execute(Runnable task) {
        task.run();
    }

    @Override
    public boolean inStreamThread() {
        return true;
    }

    @Override
    public Object executorKey() {
        return this;
    }

    /** @return every write's bytes, concatenated */
    byte[] bytes() {
        int n = writes.stream().mapToInt(ByteBuffer::remaining).sum();
        ByteBuffer all = ByteBuffer.allocate(n);
        writes.forEach(w -> all.put(w.duplicate()));
        return all.array();
    }

    /** @return the top-level MP4 box types written, in order */
    List<String> boxes() {
        Mp4Boxes parser = new Mp4Boxes();
        List<String> types = new ArrayList<>();
        byte[] b = bytes();
        parser.feed(b, 0, b.length).forEach(box -> types.add(box.type()));
        return types;
    }
}
