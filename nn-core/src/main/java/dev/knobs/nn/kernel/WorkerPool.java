package dev.knobs.nn.kernel;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The worker threads of one {@link Compute}: {@code threads - 1} daemon threads plus the caller.
 *
 * <p>Work is split into tasks whose outputs are disjoint and whose arithmetic does not depend on
 * how many threads run them, so results are the same for any thread count. Kernels reach it
 * through {@link Parallel}, which picks the pool of {@link Compute#current()}.
 *
 * <p><b>Why not an {@code ExecutorService}.</b> Layers call this for elementwise work on about
 * 100,000 floats, which takes tens of microseconds. Submitting one {@code Future} per task and
 * waking sleeping pool threads costs about as much as the work itself. So this pool keeps
 * {@code threads - 1} daemon workers that, after a job, <em>spin</em> for a short while
 * ({@value #SPIN_NANOS} ns) waiting for the next one before they <em>park</em> (sleep). The calling
 * thread publishes a job, runs tasks itself like a worker, and waits for the last task:
 *
 * <pre>
 *   caller:   publish job ──► claim task ► run ► claim ► run ► … ► wait until all done ► return
 *   worker 1:    (spinning) ─► claim task ► run ► claim ► run ► … ► spin ► park
 *   worker 2:    (parked)  ──► woken ──────► claim ► run ► …
 * </pre>
 *
 * <p>Tasks are claimed from a shared counter, the caller's from the front and the workers' from the
 * back ({@code Job.claim} says why), so a worker that was descheduled simply claims fewer tasks.
 * Which thread runs a task never changes what the task computes.
 *
 * <p><b>Work for later.</b> A caller may also leave one job for idle moments
 * ({@link Parallel#later}): a worker that is waiting for the next job runs one of its tasks at a
 * time and looks for a new job in between, so the caller's own jobs are never delayed by more
 * than a task. The next mini-batch is copied this way while the step runs: the waiting worker
 * finds its gaps (the output layer and the narrow layers' passes run on one thread).
 *
 * <p>Each worker runs every task with the pool's {@link Compute} as the current one, so a kernel
 * called inside a task sees the same settings as its caller. Nested and concurrent calls, and
 * failures, behave as {@link Parallel} describes. The workers live as long as the JVM; there is one
 * pool per distinct {@link Compute}, and {@link Compute#of} hands out the same object for the same
 * settings, so they are never started twice.
 */
final class WorkerPool {
    /** How long an idle worker spins before it parks: longer gives faster hand-offs, shorter wastes less CPU. */
    static final long SPIN_NANOS = 100_000;

    private final int threads;
    private final Compute owner;
    /** True while a job owns the workers; a second caller that finds it set runs serially. */
    private final AtomicBoolean busy = new AtomicBoolean();
    /** The workers, started on the first job that needs them; read and written only while holding {@link #busy}. */
    private Pool pool;

    WorkerPool(int threads, Compute owner) {
        this.threads = threads;
        this.owner = owner;
    }

    /** How many threads run tasks, the calling thread included. */
    int threads() {
        return threads;
    }

    /** See {@link Parallel#forEach}. */
    void forEach(int tasks, IntConsumer body) {
        Objects.requireNonNull(body, "Parallel.forEach: body must not be null");
        if (tasks <= 0) {
            return;
        }
        if (tasks == 1 || threads == 1 || !busy.compareAndSet(false, true)) {
            for (int t = 0; t < tasks; t++) {
                body.accept(t);
            }
            return;
        }
        try {
            if (pool == null) {
                pool = new Pool(threads - 1, owner);
            }
            pool.run(tasks, body);
        } finally {
            busy.set(false);
        }
    }

    /** See {@link Parallel#later}. */
    Parallel.Later later(int tasks, IntConsumer body) {
        Objects.requireNonNull(body, "Parallel.later: body must not be null");
        Job job = new Job(Math.max(0, tasks), body);
        if (threads == 1 || !busy.compareAndSet(false, true)) {
            job.work();                                        // no idle thread to hand it to: do it now
            return () -> Pool.finish(job);
        }
        try {
            if (pool == null) {
                pool = new Pool(threads - 1, owner);
            }
            Job previous = pool.later.getAndSet(job);
            if (previous != null) {
                previous.work();                               // one job for later at a time
            }
            pool.wake();
        } finally {
            busy.set(false);
        }
        Pool workers = pool;
        return () -> {
            Pool.finish(job);
            workers.later.compareAndSet(job, null);            // let go of what its tasks refer to
        };
    }

    /** See {@link Parallel#range}. */
    void range(int n, int grain, Parallel.RangeBody body) {
        Objects.requireNonNull(body, "Parallel.range: body must not be null");
        if (n <= 0) {
            return;
        }
        int chunks = Math.max(1, Math.min(threads, n / Math.max(1, grain)));
        if (chunks == 1) {
            body.run(0, n);
            return;
        }
        forEach(chunks, c -> body.run((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks)));
    }

    /** One call of {@link #forEach} or {@link #later}: the tasks, who claims the next one, and how many are unfinished. */
    private static final class Job {
        final IntConsumer body;
        final Thread caller = Thread.currentThread();
        /** The tasks not yet claimed: from the low 32 bits (the front) to just before the high 32 bits (the back). */
        final AtomicLong unclaimed;
        final AtomicInteger unfinished;
        volatile Throwable failure;
        volatile boolean callerParked;

        Job(int tasks, IntConsumer body) {
            this.body = body;
            this.unfinished = new AtomicInteger(tasks);
            this.unclaimed = new AtomicLong((long) tasks << 32);
        }

        /**
         * Claims a task, or returns -1 when none is left: the caller takes them from the front,
         * the workers from the back. So each thread runs the same share of every call, and the
         * data its share wrote is still in its own core's caches when the next call reads it: a
         * layer's weights, read by the forward product and written by the momentum step that rides
         * on the weight gradient, both of which hand out rows of the weights in the same order.
         * Claimed from one end, the rows went to whichever thread asked first, and half the time
         * came from the other core's cache. Measured, two builds taking turns in one JVM, each
         * loaded first in turn: the weight gradient with the momentum step 1.03 times as fast on
         * 256x128x784 and 1.05 to 1.08 on 1024x128x1024; the forward products unchanged (0.99 to
         * 1.01), and so whole training steps hardly (the big benchmark network 1.00 to 1.03, the
         * small one 0.98 to 1.03). The numbers are the same: which thread runs a task never
         * changes what it computes.
         */
        int claim() {
            long step = Thread.currentThread() == caller ? 1 : -(1L << 32);
            for (long u = unclaimed.get(); (int) u < (int) (u >>> 32); u = unclaimed.get()) {
                if (unclaimed.compareAndSet(u, u + step)) {
                    return step == 1 ? (int) u : (int) (u >>> 32) - 1;
                }
            }
            return -1;
        }

        /** Claims and runs tasks until none are left; after a failure, claimed tasks are skipped. */
        void work() {
            while (workOne()) {
                // each call runs one task
            }
        }

        /** Claims and runs one task; false when none was left to claim. After a failure, a claimed task is skipped. */
        boolean workOne() {
            int t = claim();
            if (t < 0) {
                return false;
            }
            if (failure == null) {
                try {
                    body.accept(t);
                } catch (Throwable e) {
                    synchronized (this) {
                        if (failure == null) {
                            failure = e;
                        }
                    }
                }
            }
            if (unfinished.decrementAndGet() == 0 && callerParked) {
                LockSupport.unpark(caller);
            }
            return true;
        }
    }

    /** The daemon workers and the job they are looking at. */
    private static final class Pool {
        final Worker[] workers;
        /** The latest job; workers compare it with the last one they worked on. */
        volatile Job current;
        /** A job for later ({@link Parallel#later}): idle workers run its tasks one at a time. */
        final AtomicReference<Job> later = new AtomicReference<>();

        Pool(int size, Compute owner) {
            workers = new Worker[size];
            for (int i = 0; i < size; i++) {
                workers[i] = new Worker(this, owner, i + 1);
                workers[i].start();
            }
        }

        void run(int tasks, IntConsumer body) {
            Job job = new Job(tasks, body);
            current = job;
            wake();
            finish(job);
        }

        void wake() {
            for (Worker w : workers) {
                if (w.parked) {
                    LockSupport.unpark(w);
                }
            }
        }

        /** Runs what is left of {@code job} here, waits for the tasks other threads are running, and rethrows a failure. */
        static void finish(Job job) {
            job.work();
            awaitAll(job);
            Throwable failure = job.failure;
            if (failure instanceof RuntimeException) {
                throw (RuntimeException) failure;
            }
            if (failure instanceof Error) {
                throw (Error) failure;
            }
            if (failure != null) {
                throw new IllegalStateException("a parallel task failed: " + failure, failure);
            }
        }

        /** Spins briefly (tasks usually end together), then parks until the last task unparks us. */
        private static void awaitAll(Job job) {
            long start = System.nanoTime();
            while (job.unfinished.get() != 0) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                    continue;
                }
                job.callerParked = true;
                if (job.unfinished.get() != 0) {
                    LockSupport.parkNanos(job, 1_000_000);
                }
                job.callerParked = false;
            }
        }
    }

    /** A daemon thread that runs tasks of whatever job is current, then waits for the next. */
    private static final class Worker extends Thread {
        private final Pool pool;
        private final Compute owner;
        volatile boolean parked;

        Worker(Pool pool, Compute owner, int index) {
            super("knobs-worker-" + index + " (" + owner + ")");
            this.pool = pool;
            this.owner = owner;
            setDaemon(true);
        }

        @Override
        public void run() {
            owner.adoptAsWorker();
            Job last = null;
            while (true) {
                Job job = awaitNext(last);
                job.work();
                last = job;
            }
        }

        /**
         * Waits for a job other than {@code last}. The {@code parked} flag and {@code current} are
         * both volatile: the caller writes {@code current} then reads {@code parked}, this thread
         * writes {@code parked} then reads {@code current}, so at least one of them sees the other
         * and a new job is never slept through.
         */
        private Job awaitNext(Job last) {
            long start = System.nanoTime();
            while (true) {
                Job job = pool.current;
                if (job != last) {
                    return job;
                }
                Job later = pool.later.get();
                if (later != null && later.workOne()) {      // idle: one task of the job for later, then look again
                    start = System.nanoTime();
                    continue;
                }
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                    continue;
                }
                parked = true;
                later = pool.later.get();
                long u = later == null ? 0 : later.unclaimed.get();   // park only when every task is claimed
                if (pool.current == last && (int) u >= (int) (u >>> 32)) {
                    LockSupport.park(this);
                }
                parked = false;
            }
        }
    }
}
