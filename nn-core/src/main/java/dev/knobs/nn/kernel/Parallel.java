package dev.knobs.nn.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * The worker threads every kernel shares.
 *
 * <p>The thread count comes from {@code -Dknobs.threads=N} (default: all cores) and can be
 * changed with {@link #setThreads(int)}. Work is split into tasks whose outputs are disjoint and
 * whose arithmetic does not depend on how many threads run them, so results are the same for
 * any thread count.
 */
public final class Parallel {
    private static volatile int threads = initialThreads();
    private static ExecutorService pool;

    private Parallel() {}

    /** How many threads kernels use. */
    public static int threads() {
        return threads;
    }

    /** Pins the number of threads kernels use; {@code n} must be at least 1. */
    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + n);
        }
        if (n != threads && pool != null) {
            pool.shutdown();
            pool = null;
        }
        threads = n;
    }

    /** A body over a half-open range of indices {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    /**
     * Runs {@code body.accept(task)} for every task in {@code [0, tasks)} and returns when all are
     * done. Tasks must write disjoint outputs.
     */
    public static void forEach(int tasks, IntConsumer body) {
        if (tasks <= 0) {
            return;
        }
        if (threads == 1 || tasks == 1) {
            for (int t = 0; t < tasks; t++) {
                body.accept(t);
            }
            return;
        }
        ExecutorService executor = executor();
        List<Future<?>> futures = new ArrayList<>(tasks);
        for (int t = 0; t < tasks; t++) {
            int task = t;
            futures.add(executor.submit(() -> body.accept(task)));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (Exception e) {
                throw new IllegalStateException("a kernel task failed: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Splits {@code [0, n)} into at most {@link #threads()} contiguous chunks of at least
     * {@code grain} indices and runs {@code body} on each.
     */
    public static void range(int n, int grain, RangeBody body) {
        int chunks = Math.max(1, Math.min(threads, n / Math.max(1, grain)));
        if (chunks == 1) {
            body.run(0, n);
            return;
        }
        forEach(chunks, c -> body.run((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks)));
    }

    private static synchronized ExecutorService executor() {
        if (pool == null) {
            pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "knobs-kernel");
                t.setDaemon(true);
                return t;
            });
        }
        return pool;
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
}
