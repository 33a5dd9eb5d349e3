package org.rtmp4j.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.rtmp4j.server.internal.EventLoop;
import org.rtmp4j.server.internal.LoopChannel;

/**
 * A read-only plain TCP connection on an {@link EventLoop}: hands what it reads to a {@link
 * ByteStreamListener} from the loop's shared read buffer (no copy). Loop thread only.
 */
final class ByteStreamChannel implements LoopChannel {
    /** Reads per readiness event before yielding to the other channels of the loop. */
    private static final int READS_PER_EVENT = 16;

    private final EventLoop loop;
    private final SocketChannel channel;
    private final ByteStreamListener listener;
    private SelectionKey key;
    private boolean closed;

    ByteStreamChannel(EventLoop loop, SocketChannel channel, ByteStreamListener listener) {
        this.loop = loop;
        this.channel = channel;
        this.listener = listener;
    }

    /** Loop thread: switches the channel to non-blocking and registers it for reads. */
    void start() throws IOException {
        channel.configureBlocking(false);
        key = loop.register(channel, SelectionKey.OP_READ, this);
    }

    @Override
    public void onReady(int readyOps) throws IOException {
        ByteBuffer buf = loop.readBuffer();
        for (int i = 0; i < READS_PER_EVENT && !closed; i++) {
            buf.clear();
            int n = channel.read(buf);
            if (n < 0) {
                closeNow(null);
                return;
            }
            if (n == 0) {
                return;
            }
            buf.flip();
            listener.onData(buf);
            if (n < buf.capacity()) {
                return;
            }
        }
    }

    @Override
    public void closeGracefully() {
        closeNow(null);
    }

    @Override
    public void closeNow(Throwable causeOrNull) {
        if (closed) {
            return;
        }
        closed = true;
        loop.deregister(this);
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        listener.onClose(causeOrNull);
    }

    @Override
    public String toString() {
        return "byte stream " + channel;
    }
}
