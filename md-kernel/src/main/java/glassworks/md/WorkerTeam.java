package glassworks.md;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A fixed team of {@code size} threads running one task at a time: {@link #run} executes {@code task(t)} for every
 * member t = 0 .. size-1 (t = 0 on the calling thread) and returns when all are done; inside a task, {@link #sync}
 * is a barrier among the members. {@link #close} ends them.
 *
 * <p>An MD step hands the team a task every millisecond or so, with only tens of microseconds of serial work (the
 * integrator) in between, while waking a parked thread costs about as much again. So a waiting member (and the caller
 * waiting for the members) first spins ({@link Thread#onSpinWait}) for {@link #SPIN_NANOS}, then keeps checking between
 * {@link Thread#yield}s until {@link #YIELD_NANOS}, and only then parks. The yield phase matters on a busy machine: when
 * other processes hold the cores, a thread that spun would keep its core from the very member it waits for; yielding
 * hands the core over, and costs only a system call when nobody else wants it. A step thus costs no allocation, no task
 * queue and, on an idle machine, no kernel call; an idle team parks within a millisecond.
 */
final class WorkerTeam implements AutoCloseable {
    /** How long a waiting thread spins [ns]. */
    static final long SPIN_NANOS = 20_000;
    /** How long a waiting thread yields before it parks [ns]: longer than an MD step's serial part. */
    static final long YIELD_NANOS = 1_000_000;
    /** Spin iterations between clock reads. */
    private static final int SPINS_PER_CHECK = 64;

    private final int size;
    private final Thread[] workers;
    /** 1 while member t (>= 1) is parked or about to park, so {@link #run} knows to unpark it */
    private final AtomicIntegerArray parked;
    /** members still running the current task */
    private final AtomicInteger pending = new AtomicInteger();
    /** arrivals at the current {@link #sync} barrier */
    private final AtomicInteger arrived = new AtomicInteger();
    private volatile IntConsumer task;
    /** bumped by {@link #run} to start a task (one writer: the caller) */
    private volatile int generation;
    /** bumped by the last member to arrive at a {@link #sync} */
    private volatile int syncPhase;
    /** the caller, when parked waiting for the members */
    private volatile Thread waiter;
    private volatile boolean closed;
    /** set when a member failed: members waiting in sync give up instead of waiting forever */
    private volatile boolean broken;
    private volatile Throwable failure;

    WorkerTeam(int size, String name) {
        if (size < 2) {
            throw new IllegalArgumentException("a worker team needs >= 2 members, got " + size);
        }
        this.size = size;
        parked = new AtomicIntegerArray(size);
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
        int seen = 0;
        while (true) {
            seen = awaitStart(member, seen);
            if (closed) {
                return;
            }
            try {
                task.accept(member);
            } catch (Throwable e) {
                fail(e);
            }
            if (pending.decrementAndGet() == 0) {
                Thread w = waiter;
                if (w != null) {
                    LockSupport.unpark(w);
                }
            }
        }
    }

    /**
     * One round of waiting that has lasted {@code spins} rounds since {@code since} (nanoTime): spin, yield, or (true)
     * time to park.
     */
    private static boolean pause(int spins, long since) {
        if (spins % SPINS_PER_CHECK != 0) {
            Thread.onSpinWait();
            return false;
        }
        long waited = System.nanoTime() - since;
        if (waited < SPIN_NANOS) {
            Thread.onSpinWait();
            return false;
        }
        if (waited < YIELD_NANOS) {
            Thread.yield();
            return false;
        }
        return true;
    }

    /** Waits until {@link #run} bumps the generation past {@code seen} (or the team closes); returns the new one. */
    private int awaitStart(int member, int seen) {
        long since = System.nanoTime();
        int spins = 0;
        while (true) {
            int g = generation;
            if (g != seen || closed) {
                return g;
            }
            if (pause(++spins, since)) {
                // publish "parked" before the last look: run() bumps the generation before it reads the flag, so
                // either we see the new generation here or run() sees the flag and unparks us
                parked.set(member, 1);
                if (generation == seen && !closed) {
                    LockSupport.park(this);
                }
                parked.set(member, 0);
                since = System.nanoTime();
                spins = 0;
            }
        }
    }

    /** Runs {@code task} on all members; rethrows a member's failure. Not reentrant: call from one thread. */
    void run(IntConsumer task) {
        if (closed) {
            throw new IllegalStateException("worker team is closed");
        }
        this.task = task;
        broken = false;
        arrived.set(0);
        pending.set(size - 1);
        generation = generation + 1;
        for (int t = 1; t < size; t++) {
            if (parked.get(t) != 0) {
                LockSupport.unpark(workers[t - 1]);
            }
        }
        try {
            task.accept(0);
        } catch (Throwable e) {
            fail(e);
        }
        awaitMembers();
        Throwable f = failure;
        if (f != null) {
            failure = null;
            if (f instanceof RuntimeException re) {
                throw re;
            }
            if (f instanceof Error er) {
                throw er;
            }
            throw new IllegalStateException("worker failed", f);
        }
    }

    private void awaitMembers() {
        long since = System.nanoTime();
        int spins = 0;
        while (pending.get() != 0) {
            if (pause(++spins, since)) {
                waiter = Thread.currentThread();
                if (pending.get() != 0) {
                    LockSupport.park(this);
                }
                waiter = null;
                since = System.nanoTime();
                spins = 0;
            }
        }
    }

    /**
     * Barrier among the members of the running task: returns once every member has called it (memory effects before
     * the call are visible to all members after it). Every member must call it equally often. Spins, then yields:
     * members of a task are all running, so the wait is short unless one lost its core.
     */
    void sync() {
        int phase = syncPhase;
        if (arrived.incrementAndGet() == size) {
            arrived.set(0);
            syncPhase = phase + 1;
            return;
        }
        long since = System.nanoTime();
        int spins = 0;
        while (syncPhase == phase) {
            if (broken) {
                throw new IllegalStateException("another worker failed");
            }
            if (pause(++spins, since)) {
                Thread.yield();
            }
        }
    }

    private synchronized void fail(Throwable e) {
        if (failure == null) {
            failure = e;
        }
        broken = true;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        generation = generation + 1;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
    }
}
