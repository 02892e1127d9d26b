package dev.knobs.site.rubric;

import dev.knobs.lessons.common.LessonResult;
import dev.knobs.site.inputs.LessonMatcher;
import dev.knobs.site.inputs.LessonOutput;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The assignment's requirements and the rule that decides each one from the lessons' results.
 * This is the one place to read (and change) how the rubric is graded.
 *
 * <p>Every rule names the lessons that demonstrate the requirement and lists checks on their
 * {@code result.json}: the chosen configuration reaches a sensible test accuracy, the evidence
 * the graders look for exists as a result table or a named figure, and, where a lesson reports
 * one, a metric has the right value. The metric names relied on are listed in the site's README.
 */
public final class RubricRules {
    /** The extra credit: a fully connected network at or above this test accuracy. */
    public static final double EXTRA_CREDIT_ACCURACY = 0.99;

    /** The lessons whose knobs Part 2 must redo with the framework. */
    static final List<String> PART_ONE_KNOBS = List.of("02-normalization", "03-mini-batch", "04-initialization",
            "05-activations", "06-learning-rate", "07-dropout", "08-augmentation", "09-deeper-layers",
            "10-lr-schedules", "11-evaluation");

    private static final String EVALUATION_LESSON = "11-evaluation";

    private RubricRules() {}

    /** Evaluates every requirement, in the assignment's order. */
    public static List<Requirement> evaluate(List<LessonOutput> lessonList, List<LessonOutput> experiments) {
        Map<String, LessonOutput> lessons = new LinkedHashMap<>();
        lessonList.forEach(l -> lessons.put(l.id(), l));
        List<Requirement> rows = new ArrayList<>();

        rows.add(rule(lessons, "a", "Mini-batch gradient descent with a well-chosen learning rate and batch size.",
                "batch sizes compared (accuracy and time), the choice justified",
                List.of("03-mini-batch", "06-learning-rate"), c -> c
                        .accuracy("03-mini-batch")
                        .table("03-mini-batch", 3, "a comparison of batch sizes")
                        .figure("03-mini-batch", "a plot of the batch-size comparison", "batch", "size")
                        .metric("03-mini-batch", "chosen_batch_size", "chosen batch size")
                        .headline("03-mini-batch")));

        rows.add(rule(lessons, "b", "Dropout: several rates tried, the best one picked (rates may differ per layer).",
                "train/test gap with and without dropout, a sweep, the pick",
                List.of("07-dropout"), c -> c
                        .accuracy("07-dropout")
                        .table("07-dropout", 2, "a sweep of dropout rates")
                        .figure("07-dropout", "a plot of the dropout sweep or the train/test gap", "gap", "sweep", "rate", "dropout")
                        .metric("07-dropout", "chosen_dropout", "chosen dropout rate")
                        .headline("07-dropout")));

        rows.add(rule(lessons, "init", "Weights initialised properly: not zeros, not an arbitrary scale.",
                "He/Xavier vs naive schemes, activation statistics per layer",
                List.of("04-initialization"), c -> c
                        .accuracy("04-initialization")
                        .table("04-initialization", 2, "a comparison of initialisation schemes")
                        .figure("04-initialization", "activation statistics per layer", "activation", "std", "layer", "init")
                        .headline("04-initialization")));

        rows.add(rule(lessons, "c", "Image augmentation of the training data only (shifts, small rotations, zoom).",
                "sample grids of augmented digits, accuracy with and without",
                List.of("08-augmentation"), c -> c
                        .accuracy("08-augmentation")
                        .figure("08-augmentation", "a grid of augmented digits", "augment")
                        .metricIf("08-augmentation", "test_data_unchanged", "test images left as they are (1 = yes)",
                                v -> v == 1, "the test data was changed by augmentation")
                        .metric("08-augmentation", "with_augmentation_test_accuracy", "test accuracy with augmentation")
                        .metric("08-augmentation", "without_augmentation_test_accuracy", "test accuracy without")
                        .headline("08-augmentation")));

        rows.add(rule(lessons, "d", "Three or more layers; the number of layers and neurons tuned.",
                "a depth/width comparison and the chosen architecture",
                List.of("09-deeper-layers"), c -> c
                        .accuracy("09-deeper-layers")
                        .table("09-deeper-layers", 3, "a comparison of depths and widths")
                        .thumbnail("09-deeper-layers", "depth", "width", "layer")
                        .metricIf("09-deeper-layers", "chosen_layers", "weight layers in the chosen network",
                                v -> v >= 3, "the chosen network has fewer than 3 layers")
                        .headline("09-deeper-layers")));

        rows.add(rule(lessons, "e", "ReLU activations in the hidden layers, softmax at the output.",
                "ReLU vs sigmoid/tanh, softmax output",
                List.of("05-activations"), c -> c
                        .accuracy("05-activations")
                        .thumbnail("05-activations", "validation", "activation")
                        .metricIf("05-activations", "chosen_is_relu", "the chosen activation is ReLU (1 = yes)",
                                v -> v == 1, "the lesson chose another activation than ReLU")
                        .headline("05-activations")));

        rows.add(rule(lessons, "f", "Inputs normalised or scaled before training.",
                "raw vs scaled vs standardised, statistics from training data only",
                List.of("02-normalization"), c -> c
                        .accuracy("02-normalization")
                        .table("02-normalization", 2, "a comparison of raw, scaled and standardised inputs")
                        .thumbnail("02-normalization", "normali", "scal", "standard", "raw")
                        .headline("02-normalization")));

        rows.add(rule(lessons, "g", "A learning rate found by trying several; adaptive schedules per epoch or mini-batch.",
                "an LR sweep, an LR range test, schedules compared with LR curves",
                List.of("06-learning-rate", "10-lr-schedules"), c -> c
                        .accuracy("06-learning-rate")
                        .figure("06-learning-rate", "a learning-rate sweep or range test", "range", "sweep")
                        .metricIf("06-learning-rate", "rates_tried", "learning rates tried", v -> v >= 3,
                                "fewer than 3 learning rates were tried")
                        .metric("06-learning-rate", "chosen_learning_rate", "chosen learning rate")
                        .accuracy("10-lr-schedules")
                        .figure("10-lr-schedules", "schedules compared with their learning-rate curves", "schedule", "rate")
                        .headline("10-lr-schedules")));

        rows.add(rule(lessons, "h", "Metrics and plots: training and test accuracy, loss curves, a confusion matrix.",
                "curves per epoch, confusion-matrix heat map, per-class metrics",
                List.of("11-evaluation", "01-first-network"), c -> c
                        .accuracy("11-evaluation")
                        .figure("11-evaluation", "a confusion-matrix heat map", "confusion")
                        .table("11-evaluation", 10, "per-class metrics")
                        .figure("01-first-network", "loss and accuracy curves per epoch", "loss", "accuracy")
                        .headline("11-evaluation")));

        rows.add(rule(lessons, "i", "The most common and the worst errors displayed.",
                "worst misclassified digits with labels and confidence, most-confused pairs",
                List.of("11-evaluation"), c -> c
                        .figure("11-evaluation", "a grid of the worst errors", "worst", "error", "mistake", "wrong")
                        .metric("11-evaluation", "most_confused_count", "images in the most-confused pair")));

        rows.add(rule(lessons, "extra", "Extra credit: 99% test accuracy without convolutions.",
                "a documented, reproducible run at or above 99.00% on the 10,000 test images",
                List.of("12-towards-99"), c -> c
                        .accuracyAtLeast("12-towards-99", EXTRA_CREDIT_ACCURACY)
                        .thumbnail("12-towards-99", "accuracy", "curve")
                        .headline("12-towards-99")));

        rows.add(partTwo(lessons, experiments));
        return rows;
    }

    /**
     * Part 2: the knobs again with Tribuo. Met when the experiments mirror every knob lesson
     * (02 to 11) and each reaches a sensible accuracy.
     */
    static Requirement partTwo(Map<String, LessonOutput> lessons, List<LessonOutput> experiments) {
        Check c = new Check(lessons);
        boolean ran = experiments.stream().anyMatch(LessonOutput::ran);
        TreeSet<String> covered = new TreeSet<>();
        List<String> weak = new ArrayList<>();
        boolean smoke = false;
        for (LessonOutput e : experiments) {
            if (!e.ran()) {
                continue;
            }
            smoke |= e.smoke();
            String lesson = LessonMatcher.lessonFor(e.id(), e.result());
            if (lesson != null) {
                covered.add(lesson);
            }
            if (showsEvaluation(e.result())) {
                covered.add(EVALUATION_LESSON);
            }
            double floor = e.smoke() ? Check.SENSIBLE_SMOKE_ACCURACY : Check.SENSIBLE_ACCURACY;
            if (e.result().testAccuracy() < floor) {
                weak.add(e.id() + " " + Check.percent(e.result().testAccuracy()));
            }
        }
        List<String> missing = PART_ONE_KNOBS.stream().filter(k -> !covered.contains(k)).map(k -> k.substring(0, 2)).toList();
        int knobs = PART_ONE_KNOBS.size() - missing.size();
        c.custom(ran, missing.isEmpty(), experiments.size() + " Tribuo experiments mirror " + knobs + " of the "
                        + PART_ONE_KNOBS.size() + " knob lessons" + (missing.isEmpty() ? "" : " (no experiment for lessons "
                        + String.join(", ", missing) + ")"),
                ran ? "experiments for lessons " + String.join(", ", missing) : "tribuo-port output", smoke);
        if (ran) {
            c.custom(true, weak.isEmpty(), "every experiment reaches a sensible test accuracy",
                    "low test accuracy: " + String.join(", ", weak), smoke);
            LessonOutput best = experiments.stream().filter(LessonOutput::ran)
                    .max(Comparator.comparingDouble(e -> e.result().testAccuracy())).orElseThrow();
            c.custom(true, true, "best Tribuo experiment: " + best.id() + ", test accuracy "
                    + Check.percent(best.result().testAccuracy()) + (best.smoke() ? " (smoke run)" : ""), "", best.smoke());
            if (!best.result().figures().isEmpty()) {
                LessonResult.Figure f = best.result().figures().get(0);
                c.thumbnail(new Requirement.Thumbnail("tribuo/" + best.id(), f.file(), f.title(), f.alt()));
            }
        }
        return c.toRequirement("part2", "Part 2: the same knobs again with a framework (Tribuo).",
                "every knob of Part 1 redone with the framework, much shorter code", List.of("tribuo-port"));
    }

    /**
     * Lesson 11's knob (metrics, confusion matrix, worst errors) has no experiment of its own in a
     * framework: every experiment evaluates its model. It counts as redone when an experiment shows a
     * confusion matrix, a grid of its worst errors and per-class metrics (a macro-averaged F1).
     */
    static boolean showsEvaluation(LessonResult r) {
        boolean confusion = r.figures().stream().anyMatch(f -> f.file().startsWith("confusion"));
        boolean errors = r.figures().stream().anyMatch(f -> f.file().contains("error"));
        return confusion && errors && r.metrics() != null && r.metrics().containsKey("macro_f1");
    }

    private static Requirement rule(Map<String, LessonOutput> lessons, String id, String requirement, String lookFor,
                                    List<String> lessonIds, Consumer<Check> checks) {
        Check c = new Check(lessons);
        checks.accept(c);
        return c.toRequirement(id, requirement, lookFor, lessonIds);
    }
}
