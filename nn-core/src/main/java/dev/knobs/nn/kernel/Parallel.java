package dev.knobs.nn.kernel;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The worker threads every kernel shares.
 *
 * <p>The thread count comes from {@code -Dknobs.threads=N} (default: all cores) and can be
 * changed with {@link #setThreads(int)}. Work is split into tasks whose outputs are disjoint and
 * whose arithmetic does not depend on how many threads run them, so results are the same for
 * any thread count.
 *
 * <p><b>Why not an {@code ExecutorService}.</b> Layers call this for elementwise work on about
 * 100,000 floats, which takes tens of microseconds. Submitting one {@code Future} per task and
 * waking sleeping pool threads costs about as much as the work itself. So this pool keeps
 * {@code threads() - 1} daemon workers that, after a job, <em>spin</em> for a short while
 * ({@value #SPIN_NANOS} ns) waiting for the next one before they <em>park</em> (sleep). The calling
 * thread publishes a job, runs tasks itself like a worker, and waits for the last task:
 *
 * <pre>
 *   caller:   publish job ──► claim task ► run ► claim ► run ► … ► wait until all done ► return
 *   worker 1:    (spinning) ─► claim task ► run ► claim ► run ► … ► spin ► park
 *   worker 2:    (parked)  ──► woken ──────► claim ► run ► …
 * </pre>
 *
 * <p>Tasks are claimed from a shared counter, so a worker that was descheduled simply claims
 * fewer tasks. Which thread runs a task never changes what the task computes.
 *
 * <p><b>Several callers.</b> One job runs at a time. A call made while a job is running (from
 * another thread, or from inside a task) runs its tasks serially in the calling thread instead of
 * waiting, so nested and concurrent calls are safe and cannot deadlock.
 *
 * <p><b>Failures.</b> If a task throws, the remaining unclaimed tasks are skipped and the first
 * exception is rethrown, unchanged, in the calling thread once every running task has finished.
 */
public final class Parallel {
    /** How long an idle worker spins before it parks: longer gives faster hand-offs, shorter wastes less CPU. */
    static final long SPIN_NANOS = 100_000;

    private static volatile int threads = initialThreads();
    /** True while a job owns the workers; a second caller that finds it set runs serially. */
    private static final AtomicBoolean BUSY = new AtomicBoolean();
    /** The workers; read and replaced only while holding {@link #BUSY}. */
    private static Pool pool;

    private Parallel() {}

    /** How many threads kernels use (the calling thread included). */
    public static int threads() {
        return threads;
    }

    /**
     * Sets the number of threads kernels use, the calling thread included. Takes effect at the next
     * call; workers are (re)started lazily.
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Parallel.setThreads: thread count must be at least 1, got " + n);
        }
        threads = n;
    }

    /** A body over a half-open range of indices {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    /**
     * Runs {@code body.accept(task)} once for every task in {@code [0, tasks)} and returns when all
     * are done. Tasks may run in any order and on any thread, so they must write disjoint outputs.
     * Does nothing if {@code tasks <= 0}.
     *
     * @throws RuntimeException or Error: the first one a task threw, rethrown unchanged
     */
    public static void forEach(int tasks, IntConsumer body) {
        Objects.requireNonNull(body, "Parallel.forEach: body must not be null");
        if (tasks <= 0) {
            return;
        }
        int wanted = threads;
        if (tasks == 1 || wanted == 1 || !BUSY.compareAndSet(false, true)) {
            for (int t = 0; t < tasks; t++) {
                body.accept(t);
            }
            return;
        }
        try {
            if (pool == null || pool.workers.length != wanted - 1) {
                if (pool != null) {
                    pool.shutdown();
                }
                pool = new Pool(wanted - 1);
            }
            pool.run(tasks, body);
        } finally {
            BUSY.set(false);
        }
    }

    /**
     * Splits {@code [0, n)} into at most {@link #threads()} contiguous chunks of at least
     * {@code grain} indices (one chunk if {@code n < 2 * grain}) and runs {@code body} on each.
     * Does nothing if {@code n <= 0}.
     *
     * <p>The chunk boundaries depend on the thread count. Elementwise work gives the same result
     * for any split; a body that sums per chunk would not, so combine partial sums in a fixed
     * order of fixed-size pieces instead.
     */
    public static void range(int n, int grain, RangeBody body) {
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

    private static int initialThreads() {
        String p = System.getProperty("knobs.threads");
        if (p == null || p.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int n = Integer.parseInt(p.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("-Dknobs.threads must be a whole number >= 1, got '" + p + "'");
    }

    /** One call of {@link #forEach}: the tasks, who claims the next one, and how many are unfinished. */
    private static final class Job {
        final int tasks;
        final IntConsumer body;
        final Thread caller = Thread.currentThread();
        final AtomicInteger nextTask = new AtomicInteger();
        final AtomicInteger unfinished;
        volatile Throwable failure;
        volatile boolean callerParked;

        Job(int tasks, IntConsumer body) {
            this.tasks = tasks;
            this.body = body;
            this.unfinished = new AtomicInteger(tasks);
        }

        /** Claims and runs tasks until none are left; after a failure, claimed tasks are skipped. */
        void work() {
            for (int t = nextTask.getAndIncrement(); t < tasks; t = nextTask.getAndIncrement()) {
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
            }
        }
    }

    /** The daemon workers and the job they are looking at. */
    private static final class Pool {
        /** Handed to workers to make them exit. */
        private static final Job STOP = new Job(0, t -> {});

        final Worker[] workers;
        /** The latest job; workers compare it with the last one they worked on. */
        volatile Job current;

        Pool(int size) {
            workers = new Worker[size];
            for (int i = 0; i < size; i++) {
                workers[i] = new Worker(this, i + 1);
                workers[i].start();
            }
        }

        void run(int tasks, IntConsumer body) {
            Job job = new Job(tasks, body);
            current = job;
            for (Worker w : workers) {
                if (w.parked) {
                    LockSupport.unpark(w);
                }
            }
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

        void shutdown() {
            current = STOP;
            for (Worker w : workers) {
                LockSupport.unpark(w);
            }
        }
    }

    /** A daemon thread that runs tasks of whatever job is current, then waits for the next. */
    private static final class Worker extends Thread {
        private final Pool pool;
        volatile boolean parked;

        Worker(Pool pool, int index) {
            super("knobs-worker-" + index);
            this.pool = pool;
            setDaemon(true);
        }

        @Override
        public void run() {
            Job last = null;
            while (true) {
                Job job = awaitNext(last);
                if (job == Pool.STOP) {
                    return;
                }
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
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                    continue;
                }
                parked = true;
                if (pool.current == last) {
                    LockSupport.park(this);
                }
                parked = false;
            }
        }
    }
}
