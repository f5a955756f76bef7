package glassworks.md;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.function.IntConsumer;

/**
 * A fixed team of {@code size} threads running one task at a time: {@link #run} executes {@code task(t)} for every
 * member t = 0 .. size-1 (t = 0 on the calling thread) and returns when all are done. Members are daemon threads parked
 * on a barrier between tasks, so a step costs no allocation and no task queue; {@link #close} ends them.
 */
final class WorkerTeam implements AutoCloseable {
    private final int size;
    private final Thread[] workers;
    private final CyclicBarrier start;
    private final CyclicBarrier done;
    private volatile IntConsumer task;
    private volatile boolean closed;
    private volatile Throwable failure;

    WorkerTeam(int size, String name) {
        if (size < 2) {
            throw new IllegalArgumentException("a worker team needs >= 2 members, got " + size);
        }
        this.size = size;
        start = new CyclicBarrier(size);
        done = new CyclicBarrier(size);
        workers = new Thread[size - 1];
        for (int t = 1; t < size; t++) {
            int member = t;
            Thread th = new Thread(() -> work(member), name + "-" + t);
            th.setDaemon(true);
            workers[t - 1] = th;
            th.start();
        }
    }

    int size() {
        return size;
    }

    private void work(int member) {
        try {
            while (true) {
                start.await();
                if (closed) {
                    return;
                }
                try {
                    task.accept(member);
                } catch (Throwable e) {
                    failure = e;
                }
                done.await();
            }
        } catch (InterruptedException | BrokenBarrierException e) {
            // team closed abnormally: just end
        }
    }

    /** Runs {@code task} on all members; rethrows a member's failure. */
    void run(IntConsumer task) {
        if (closed) {
            throw new IllegalStateException("worker team is closed");
        }
        this.task = task;
        await(start);
        try {
            task.accept(0);
        } finally {
            await(done);
        }
        Throwable f = failure;
        if (f != null) {
            failure = null;
            if (f instanceof RuntimeException re) {
                throw re;
            }
            if (f instanceof Error er) {
                throw er;
            }
            throw new IllegalStateException("force worker failed", f);
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for force workers", e);
        } catch (BrokenBarrierException e) {
            throw new IllegalStateException("force worker team broken", e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            start.await(); // releases the parked members, who see closed and end
        } catch (InterruptedException | BrokenBarrierException e) {
            for (Thread w : workers) {
                w.interrupt();
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
