package dev.knobs.search.spark;

import dev.knobs.search.run.BackendProvider;
import dev.knobs.search.run.TrialBackend;
import java.io.PrintStream;

/** Makes {@code --spark MASTER} of the search's command line open a {@link SparkBackend}. */
public final class SparkBackendProvider implements BackendProvider {
    @Override
    public TrialBackend open(String master, int parallel, int threads, int retries, PrintStream out) {
        return SparkBackend.open(master, parallel, threads, retries, out);
    }
}
