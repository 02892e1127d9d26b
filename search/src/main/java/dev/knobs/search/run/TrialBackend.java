package dev.knobs.search.run;

import dev.knobs.search.strategy.TrialSpec;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Where trials run: threads of this JVM ({@link LocalBackend}) or the executors of a Spark
 * cluster (the search-spark module). A backend runs up to {@link #slots()} trials at once and
 * puts each trial's run folder in place before it reports the trial done.
 */
public interface TrialBackend extends AutoCloseable {
    /** How many trials run at once. */
    int slots();

    /**
     * Starts a trial and returns at once; {@code done} is called exactly once, on any thread, when
     * the trial has finished (its run folder written to {@code folder}) or has failed for good.
     */
    void start(TrialWork work, TrialSpec spec, Path folder, Consumer<Delivery> done);

    /** One line for the search's header: where trials run, how many at once, with how many threads. */
    String describe();

    @Override
    void close();
}
