package dev.knobs.search.run;

import java.io.PrintStream;

/**
 * A backend found at run time with {@link java.util.ServiceLoader}, so that {@code --spark} works
 * when the search-spark module is on the class path and the search module itself never depends on
 * Spark.
 */
public interface BackendProvider {
    /**
     * Opens a backend on {@code master} (e.g. {@code local[2]} or {@code spark://host:7077}).
     *
     * @param parallel trials at once, or 0 for one per executor core the cluster offers
     * @param threads  kernel threads per trial
     * @param retries  how many times a trial that failed on an executor is started again
     */
    TrialBackend open(String master, int parallel, int threads, int retries, PrintStream out);
}
