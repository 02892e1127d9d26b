package dev.knobs.nn.kernel;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the kernels run: how many threads, and which matrix-multiply implementation.
 *
 * <p>A {@code Compute} is a value: it never changes once made. Whoever starts work passes one in
 * (the training loop, a lesson, a benchmark), and the work runs inside it:
 *
 * <pre>
 *   Compute two = Compute.of(2);                 // 2 threads, the fastest kernel
 *   History h = two.call(() -> loop.run());      // every kernel called inside uses 2 threads
 *   Compute.current()                            // what a kernel asks: the innermost call's Compute
 * </pre>
 *
 * <p>Outside any {@link #call}, {@link #current()} is {@link #defaults()}: all cores and the
 * Vector API kernel when the JVM has the module. The scope reaches the worker threads too: each
 * {@code Compute} owns its workers, and a worker runs every task with its owner as the current
 * {@code Compute} (a plain {@link ThreadLocal} set by the caller would not reach them). Two
 * {@code Compute}s can be used at the same time from different threads without affecting each
 * other; the thread count never changes a result, only how fast it comes.
 *
 * <p>The defaults can be set when the JVM starts: {@code -Dknobs.threads=N} (default: all cores)
 * and {@code -Dknobs.kernel=auto|vector|scalar} (default auto: vector when available).
 */
public final class Compute {
    /** The matrix-multiply implementations: the Vector API one, or plain Java (the fallback). */
    public enum Kernel {
        /** {@link VectorMicroKernel}: needs {@code --add-modules=jdk.incubator.vector}. */
        VECTOR,
        /** {@link ScalarMicroKernel}: plain Java, always available, about 6 times slower. */
        SCALAR;

        /** "vector" or "scalar". */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Map<String, Compute> MADE = new ConcurrentHashMap<>();
    private static final ThreadLocal<Compute> CURRENT = new ThreadLocal<>();

    private final int threads;
    private final Kernel kernel;
    private final MicroKernel microKernel;
    private final WorkerPool pool;

    private Compute(int threads, Kernel kernel) {
        this.threads = threads;
        this.kernel = kernel;
        this.microKernel = kernel == Kernel.VECTOR ? Gemm.vectorKernelOrNull() : Gemm.scalarKernel();
        this.pool = new WorkerPool(threads, this);
    }

    /**
     * {@code threads} threads (the calling one included) and the fastest kernel this JVM has.
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public static Compute of(int threads) {
        return of(threads, fastestKernel());
    }

    /**
     * {@code threads} threads and the given kernel. The same settings give the same object, so
     * asking again costs nothing and starts no new threads.
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     * @throws IllegalStateException    for {@link Kernel#VECTOR} on a JVM without the Vector API module
     */
    public static Compute of(int threads, Kernel kernel) {
        Objects.requireNonNull(kernel, "kernel");
        if (threads < 1) {
            throw new IllegalArgumentException("the thread count must be at least 1, got " + threads);
        }
        if (kernel == Kernel.VECTOR && !vectorAvailable()) {
            throw new IllegalStateException("the vector kernel needs the Vector API: run java with "
                    + "--add-modules=jdk.incubator.vector, or choose the scalar kernel");
        }
        return MADE.computeIfAbsent(threads + "/" + kernel, key -> new Compute(threads, kernel));
    }

    /** All cores and the fastest kernel, unless {@code -Dknobs.threads} or {@code -Dknobs.kernel} say otherwise. */
    public static Compute defaults() {
        return Defaults.VALUE;
    }

    /** The {@code Compute} of the innermost {@link #call} on this thread, or {@link #defaults()}. */
    public static Compute current() {
        Compute c = CURRENT.get();
        return c != null ? c : Defaults.VALUE;
    }

    /** Work to run inside a {@code Compute}: returns a result, and may throw {@code E}. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T get() throws E;
    }

    /**
     * Runs {@code work} with this {@code Compute} as the current one, and returns its result.
     * Whatever {@code work} throws comes out unchanged.
     */
    public <T, E extends Exception> T call(Work<T, E> work) throws E {
        try (Scope scope = open()) {
            return work.get();
        }
    }

    /**
     * Makes this the current {@code Compute} on the calling thread until the returned scope is
     * closed, for work that does not fit in one call (a benchmark's set-up and tear-down):
     * {@code try (Compute.Scope s = compute.open()) { ... }}.
     */
    public Scope open() {
        Scope scope = new Scope(CURRENT.get(), Thread.currentThread());
        CURRENT.set(this);
        return scope;
    }

    /** An open scope; closing it makes the {@code Compute} that was current before current again. */
    public static final class Scope implements AutoCloseable {
        private final Compute outer;
        private final Thread thread;

        private Scope(Compute outer, Thread thread) {
            this.outer = outer;
            this.thread = thread;
        }

        @Override
        public void close() {
            if (Thread.currentThread() != thread) {
                throw new IllegalStateException("a Compute scope must be closed on the thread that opened it");
            }
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** {@link #call} for work without a result. */
    public void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    /** Threads the kernels use, the calling thread included. */
    public int threads() {
        return threads;
    }

    /** Which matrix-multiply implementation the kernels use. */
    public Kernel kernel() {
        return kernel;
    }

    /** True if the Vector API module is in this JVM, so {@link Kernel#VECTOR} can be used. */
    public static boolean vectorAvailable() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    MicroKernel microKernel() {
        return microKernel;
    }

    WorkerPool pool() {
        return pool;
    }

    /** Makes the calling thread (a worker) run with this {@code Compute} for as long as it lives. */
    void adoptAsWorker() {
        CURRENT.set(this);
    }

    @Override
    public String toString() {
        return threads + (threads == 1 ? " thread, " : " threads, ") + kernel.label() + " kernel";
    }

    private static Kernel fastestKernel() {
        return vectorAvailable() ? Kernel.VECTOR : Kernel.SCALAR;
    }

    /** Reads the JVM's {@code -Dknobs.*} settings once, on first use. */
    private static final class Defaults {
        static final Compute VALUE = of(threadsProperty(), kernelProperty());

        private static int threadsProperty() {
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

        private static Kernel kernelProperty() {
            String wanted = System.getProperty("knobs.kernel", "auto").trim().toLowerCase(Locale.ROOT);
            switch (wanted) {
                case "auto":
                case "":
                    return fastestKernel();
                case "scalar":
                    return Kernel.SCALAR;
                case "vector":
                    if (!vectorAvailable()) {
                        throw new IllegalStateException("-Dknobs.kernel=vector needs the Vector API:"
                                + " run java with --add-modules=jdk.incubator.vector");
                    }
                    return Kernel.VECTOR;
                default:
                    throw new IllegalArgumentException("-Dknobs.kernel must be auto, vector or scalar, got '"
                            + System.getProperty("knobs.kernel") + "'");
            }
        }
    }
}
