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

    /**
     * The number of the lesson it is compared with (the first of {@link #mirrors()}), or 0 for
     * none. Recorded as the metric {@code lesson_number}, which the site uses to pair it.
     */
    default int lessonNumber() {
        String m = mirrors();
        return m.length() >= 2 && Character.isDigit(m.charAt(0)) && Character.isDigit(m.charAt(1))
                ? Integer.parseInt(m.substring(0, 2)) : 0;
    }

    /** One line for {@code --help}. */
    String summary();

    /** Runs the experiment; returns the test accuracy of the chosen configuration. */
    double run(Lesson lesson, MnistLoader loader) throws Exception;
}
