package dev.knobs.tribuo.experiments;

import dev.knobs.data.ProjectPaths;
import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.RunFolders;
import dev.knobs.lessons.common.LessonResult;
import dev.knobs.lessons.common.Plots;
import dev.knobs.lessons.common.TextTable;
import dev.knobs.nn.io.Json;
import dev.knobs.tribuo.data.MnistLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Part 1 against Part 2: each lesson next to its Tribuo experiment, from the {@code result.json}
 * files both wrote (whatever has been run; nothing is trained here) and from the source code:
 * test accuracy, run time and lines of code. Lines count code only (no blanks or comments); a
 * lesson counts its own module's Java, an experiment its class plus its configuration file.
 */
public final class CompareExperiment implements Experiment {

    /** A lesson and the Tribuo experiment that mirrors it. */
    record Pair(String lesson, String experiment, String experimentClass) {}

    static final List<Pair> PAIRS = List.of(
            new Pair("01-first-network", "mlp", "MlpExperiment"),
            new Pair("02-normalization", "normalisation", "NormalisationExperiment"),
            new Pair("03-mini-batch", "mini-batch", "MiniBatchExperiment"),
            new Pair("04-initialization", "initialisation", "InitialisationExperiment"),
            new Pair("05-activations", "activations", "ActivationsExperiment"),
            new Pair("06-learning-rate", "learning-rate", "LearningRateExperiment"),
            new Pair("07-dropout", "dropout", "DropoutExperiment"),
            new Pair("08-augmentation", "augmentation", "AugmentationExperiment"),
            new Pair("09-deeper-layers", "depth", "DepthExperiment"),
            new Pair("10-lr-schedules", "schedules", "SchedulesExperiment"),
            new Pair("11-evaluation", "mlp", "MlpExperiment"),
            new Pair("12-towards-99", "mlp-augmented", "FinalExperiment"));

    @Override
    public String name() {
        return "compare";
    }

    @Override
    public String title() {
        return "From scratch against Tribuo";
    }

    @Override
    public String mirrors() {
        return "01 to 12";
    }

    @Override
    public int lessonNumber() {
        return 0;
    }

    @Override
    public String summary() {
        return "each lesson next to its Tribuo experiment: accuracy, time and lines of code (reads result.json files)";
    }

    @Override
    public double run(Lesson lesson, MnistLoader loader) {
        Path root = ProjectPaths.root().orElseThrow(() -> new IllegalArgumentException(
                "compare reads the lessons' and the experiments' outputs inside the project: run it from the project folder"));
        lesson.section("1. The results found");
        TextTable table = new TextTable("Each lesson (from scratch, nn-core) and its Tribuo experiment", "lesson",
                "from scratch: test accuracy", "seconds", "mode", "lines", "Tribuo experiment", "Tribuo: test accuracy",
                "seconds", "mode", "lines");
        List<String> labels = new ArrayList<>();
        List<double[]> accuracy = List.of(new double[PAIRS.size()], new double[PAIRS.size()]);
        List<double[]> lines = List.of(new double[PAIRS.size()], new double[PAIRS.size()]);
        List<Map<String, Object>> json = new ArrayList<>();
        double best = 0;
        for (int i = 0; i < PAIRS.size(); i++) {
            Pair p = PAIRS.get(i);
            LessonResult scratch = RunFolders.reference(p.lesson()).map(run -> read(run.resolve("result.json"))).orElse(null);
            LessonResult tribuo = read(root.resolve("tribuo-port/output").resolve(p.experiment()).resolve("result.json"));
            int scratchLines = LineCount.of(root.resolve("lessons").resolve(p.lesson()).resolve("src/main/java"));
            int tribuoLines = LineCount.file(experimentSource(root, p.experimentClass()))
                    + LineCount.file(root.resolve("tribuo-port/src/main/resources/dev/knobs/tribuo/configs")
                    .resolve(p.experiment() + ".xml"));
            table.row(p.lesson(), acc(scratch), secs(scratch), mode(scratch), scratchLines == 0 ? "-" : scratchLines,
                    p.experiment(), acc(tribuo), secs(tribuo), mode(tribuo), tribuoLines);
            labels.add(p.lesson().substring(0, 2));
            accuracy.get(0)[i] = scratch == null ? Double.NaN : 100 * scratch.testAccuracy();
            accuracy.get(1)[i] = tribuo == null ? Double.NaN : 100 * tribuo.testAccuracy();
            lines.get(0)[i] = scratchLines;
            lines.get(1)[i] = tribuoLines;
            if (tribuo != null) {
                best = Math.max(best, tribuo.testAccuracy());
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lesson", p.lesson());
            m.put("experiment", p.experiment());
            m.put("scratchTestAccuracy", scratch == null ? null : scratch.testAccuracy());
            m.put("scratchSeconds", scratch == null ? null : scratch.seconds());
            m.put("scratchMode", scratch == null ? null : scratch.mode());
            m.put("scratchLines", scratchLines);
            m.put("tribuoTestAccuracy", tribuo == null ? null : tribuo.testAccuracy());
            m.put("tribuoSeconds", tribuo == null ? null : tribuo.seconds());
            m.put("tribuoMode", tribuo == null ? null : tribuo.mode());
            m.put("tribuoLines", tribuoLines);
            json.add(m);
        }
        lesson.table(table);
        lesson.json("comparison", json);
        lesson.figure("accuracy", Plots.bars("Test accuracy: from scratch and with Tribuo", "lesson", "test accuracy (%)",
                        labels, List.of("from scratch (nn-core)", "Tribuo"), accuracy),
                "Each lesson's chosen configuration against its Tribuo experiment's, as last run (see the modes in the table). "
                        + "A missing bar is a run that has not been made yet.",
                "Bar chart pairing, for each lesson number, the test accuracy of the from-scratch lesson and of its Tribuo "
                        + "experiment.");
        lesson.figure("lines-of-code", Plots.bars("Lines of code: from scratch and with Tribuo", "lesson", "lines of code",
                        labels, List.of("lesson (Java)", "Tribuo experiment (Java + configuration)"), lines),
                "Code lines without blanks and comments. Both sides share plumbing not counted here: lessons-common for the "
                        + "lessons, the experiments package and the MLP trainer for Tribuo.",
                "Bar chart pairing, for each lesson number, the lines of code of the lesson and of its Tribuo experiment.");

        lesson.section("2. The libraries under them");
        TextTable libraries = new TextTable("Code under each side", "part", "lines of code");
        libraries.row("nn-core (the from-scratch library)", LineCount.of(root.resolve("nn-core/src/main/java")));
        libraries.row("data (MNIST found, fetched, verified and read; both sides use it)",
                LineCount.of(root.resolve("data/src/main/java")));
        libraries.row("lessons-common (the lessons' shared plumbing)", LineCount.of(root.resolve("lessons/common/src/main/java")));
        Path port = root.resolve("tribuo-port/src/main/java/dev/knobs/tribuo");
        int added = LineCount.of(port.resolve("mlp")) + LineCount.of(port.resolve("optim")) + LineCount.of(port.resolve("schedule"))
                + LineCount.of(port.resolve("augment")) + LineCount.of(port.resolve("transform")) + LineCount.of(port.resolve("data"));
        libraries.row("added to Tribuo: MLP trainer and model, Adam, schedules, augmentation, standardisation, pixel layout", added);
        libraries.row("tribuo-port ONNX export", LineCount.of(port.resolve("onnx")));
        libraries.row("tribuo-port experiments plumbing and all experiments", LineCount.of(port.resolve("experiments")));
        libraries.row("tribuo-port configuration files", LineCount.of(root.resolve("tribuo-port/src/main/resources")));
        lesson.table(libraries);
        long found = json.stream().filter(m -> m.get("tribuoTestAccuracy") != null).count();
        lesson.metric("pairs_with_tribuo_results", found);
        lesson.metric("pairs_with_lesson_results", json.stream().filter(m -> m.get("scratchTestAccuracy") != null).count());
        lesson.headline(String.format(Locale.ROOT, "Side by side for %d lessons: %d Tribuo experiments and %d lessons have "
                        + "results; the best Tribuo test accuracy found is %.2f%%.", PAIRS.size(), found,
                json.stream().filter(m -> m.get("scratchTestAccuracy") != null).count(), 100 * best));
        lesson.out().println("(this page trains nothing: it reports no test accuracy of its own)");
        return Double.NaN;
    }

    private static Path experimentSource(Path root, String className) {
        return root.resolve("tribuo-port/src/main/java/dev/knobs/tribuo/experiments").resolve(className + ".java");
    }

    private static LessonResult read(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Json.read(file, LessonResult.class);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String acc(LessonResult r) {
        return r == null ? "not run" : Report.pct(r.testAccuracy());
    }

    private static String secs(LessonResult r) {
        return r == null ? "-" : String.format(Locale.ROOT, "%.0f", r.seconds());
    }

    private static String mode(LessonResult r) {
        return r == null ? "-" : r.mode();
    }
}
