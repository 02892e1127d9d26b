package dev.knobs.tribuo;

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
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

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

    private static final Set<String> FLAGS_WITH_VALUES = Set.of("--mode", "--epochs", "--seed", "--threads", "--data-dir", "--out");

    private Experiments() {}

    public static void main(String[] args) {
        int code = execute(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs what {@code args} asks for and returns the exit code: 0 success, 2 bad arguments, 1 a failed run. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        QUIET.forEach(l -> l.setLevel(Level.WARNING));
        List<String> names = new ArrayList<>();
        List<String> flags = new ArrayList<>();
        Path outDir = null;
        Path dataDir = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.isBlank()) {
                continue;
            }
            if (FLAGS_WITH_VALUES.contains(a) && i + 1 < args.length) {
                if (a.equals("--out")) {
                    outDir = Path.of(args[++i]);
                } else if (a.equals("--data-dir")) {
                    dataDir = Path.of(args[++i]);
                } else {
                    flags.add(a);
                    flags.add(args[++i]);
                }
            } else if (a.startsWith("-")) {
                flags.add(a);
            } else {
                names.add(a);
            }
        }
        if (flags.contains("--help") || flags.contains("-h")) {
            out.print(usage());
            return 0;
        }
        try {
            LessonOptions.parse(flags.toArray(String[]::new), KnobSet.of(Lesson.NoKnobs.class));
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println("Run with --help to see the experiments and flags.");
            return 2;
        }
        if (names.size() > 1) {
            err.println("error: give one experiment (or 'all'), got " + names);
            return 2;
        }
        String name = names.isEmpty() ? "all" : names.get(0);
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
        if (dataDir != null) {
            flags.add("--data-dir");
            flags.add(dataDir.toAbsolutePath().toString());
        }
        MnistLoader loader = new MnistLoader();
        int worst = 0;
        for (Experiment e : chosen) {
            List<String> lessonArgs = new ArrayList<>(flags);
            lessonArgs.add("--out");
            lessonArgs.add(outputFor(e, outDir, chosen.size() > 1).toString());
            int code = Lesson.execute(lessonArgs.toArray(String[]::new), "tribuo-" + e.name(), e.title(),
                    (lesson, none) -> {
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
