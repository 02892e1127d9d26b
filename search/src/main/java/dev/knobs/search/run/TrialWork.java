package dev.knobs.search.run;

import dev.knobs.search.strategy.TrialSpec;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * What a trial does, wherever it runs: on a thread of this JVM or on a Spark executor on another
 * machine, which is why it is {@link Serializable} and carries names, not objects.
 */
public interface TrialWork extends Serializable {
    /**
     * Runs one trial, writing its run folder to {@code out} (which need not exist).
     *
     * @return the exit code and what the trial printed
     */
    TrialRun run(TrialSpec spec, Path out);

    /** Gets this machine ready for trials (data fetched and verified, a validation split made); safe to call often. */
    default void prepare() {}

    /**
     * The same work measured on the test set instead of validation images, for the one run of the
     * chosen configuration at the end. Work that never holds images out returns itself.
     */
    default TrialWork forTest() {
        return this;
    }

    /**
     * The validation accuracy of a finished trial, read from its run folder.
     *
     * @throws IllegalStateException when the folder holds no validation accuracy, saying why
     */
    double validationAccuracy(Path folder);

    /** The test accuracy of a finished run of {@link #forTest()} work, read from its run folder. */
    double testAccuracy(Path folder);
}
