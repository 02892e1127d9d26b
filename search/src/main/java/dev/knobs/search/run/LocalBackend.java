package dev.knobs.search.run;

import dev.knobs.search.strategy.TrialSpec;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Trials on threads of this JVM: {@code slots} at once, each lesson run with its own kernel
 * threads. A trial whose program throws (rather than exiting with an error, which is the trial's
 * own result) is started again, up to {@code retries} more times.
 */
public final class LocalBackend implements TrialBackend {
    private final int slots;
    private final int threadsPerTrial;
    private final int retries;
    private final ExecutorService pool;

    public LocalBackend(int slots, int threadsPerTrial, int retries) {
        this.slots = slots;
        this.threadsPerTrial = threadsPerTrial;
        this.retries = retries;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(slots, r -> {
            Thread t = new Thread(r, "trial-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public int slots() {
        return slots;
    }

    @Override
    public void start(TrialWork work, TrialSpec spec, Path folder, Consumer<Delivery> done) {
        pool.execute(() -> {
            String failure = null;
            int attempt = 0;
            long start = System.nanoTime();
            long cpu = cpuNanos();
            while (attempt <= retries) {
                attempt++;
                start = System.nanoTime();
                cpu = cpuNanos();
                try {
                    work.prepare();
                    TrialRun run = work.run(spec, folder);
                    done.accept(new Delivery(spec, run, null, attempt, host(), (System.nanoTime() - start) / 1e9,
                            (cpuNanos() - cpu) / 1e9));
                    return;
                } catch (RuntimeException | Error e) {
                    failure = e.toString();
                }
            }
            done.accept(new Delivery(spec, null, failure, attempt, host(), (System.nanoTime() - start) / 1e9,
                    (cpuNanos() - cpu) / 1e9));
        });
    }

    @Override
    public String describe() {
        return "this JVM: " + slots + (slots == 1 ? " trial" : " trials") + " at once, " + threadsPerTrial
                + (threadsPerTrial == 1 ? " thread" : " threads") + " each";
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** CPU time this JVM has used so far, in nanoseconds (-1 where the platform does not say). */
    public static long cpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** This machine's name, for the journal, read without asking any name server. */
    public static String host() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException | RuntimeException e) {
            return "localhost";
        }
    }
}
