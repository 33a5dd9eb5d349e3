package org.rtmp4j.server;

import java.util.ArrayList;
import java.util.List;
import org.rtmp4j.http.HttpResponseStream;
import org.rtmp4j.server.internal.NioTransport;

/**
 * What the two {@link HttpResponseStream}s of the HTTP runtime share: the connection's transport
 * (its loop is the stream's thread, its queue the back-pressure) and the close callbacks, which run
 * once when the stream stops for any reason.
 */
abstract class LoopStream implements HttpResponseStream {
    /** The connection's transport. */
    final NioTransport transport;
    private final List<Runnable> closeCallbacks = new ArrayList<>(1);
    private volatile boolean open = true;

    LoopStream(NioTransport transport) {
        this.transport = transport;
    }

    /** @throws IllegalStateException off the loop thread */
    final void checkThread() {
        if (!transport.inConnectionThread()) {
            throw new IllegalStateException("call from the stream's thread (HttpResponseStream.execute)");
        }
    }

    /**
     * Marks the stream stopped and runs the callbacks once. Loop thread.
     *
     * @return whether it was open until now
     */
    final boolean stop() {
        if (!open) {
            return false;
        }
        open = false;
        for (Runnable r : closeCallbacks) {
            r.run();
        }
        closeCallbacks.clear();
        return true;
    }

    @Override
    public final long queuedBytes() {
        return transport.queuedBytes();
    }

    @Override
    public final void abort() {
        checkThread();
        stop();
        transport.closeNow(null);
    }

    @Override
    public final boolean isOpen() {
        return open;
    }

    @Override
    public final void onClose(Runnable callback) {
        checkThread();
        if (open) {
            closeCallbacks.add(callback);
        } else {
            callback.run();
        }
    }

    @Override
    public final void execute(Runnable task) {
        transport.execute(task);
    }

    @Override
    public final boolean inStreamThread() {
        return transport.inConnectionThread();
    }

    @Override
    public final Object executorKey() {
        return transport.executorKey();
    }
}
