package dev.knobs.site.rubric;

import dev.knobs.lessons.common.LessonResult;
import dev.knobs.lessons.l02.Normalization;
import dev.knobs.lessons.l03.MiniBatch;
import dev.knobs.lessons.l04.Initialization;
import dev.knobs.lessons.l05.HiddenActivations;
import dev.knobs.lessons.l06.LearningRates;
import dev.knobs.lessons.l07.DropoutRates;
import dev.knobs.lessons.l08.Augmentation;
import dev.knobs.lessons.l09.DeeperLayers;
import dev.knobs.lessons.l10.LrSchedules;
import dev.knobs.lessons.l11.Evaluation;
import dev.knobs.lessons.l12.TowardsNinetyNine;
import java.nio.file.Path;
import dev.knobs.site.inputs.LessonMatcher;
import dev.knobs.site.inputs.LessonOutput;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The assignment's requirements and the rule that decides each one from the lessons' results.
 * This is the one place to read (and change) how the rubric is graded.
 *
 * <p>Every rule names the lessons that demonstrate the requirement and lists checks on their
 * results: the chosen configuration reaches a sensible test accuracy, the evidence the graders
 * look for is in the lesson's typed results (the record the lesson returns: the compiler checks
 * that every field read here exists) or is a named figure, and has the right value. Missing
 * evidence is a failure that names it, never a silent skip. Only standard and full runs on the
 * MNIST test set are graded; smoke runs show as "smoke run: not graded".
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
    public static List<Requirement> evaluate(List<LessonOutput> lessonList, List<LessonOutput> experiments, Path root) {
        Map<String, LessonOutput> lessons = new LinkedHashMap<>();
        lessonList.forEach(l -> lessons.put(l.id(), l));
        List<Requirement> rows = new ArrayList<>();

        rows.add(rule(lessons, "a", "Mini-batch gradient descent with a well-chosen learning rate and batch size.",
                "batch sizes compared (accuracy and time), the choice justified",
                List.of("03-mini-batch", "06-learning-rate"), c -> c
                        .accuracy("03-mini-batch")
                        .value("03-mini-batch", MiniBatch.Results.class, MiniBatch.Results::batchSizesCompared,
                                "batch sizes compared", n -> n >= 3, "fewer than 3 batch sizes were compared")
                        .value("03-mini-batch", MiniBatch.Results.class, MiniBatch.Results::chosenBatchSize,
                                "chosen batch size", b -> b > 1, "the chosen batch is not a mini-batch")
                        .value("03-mini-batch", MiniBatch.Results.class, MiniBatch.Results::throughputAtChosen,
                                "images per second at the chosen size")
                        .value("06-learning-rate", LearningRates.Results.class, LearningRates.Results::chosenLearningRate,
                                "chosen learning rate")
                        .figure("03-mini-batch", "a plot of the batch-size comparison", "batch", "size")
                        .headline("03-mini-batch")));

        rows.add(rule(lessons, "b", "Dropout: several rates tried, the best one picked (rates may differ per layer).",
                "train/test gap with and without dropout, a sweep, the pick",
                List.of("07-dropout"), c -> c
                        .accuracy("07-dropout")
                        .value("07-dropout", DropoutRates.Results.class, DropoutRates.Results::ratesTried,
                                "dropout rates tried", n -> n >= 3, "fewer than 3 dropout rates were tried")
                        .value("07-dropout", DropoutRates.Results.class, DropoutRates.Results::chosenHiddenDropout,
                                "chosen dropout rates, per hidden layer")
                        .value("07-dropout", DropoutRates.Results.class, DropoutRates.Results::chosenInputDropout,
                                "chosen input dropout rate")
                        .value("07-dropout", DropoutRates.Results.class, DropoutRates.Results::gapWithoutDropout,
                                "train/test gap without dropout")
                        .value("07-dropout", DropoutRates.Results.class, DropoutRates.Results::gapOfChosen,
                                "train/test gap of the chosen configuration")
                        .figure("07-dropout", "a plot of the dropout sweep or the train/test gap", "gap", "sweep", "rate", "dropout")
                        .headline("07-dropout")));

        rows.add(rule(lessons, "init", "Weights initialised properly: not zeros, not an arbitrary scale.",
                "He/Xavier vs naive schemes, activation statistics per layer",
                List.of("04-initialization"), c -> c
                        .accuracy("04-initialization")
                        .value("04-initialization", Initialization.Results.class, Initialization.Results::chosenInit,
                                "chosen initialisation", i -> lower(i).startsWith("he") || lower(i).startsWith("xavier"),
                                "the lesson chose neither He nor Xavier")
                        .figure("04-initialization", "activation statistics per layer", "activation", "std", "layer", "init")
                        .headline("04-initialization")));

        rows.add(rule(lessons, "c", "Image augmentation of the training data only (shifts, small rotations, zoom).",
                "sample grids of augmented digits, accuracy with and without",
                List.of("08-augmentation"), c -> c
                        .accuracy("08-augmentation")
                        .value("08-augmentation", Augmentation.Results.class, Augmentation.Results::testDataUnchanged,
                                "test images unchanged by training (checksum before and after)", same -> same,
                                "the test data was changed by augmentation")
                        .value("08-augmentation", Augmentation.Results.class, Augmentation.Results::augmentedImages,
                                "training images augmented", n -> n > 0, "no training image was augmented")
                        .value("08-augmentation", Augmentation.Results.class,
                                Augmentation.Results::withAugmentationTestAccuracy, "test accuracy with augmentation")
                        .value("08-augmentation", Augmentation.Results.class,
                                Augmentation.Results::withoutAugmentationTestAccuracy, "test accuracy without")
                        .figure("08-augmentation", "a grid of augmented digits", "augment")
                        .headline("08-augmentation")));

        rows.add(rule(lessons, "d", "Three or more layers; the number of layers and neurons tuned.",
                "a depth/width comparison and the chosen architecture",
                List.of("09-deeper-layers"), c -> c
                        .accuracy("09-deeper-layers")
                        .value("09-deeper-layers", DeeperLayers.Results.class, DeeperLayers.Results::networksCompared,
                                "networks compared", n -> n >= 3, "fewer than 3 depths and widths were compared")
                        .value("09-deeper-layers", DeeperLayers.Results.class, r -> r.chosenHiddenLayers() + 1,
                                "layers of weights in the chosen network", n -> n >= 3,
                                "the chosen network has fewer than 3 layers")
                        .value("09-deeper-layers", DeeperLayers.Results.class, DeeperLayers.Results::chosenArchitecture,
                                "chosen architecture")
                        .thumbnail("09-deeper-layers", "depth", "width", "layer")
                        .headline("09-deeper-layers")));

        rows.add(rule(lessons, "e", "ReLU activations in the hidden layers, softmax at the output.",
                "ReLU vs sigmoid/tanh, softmax output",
                List.of("05-activations"), c -> c
                        .accuracy("05-activations")
                        .value("05-activations", HiddenActivations.Results.class,
                                HiddenActivations.Results::reluValidationAccuracy, "ReLU's validation accuracy")
                        .value("05-activations", HiddenActivations.Results.class,
                                HiddenActivations.Results::sigmoidValidationAccuracy, "sigmoid's validation accuracy")
                        .value("05-activations", HiddenActivations.Results.class,
                                HiddenActivations.Results::chosenActivation, "chosen activation",
                                a -> lower(a).startsWith("relu") || lower(a).startsWith("leaky"), "the lesson chose another activation than ReLU")
                        .thumbnail("05-activations", "validation", "activation")
                        .headline("05-activations")));

        rows.add(rule(lessons, "f", "Inputs normalised or scaled before training.",
                "raw vs scaled vs standardised, statistics from training data only",
                List.of("02-normalization"), c -> c
                        .accuracy("02-normalization")
                        .value("02-normalization", Normalization.Results.class, Normalization.Results::chosenInput,
                                "chosen input scaling", i -> !lower(i).startsWith("raw"), "raw pixels were chosen")
                        .value("02-normalization", Normalization.Results.class, Normalization.Results::trainMean,
                                "mean pixel of the training images (the statistics standardisation uses)")
                        .thumbnail("02-normalization", "normali", "scal", "standard", "raw")
                        .headline("02-normalization")));

        rows.add(rule(lessons, "g", "A learning rate found by trying several; adaptive schedules per epoch or mini-batch.",
                "an LR sweep, an LR range test, schedules compared with LR curves",
                List.of("06-learning-rate", "10-lr-schedules"), c -> c
                        .accuracy("06-learning-rate")
                        .value("06-learning-rate", LearningRates.Results.class, LearningRates.Results::ratesTried,
                                "learning rates tried", n -> n >= 3, "fewer than 3 learning rates were tried")
                        .value("06-learning-rate", LearningRates.Results.class,
                                LearningRates.Results::momentumRangeTestSuggestion, "the range test's suggested rate")
                        .value("06-learning-rate", LearningRates.Results.class, LearningRates.Results::chosenLearningRate,
                                "chosen learning rate")
                        .accuracy("10-lr-schedules")
                        .value("10-lr-schedules", LrSchedules.Results.class, LrSchedules.Results::schedulesCompared,
                                "schedules compared", n -> n >= 2, "fewer than 2 schedules were compared")
                        .value("10-lr-schedules", LrSchedules.Results.class, LrSchedules.Results::chosenSchedule,
                                "chosen schedule")
                        .figure("10-lr-schedules", "schedules compared with their learning-rate curves", "schedule", "rate")
                        .headline("10-lr-schedules")));

        rows.add(rule(lessons, "h", "Metrics and plots: training and test accuracy, loss curves, a confusion matrix.",
                "curves per epoch, confusion-matrix heat map, per-class metrics",
                List.of("11-evaluation", "01-first-network"), c -> c
                        .accuracy("11-evaluation")
                        .value("11-evaluation", Evaluation.Results.class, Evaluation.Results::macroF1,
                                "macro-averaged F1 over the 10 classes")
                        .figure("11-evaluation", "a confusion-matrix heat map", "confusion")
                        .table("11-evaluation", 10, "per-class metrics")
                        .figure("01-first-network", "loss and accuracy curves per epoch", "loss", "accuracy")
                        .headline("11-evaluation")));

        rows.add(rule(lessons, "i", "The most common and the worst errors displayed.",
                "worst misclassified digits with labels and confidence, most-confused pairs",
                List.of("11-evaluation"), c -> c
                        .value("11-evaluation", Evaluation.Results.class, Evaluation.Results::worstErrorsShown,
                                "worst errors shown in a grid", n -> n > 0, "no worst errors were shown")
                        .value("11-evaluation", Evaluation.Results.class, Evaluation.Results::mostConfusedCount,
                                "images in the most-confused pair", n -> n > 0, "no confused pair was found")
                        .value("11-evaluation", Evaluation.Results.class,
                                r -> r.mostConfusedTrueDigit() + " taken for " + r.mostConfusedPredictedDigit(),
                                "the most-confused pair")
                        .figure("11-evaluation", "a grid of the worst errors", "worst")));

        rows.add(rule(lessons, "extra", "Extra credit: 99% test accuracy without convolutions.",
                "a documented, reproducible run at or above 99.00% on the 10,000 test images",
                List.of("12-towards-99"), c -> c
                        .accuracyAtLeast("12-towards-99", EXTRA_CREDIT_ACCURACY)
                        .value("12-towards-99", TowardsNinetyNine.Results.class, TowardsNinetyNine.Results::testErrors,
                                "test errors", n -> n <= 100, "more than 100 errors in 10,000")
                        .value("12-towards-99", TowardsNinetyNine.Results.class, TowardsNinetyNine.Results::architecture,
                                "architecture")
                        .thumbnail("12-towards-99", "accuracy", "curve")
                        .headline("12-towards-99")));

        rows.add(documentation(lessons, root));
        rows.add(partTwo(lessons, experiments));
        return rows;
    }

    /**
     * The code is well documented: every public type and method of nn-core and the lessons has
     * Javadoc, and every lesson README has its sections (measured by {@link DocumentationCheck}).
     */
    static Requirement documentation(Map<String, LessonOutput> lessons, Path root) {
        Check c = new Check(lessons);
        DocumentationCheck d = DocumentationCheck.of(root);
        c.custom(true, d.documented() == d.total() && d.total() > 0, d.documented() + " of " + d.total()
                        + " public types, constructors and methods of nn-core and the lessons have Javadoc",
                (d.total() - d.documented()) + " public declarations without Javadoc, e.g. "
                        + String.join(", ", d.missing().subList(0, Math.min(5, d.missing().size()))), false);
        c.custom(true, d.readmes() == d.lessons() && d.lessons() > 0, d.readmes() + " of " + d.lessons()
                        + " lesson READMEs have the sections a student reads (" + String.join(", ",
                DocumentationCheck.README_SECTIONS) + ")", String.join("; ", d.readmeGaps()), false);
        return c.toRequirement("docs", "The code is well documented: sections, comments, easy to follow.",
                "Javadoc on every public type and method of nn-core and the lessons, a README per lesson with its sections",
                List.of());
    }

    /**
     * Part 2: the knobs again with Tribuo. Met when the experiments mirror every knob lesson
     * (02 to 11) and each reaches a sensible accuracy.
     */
    static Requirement partTwo(Map<String, LessonOutput> lessons, List<LessonOutput> experiments) {
        Check c = new Check(lessons);
        boolean ran = experiments.stream().anyMatch(LessonOutput::ran);
        Map<String, List<LessonOutput>> byLesson = new LinkedHashMap<>();
        List<String> weak = new ArrayList<>();
        for (LessonOutput e : experiments) {
            if (!e.ran()) {
                continue;
            }
            c.graded(e);
            String lesson = LessonMatcher.lessonFor(e.id(), e.result());
            if (lesson != null) {
                byLesson.computeIfAbsent(lesson, k -> new ArrayList<>()).add(e);
            }
            if (showsEvaluation(e.result())) {
                byLesson.computeIfAbsent(EVALUATION_LESSON, k -> new ArrayList<>()).add(e);
            }
            double floor = e.smoke() ? Check.SENSIBLE_SMOKE_ACCURACY : Check.SENSIBLE_ACCURACY;
            if (!Double.isNaN(e.result().testAccuracy()) && e.result().testAccuracy() < floor) {
                weak.add(e.id() + " " + Check.percent(e.result().testAccuracy()));
            }
        }
        for (String knob : PART_ONE_KNOBS) {
            List<LessonOutput> redone = byLesson.getOrDefault(knob, List.of());
            String shown = redone.stream().map(e -> "tribuo/" + e.id() + " (" + Check.percent(e.result().testAccuracy())
                    + (e.smoke() ? ", smoke run" : "") + ")").distinct().reduce((a, b) -> a + ", " + b).orElse("");
            c.custom(ran, !redone.isEmpty(), "lesson " + knob.substring(0, 2) + " (" + knob.substring(3)
                    + ") redone with Tribuo: " + shown, "no Tribuo experiment redoes lesson " + knob, false);
        }
        if (ran) {
            c.custom(true, weak.isEmpty(), "every experiment reaches a sensible test accuracy",
                    "low test accuracy: " + String.join(", ", weak), false);
            experiments.stream().filter(LessonOutput::ran).filter(e -> !Double.isNaN(e.result().testAccuracy()))
                    .max(Comparator.comparingDouble(e -> e.result().testAccuracy())).ifPresent(best -> {
                        if (!best.result().figures().isEmpty()) {
                            LessonResult.Figure f = best.result().figures().get(0);
                            c.thumbnail(new Requirement.Thumbnail("tribuo/" + best.id(), f.file(), f.title(), f.alt()));
                        }
                    });
        } else {
            c.custom(false, false, "", "tribuo-port output", false);
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

    private static String lower(String s) {
        return s.toLowerCase(java.util.Locale.ROOT);
    }

    private static Requirement rule(Map<String, LessonOutput> lessons, String id, String requirement, String lookFor,
                                    List<String> lessonIds, Consumer<Check> checks) {
        Check c = new Check(lessons);
        checks.accept(c);
        return c.toRequirement(id, requirement, lookFor, lessonIds);
    }
}
