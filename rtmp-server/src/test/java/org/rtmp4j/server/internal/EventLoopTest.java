package org.rtmp4j.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class EventLoopTest {
    private EventLoop loop;

    @BeforeEach
    void startLoop() throws IOException {
        loop = new EventLoop(r -> new Thread(r, "rtmp-loop-test"), TimeUnit.MILLISECONDS.toNanos(20));
        loop.start();
    }

    @AfterEach
    void stopLoop() throws Exception {
        loop.shutdownGracefully(0).get(5, TimeUnit.SECONDS);
    }

    @Test
    void runsPostedTasksOnTheLoopThreadInOrder() throws Exception {
        BlockingQueue<String> seen = new ArrayBlockingQueue<>(100);
        for (int i = 0; i < 50; i++) {
            int n = i;
            loop.execute(() -> seen.add(n + "@" + Thread.currentThread().getName() + "@" + loop.inLoop()));
        }
        for (int i = 0; i < 50; i++) {
            assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo(i + "@rtmp-loop-test@true");
        }
        assertThat(loop.inLoop()).isFalse();
    }

    @Test
    void tasksPostedFromTheLoopRunAfterTheCurrentOne() throws Exception {
        BlockingQueue<String> seen = new ArrayBlockingQueue<>(10);
        loop.execute(() -> {
            loop.execute(() -> seen.add("inner"));
            seen.add("outer");
        });
        assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("outer");
        assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("inner");
    }

    @Test
    void tasksPostedWhileTheLoopIsBusyRunInOneWakeUp() throws Exception {
        long tasksBefore = onLoop(loop::tasksRun);
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Long> wakeUpOfBlocker = new CompletableFuture<>();
        loop.execute(() -> {
            wakeUpOfBlocker.complete(loop.wakeUps());
            busy.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(busy.await(5, TimeUnit.SECONDS)).isTrue();
        int posted = 500; // e.g. one per published message from another loop
        List<Long> wakeUpOfTask = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(posted);
        for (int i = 0; i < posted; i++) {
            loop.execute(() -> {
                wakeUpOfTask.add(loop.wakeUps());
                done.countDown();
            });
        }
        release.countDown();
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(wakeUpOfTask).hasSize(posted).containsOnly(wakeUpOfBlocker.get());
        assertThat(onLoop(loop::tasksRun) - tasksBefore).as("the blocker, the tasks and the counting task").isEqualTo(posted + 2);
    }

    private <T> T onLoop(java.util.function.Supplier<T> read) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        loop.execute(() -> f.complete(read.get()));
        return f.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aFailingTaskDoesNotStopTheLoop() throws Exception {
        CompletableFuture<String> after = new CompletableFuture<>();
        loop.execute(() -> {
            throw new IllegalStateException("boom (expected by the test)");
        });
        loop.execute(() -> after.complete(Thread.currentThread().getName()));
        assertThat(after.get(5, TimeUnit.SECONDS)).isEqualTo("rtmp-loop-test");
    }

    @Test
    void timersFireInDeadlineOrderNotBefore() throws Exception {
        BlockingQueue<String> fired = new ArrayBlockingQueue<>(10);
        long start = System.nanoTime();
        loop.schedule(() -> fired.add("late"), 120, TimeUnit.MILLISECONDS);
        loop.schedule(() -> fired.add("early"), 40, TimeUnit.MILLISECONDS);
        assertThat(fired.poll(5, TimeUnit.SECONDS)).isEqualTo("early");
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(40));
        assertThat(fired.poll(5, TimeUnit.SECONDS)).isEqualTo("late");
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(120));
    }

    @Test
    void aCancelledTimerDoesNotFire() throws Exception {
        BlockingQueue<String> fired = new ArrayBlockingQueue<>(10);
        Cancellable c = loop.schedule(() -> fired.add("cancelled"), 30, TimeUnit.MILLISECONDS);
        c.cancel();
        loop.schedule(() -> fired.add("kept"), 60, TimeUnit.MILLISECONDS);
        assertThat(fired.poll(5, TimeUnit.SECONDS)).isEqualTo("kept");
        assertThat(fired).isEmpty();
    }

    @Test
    void timersScheduledOnTheLoopThreadFire() throws Exception {
        CompletableFuture<Boolean> fired = new CompletableFuture<>();
        loop.execute(() -> loop.schedule(() -> fired.complete(loop.inLoop()), 10, TimeUnit.MILLISECONDS));
        assertThat(fired.get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void ticksEveryRegisteredChannelPeriodically() throws Exception {
        RecordingChannel channel = new RecordingChannel();
        registerOnLoop(channel);
        List<Long> ticks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Long t = channel.ticks.poll(5, TimeUnit.SECONDS);
            assertThat(t).isNotNull();
            ticks.add(t);
        }
        assertThat(ticks).isSorted();
        assertThat(ticks.get(2) - ticks.get(0)).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(20));
    }

    @Test
    void aChannelFailingOnTickIsClosedAndTheLoopGoesOn() throws Exception {
        RecordingChannel bad = new RecordingChannel();
        bad.failOnTick = true;
        RecordingChannel good = new RecordingChannel();
        registerOnLoop(bad);
        registerOnLoop(good);
        assertThat(bad.closedWith.get(5, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class);
        good.ticks.clear();
        assertThat(good.ticks.poll(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(good.closedWith).isNotDone();
    }

    @Test
    void shutdownClosesChannelsGracefullyAndRejectsLaterTasks() throws Exception {
        RecordingChannel channel = new RecordingChannel();
        registerOnLoop(channel);
        loop.shutdownGracefully(TimeUnit.SECONDS.toNanos(5)).get(5, TimeUnit.SECONDS);
        assertThat(channel.gracefulCloses.get()).isEqualTo(1);
        loop.thread().join(5000);
        assertThat(loop.thread().isAlive()).isFalse();
        assertThatThrownBy(() -> loop.execute(() -> {})).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void shutdownForceClosesChannelsThatOutliveTheGrace() throws Exception {
        RecordingChannel stubborn = new RecordingChannel();
        stubborn.ignoreGracefulClose = true;
        registerOnLoop(stubborn);
        loop.shutdownGracefully(TimeUnit.MILLISECONDS.toNanos(50)).get(5, TimeUnit.SECONDS);
        assertThat(stubborn.closedWith).isDone();
    }

    @Test
    void flushRunsOncePerIterationForEveryDirtyChannel() throws Exception {
        RecordingChannel channel = new RecordingChannel();
        registerOnLoop(channel);
        CountDownLatch done = new CountDownLatch(1);
        loop.execute(() -> {
            loop.markDirty(channel);
            done.countDown();
        });
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(channel.flushes.poll(5, TimeUnit.SECONDS)).isNotNull();
    }

    private void registerOnLoop(RecordingChannel channel) throws Exception {
        CompletableFuture<Void> registered = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                java.nio.channels.Pipe pipe = java.nio.channels.Pipe.open();
                channel.pipe = pipe;
                pipe.source().configureBlocking(false);
                loop.register(pipe.source(), 0, channel);
                registered.complete(null);
            } catch (IOException e) {
                registered.completeExceptionally(e);
            }
        });
        registered.get(5, TimeUnit.SECONDS);
    }

    /** A channel that records what the loop does with it. */
    private final class RecordingChannel implements LoopChannel {
        final BlockingQueue<Long> ticks = new ArrayBlockingQueue<>(10_000);
        final BlockingQueue<Long> flushes = new ArrayBlockingQueue<>(10_000);
        final CompletableFuture<Throwable> closedWith = new CompletableFuture<>();
        final AtomicInteger gracefulCloses = new AtomicInteger();
        volatile boolean failOnTick;
        volatile boolean ignoreGracefulClose;
        java.nio.channels.Pipe pipe;

        @Override
        public void onReady(int readyOps) {}

        @Override
        public void onTick(long nowNanos) {
            if (failOnTick) {
                throw new IllegalStateException("tick failure (expected by the test)");
            }
            ticks.offer(nowNanos);
        }

        @Override
        public void flush() {
            flushes.offer(System.nanoTime());
        }

        @Override
        public void closeGracefully() {
            gracefulCloses.incrementAndGet();
            if (!ignoreGracefulClose) {
                closeNow(null);
            }
        }

        @Override
        public void closeNow(Throwable causeOrNull) {
            if (closedWith.isDone()) {
                return;
            }
            loop.deregister(this);
            try {
                pipe.source().close();
                pipe.sink().close();
            } catch (IOException ignored) {
                // test cleanup
            }
            closedWith.complete(causeOrNull == null ? new Throwable("clean") : causeOrNull);
        }
    }
}
