package dev.knobs.tribuo;

import dev.knobs.data.Mnist;
import dev.knobs.data.ProjectPaths;
import dev.knobs.lessons.common.KnobSet;
import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.LessonOptions;
import dev.knobs.lessons.common.UsageException;
import dev.knobs.tribuo.data.MnistLoader;
import dev.knobs.tribuo.experiments.ActivationsExperiment;
import dev.knobs.tribuo.experiments.AugmentationExperiment;
import dev.knobs.tribuo.experiments.BaselinesExperiment;
import dev.knobs.tribuo.experiments.CompareExperiment;
import dev.knobs.tribuo.experiments.DepthExperiment;
import dev.knobs.tribuo.experiments.DropoutExperiment;
import dev.knobs.tribuo.experiments.Experiment;
import dev.knobs.tribuo.experiments.FinalChoiceExperiment;
import dev.knobs.tribuo.experiments.FinalExperiment;
import dev.knobs.tribuo.experiments.InitialisationExperiment;
import dev.knobs.tribuo.experiments.LearningRateExperiment;
import dev.knobs.tribuo.experiments.MiniBatchExperiment;
import dev.knobs.tribuo.experiments.MlpExperiment;
import dev.knobs.tribuo.experiments.NormalisationExperiment;
import dev.knobs.tribuo.experiments.OnnxExperiment;
import dev.knobs.tribuo.experiments.SchedulesExperiment;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * The command line of the Tribuo port: runs one experiment, or the standard set.
 *
 * <pre>
 *   mvn -pl tribuo-port exec:java                                   the standard set ("all", about two minutes)
 *   mvn -pl tribuo-port exec:java -Dexec.args="dropout --mode smoke"
 *   mvn -pl tribuo-port exec:java -Dexec.args="--help"              lists the experiments
 * </pre>
 *
 * Every experiment accepts the lessons' flags ({@code --mode}, {@code --epochs}, {@code --seed},
 * {@code --threads}, {@code --out}) and writes {@code tribuo-port/output/NAME/} in the lessons'
 * format ({@code result.json}, figures, tables).
 */
public final class Experiments {
    /** Tribuo and OLCUT log at INFO for every epoch and file; the experiments print their own progress. */
    private static final List<Logger> QUIET = List.of(Logger.getLogger("org.tribuo"), Logger.getLogger("com.oracle.labs"));

    /** Every experiment, in course order. */
    public static final List<Experiment> ALL = List.of(new BaselinesExperiment(), new MlpExperiment(),
            new NormalisationExperiment(), new MiniBatchExperiment(), new InitialisationExperiment(),
            new ActivationsExperiment(), new LearningRateExperiment(), new DropoutExperiment(), new AugmentationExperiment(),
            new DepthExperiment(), new SchedulesExperiment(), FinalExperiment.best(), new FinalChoiceExperiment(), FinalExperiment.augmented(),
            new OnnxExperiment(), new CompareExperiment());

    /** What {@code all} runs: the port's headline numbers within about two minutes on two cores. */
    public static final List<String> STANDARD_SET = List.of("baselines", "mlp", "onnx", "compare");

    /**
     * What {@code course} runs (the course profile of the build): every knob of lessons 01-11 through
     * Tribuo, about ten minutes on two cores. The final runs on all 60,000 images take an hour more and
     * run only when asked for ({@code everything}, or by name).
     */
    public static final List<String> COURSE_SET = List.of("baselines", "mlp", "normalisation", "mini-batch",
            "initialisation", "activations", "learning-rate", "dropout", "augmentation", "depth", "schedules", "onnx",
            "compare");

    private Experiments() {}

    public static void main(String[] args) {
        int code = execute(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** The command line, read with picocli: the experiment's name and the lessons' run flags. */
    @Command(name = "tribuo-port", sortOptions = false)
    static final class Flags {
        @Parameters(paramLabel = "EXPERIMENT", arity = "0..1", description = "an experiment, or all, course, everything")
        String name = "all";

        @Option(names = "--mode", paramLabel = "MODE", description = "smoke, standard or full")
        String mode;

        @Option(names = "--epochs", paramLabel = "N", description = "override every MLP's epochs")
        String epochs;

        @Option(names = "--seed", paramLabel = "N", description = "random seed (default 42)")
        String seed;

        @Option(names = "--threads", paramLabel = "N", description = "threads for the matrix kernels")
        String threads;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "an MNIST-format dataset instead of MNIST")
        Path dataDir;

        @Option(names = "--out", paramLabel = "DIR", description = "where the outputs go")
        Path out;

        @Option(names = {"--help", "-h"}, usageHelp = true)
        boolean help;

        /** The flags every experiment's {@link Lesson} run gets (all but the name and the output folder). */
        List<String> lessonFlags() {
            List<String> flags = new ArrayList<>();
            add(flags, "--mode", mode);
            add(flags, "--epochs", epochs);
            add(flags, "--seed", seed);
            add(flags, "--threads", threads);
            add(flags, "--data-dir", dataDir == null ? null : dataDir.toAbsolutePath().toString());
            return flags;
        }

        private static void add(List<String> flags, String flag, String value) {
            if (value != null) {
                flags.add(flag);
                flags.add(value);
            }
        }
    }

    /** Runs what {@code args} asks for and returns the exit code: 0 success, 2 bad arguments, 1 a failed run. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        QUIET.forEach(l -> l.setLevel(Level.WARNING));
        Flags parsed = new Flags();
        CommandLine cli = new CommandLine(parsed);
        try {
            cli.parseArgs(java.util.Arrays.stream(args).filter(a -> !a.isBlank()).toArray(String[]::new));
        } catch (CommandLine.UnmatchedArgumentException e) {
            String what = e.getUnmatched().isEmpty() ? "?" : e.getUnmatched().get(0);
            err.println("error: " + (what.startsWith("-") ? "unknown flag '" + what + "'" + (e.getSuggestions().isEmpty()
                    ? "" : "; did you mean " + e.getSuggestions().get(0) + "?") : "give one experiment (or 'all'), got "
                    + what + " as well"));
            err.println("Run with --help to see the experiments and flags.");
            return 2;
        } catch (CommandLine.ParameterException e) {
            err.println("error: " + e.getMessage());
            err.println("Run with --help to see the experiments and flags.");
            return 2;
        }
        if (parsed.help) {
            out.print(usage());
            return 0;
        }
        List<String> flags = parsed.lessonFlags();
        Path outDir = parsed.out;
        try {
            LessonOptions.parse(flags.toArray(String[]::new), KnobSet.of(Lesson.NoKnobs.class));
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println("Run with --help to see the experiments and flags.");
            return 2;
        }
        String name = parsed.name;
        List<Experiment> chosen = new ArrayList<>();
        if (name.equals("all")) {
            STANDARD_SET.forEach(n -> chosen.add(find(n)));
        } else if (name.equals("course")) {
            COURSE_SET.forEach(n -> chosen.add(find(n)));
        } else if (name.equals("everything")) {
            chosen.addAll(ALL);
        } else {
            Experiment e = find(name);
            if (e == null) {
                err.println("error: unknown experiment '" + name + "'. Known: all, course, everything, "
                        + String.join(", ", ALL.stream().map(Experiment::name).toList()));
                return 2;
            }
            chosen.add(e);
        }
        MnistLoader loader = new MnistLoader();
        int worst = 0;
        for (Experiment e : chosen) {
            List<String> lessonArgs = new ArrayList<>(flags);
            lessonArgs.add("--out");
            lessonArgs.add(outputFor(e, outDir, chosen.size() > 1).toString());
            int code = Lesson.execute(lessonArgs.toArray(String[]::new), "tribuo-" + e.name(), e.title(),
                    (lesson, none) -> {
                        lesson.readsDataFrom(parsed.dataDir != null ? parsed.dataDir : Mnist.fetch());
                        double accuracy = e.run(lesson, loader);
                        if (e.lessonNumber() > 0) {
                            lesson.metric("lesson_number", e.lessonNumber());
                        }
                        return new Lesson.Accuracy(accuracy);
                    }, out, err);
            worst = Math.max(worst, code);
        }
        return worst;
    }

    /** {@code --out DIR} for one experiment, {@code DIR/NAME} for several, else {@code tribuo-port/output/NAME}. */
    private static Path outputFor(Experiment e, Path outDir, boolean several) {
        if (outDir != null) {
            return several ? outDir.resolve(e.name()) : outDir;
        }
        return ProjectPaths.root().map(r -> r.resolve("tribuo-port")).orElse(Path.of("."))
                .resolve("output").resolve(e.name());
    }

    private static Experiment find(String name) {
        return ALL.stream().filter(e -> e.name().equals(name)).findFirst().orElse(null);
    }

    /** The text of {@code --help}. */
    public static String usage() {
        StringBuilder s = new StringBuilder("The course on Tribuo: every knob of the lessons as a Tribuo configuration.\n\n");
        s.append("  mvn -pl tribuo-port exec:java -Dexec.args=\"EXPERIMENT [flags]\"\n\n");
        s.append("Experiments:\n");
        s.append(String.format("  %-16s %s%n", "all", "the standard set (" + String.join(", ", STANDARD_SET)
                + "), about two minutes on two cores (the default)"));
        s.append(String.format("  %-16s %s%n", "course", "every knob experiment, as the course build runs it (about ten minutes)"));
        s.append(String.format("  %-16s %s%n", "everything", "every experiment below, one after the other"));
        for (Experiment e : ALL) {
            s.append(String.format("  %-16s %s [lesson %s]%n", e.name(), e.summary(), e.mirrors()));
        }
        s.append("\nConfiguration files: tribuo-port/src/main/resources/dev/knobs/tribuo/configs/EXPERIMENT.xml\n");
        s.append("Output: tribuo-port/output/EXPERIMENT/ (result.json, figures, tables, the configuration used)\n\n");
        s.append(LessonOptions.optionsHelp(true));
        return s.toString();
    }
}
