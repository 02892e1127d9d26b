package dev.knobs.tribuo.experiments;

import dev.knobs.lessons.common.Lesson;
import dev.knobs.tribuo.data.MnistLoader;

/**
 * One experiment of the Tribuo port: the Tribuo counterpart of one or more lessons, run with
 * {@code mvn -pl tribuo-port exec:java -Dexec.args="NAME --mode smoke"}. Its body writes into
 * {@code tribuo-port/output/NAME/} through {@link Lesson}, in the lessons' format, and returns
 * the test accuracy of the configuration it chose (chosen on validation data).
 */
public interface Experiment {

    /** The name on the command line and of the output folder, e.g. {@code "dropout"}. */
    String name();

    /** A title for headers and the site, e.g. {@code "Dropout with Tribuo"}. */
    String title();

    /** The lessons (and assignment requirements) it mirrors, e.g. {@code "07 (b)"}. */
    String mirrors();

    /** One line for {@code --help}. */
    String summary();

    /** Runs the experiment; returns the test accuracy of the chosen configuration. */
    double run(Lesson lesson, MnistLoader loader) throws Exception;
}
