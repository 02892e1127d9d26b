package dev.knobs.nn.kernel;

import java.util.function.IntConsumer;

/**
 * How kernels share out work: {@link #forEach} runs numbered tasks, {@link #range} cuts an index
 * range into contiguous chunks, both on the threads of {@link Compute#current()} (see
 * {@link WorkerPool} for how the threads hand work to each other).
 *
 * <p>Tasks must write disjoint outputs, and a task's arithmetic must not depend on how many
 * threads there are: then results are bit-identical for any thread count.
 *
 * <p><b>Several callers.</b> One job runs on a pool at a time. A call made while a job is running
 * (from another thread, or from inside a task) runs its tasks serially in the calling thread
 * instead of waiting, so nested and concurrent calls are safe and cannot deadlock.
 *
 * <p><b>Failures.</b> If a task throws, the remaining unclaimed tasks are skipped and the first
 * exception is rethrown, unchanged, in the calling thread once every running task has finished.
 */
public final class Parallel {
    private Parallel() {}

    /** How many threads kernels use now (the calling thread included): {@code Compute.current().threads()}. */
    public static int threads() {
        return Compute.current().threads();
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
        Compute.current().pool().forEach(tasks, body);
    }

    /** Work handed out by {@link #later}. */
    @FunctionalInterface
    public interface Later {
        /**
         * Runs the tasks no thread has started yet in the calling thread, waits for the others,
         * and returns when all are done.
         *
         * @throws RuntimeException or Error: the first one a task threw, rethrown unchanged
         */
        void join();
    }

    /**
     * Hands out {@code body.accept(task)} for every task in {@code [0, tasks)} to be done while the
     * other threads have nothing else to do, and returns at once; {@link Later#join} finishes it.
     * An idle worker runs one task, then looks for a job of {@link #forEach} before it takes the
     * next, so this work fills the gaps in the caller's parallel work without delaying it by more
     * than a task. Tasks must write disjoint outputs that nothing reads before {@code join}. With
     * one thread, or while another job holds the threads, the tasks run here and now. One such
     * job at a time per {@link Compute}: handing out another finishes the one before.
     */
    public static Later later(int tasks, IntConsumer body) {
        return Compute.current().pool().later(tasks, body);
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
        Compute.current().pool().range(n, grain, body);
    }
}
