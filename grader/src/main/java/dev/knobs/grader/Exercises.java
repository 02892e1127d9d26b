package dev.knobs.grader;

import dev.knobs.grader.checks.ActivationChecks;
import dev.knobs.grader.checks.BatchChecks;
import dev.knobs.grader.checks.CommitteeChecks;
import dev.knobs.grader.checks.ConfusionChecks;
import dev.knobs.grader.checks.CrossEntropyChecks;
import dev.knobs.grader.checks.DenseChecks;
import dev.knobs.grader.checks.DropoutChecks;
import dev.knobs.grader.checks.InitializerChecks;
import dev.knobs.grader.checks.LayerStackChecks;
import dev.knobs.grader.checks.MaxNormChecks;
import dev.knobs.grader.checks.MinMaxChecks;
import dev.knobs.grader.checks.NetworkCostChecks;
import dev.knobs.grader.checks.OptimizerChecks;
import dev.knobs.grader.checks.ScheduleChecks;
import dev.knobs.grader.checks.SgdChecks;
import dev.knobs.grader.checks.ShiftChecks;
import dev.knobs.grader.checks.StandardizerChecks;
import dev.knobs.grader.checks.TopErrorsChecks;
import dev.knobs.grader.checks.ValidationChoiceChecks;
import dev.knobs.grader.checks.WarpChecks;
import java.util.List;

/** Every exercise of the course, in lesson order. */
public final class Exercises {
    private Exercises() {}

    private static final String P = "dev.knobs.exercises.";

    /** All exercises. */
    public static final List<Exercise> ALL = List.of(
            new Exercise("01.1", "dense layer backward pass", "01-first-network", P + "l01.DenseLayer", new DenseChecks()),
            new Exercise("01.2", "softmax cross-entropy and its gradient", "01-first-network", P + "l01.CrossEntropyLoss",
                    new CrossEntropyChecks()),
            new Exercise("02.1", "standardiser from training statistics", "02-normalization",
                    P + "l02.TrainingStandardizer", new StandardizerChecks()),
            new Exercise("02.2", "min-max scaling from training statistics", "02-normalization", P + "l02.MinMaxScaling",
                    new MinMaxChecks()),
            new Exercise("03.1", "shuffled mini-batches", "03-mini-batch", P + "l03.ShuffledBatches", new BatchChecks()),
            new Exercise("03.2", "plain SGD step", "03-mini-batch", P + "l03.SgdOptimizer", new SgdChecks()),
            new Exercise("04.1", "He normal initialiser", "04-initialization", P + "l04.HeNormalInitializer",
                    InitializerChecks.heNormal()),
            new Exercise("04.2", "Xavier uniform initialiser", "04-initialization", P + "l04.XavierUniformInitializer",
                    InitializerChecks.xavierUniform()),
            new Exercise("05.1", "ReLU backward", "05-activations", P + "l05.ReluActivation", ActivationChecks.relu()),
            new Exercise("05.2", "leaky ReLU backward", "05-activations", P + "l05.LeakyReluActivation",
                    ActivationChecks.leakyRelu()),
            new Exercise("06.1", "momentum step", "06-learning-rate", P + "l06.MomentumOptimizer", OptimizerChecks.momentum()),
            new Exercise("06.2", "Adam step", "06-learning-rate", P + "l06.AdamOptimizer", OptimizerChecks.adam()),
            new Exercise("07.1", "inverted dropout forward and backward", "07-dropout", P + "l07.InvertedDropout",
                    new DropoutChecks()),
            new Exercise("07.2", "max-norm constraint", "07-dropout", P + "l07.MaxNormConstraint", new MaxNormChecks()),
            new Exercise("08.1", "affine warp with bilinear sampling", "08-augmentation", P + "l08.AffineWarp",
                    new WarpChecks()),
            new Exercise("08.2", "a random shift by whole pixels", "08-augmentation", P + "l08.RandomShift",
                    new ShiftChecks()),
            new Exercise("09.1", "a network of configurable depth", "09-deeper-layers", P + "l09.LayerStack",
                    new LayerStackChecks()),
            new Exercise("09.2", "parameters and training FLOPs of a network", "09-deeper-layers",
                    P + "l09.NetworkCost", new NetworkCostChecks()),
            new Exercise("10.1", "cosine annealing schedule", "10-lr-schedules", P + "l10.CosineAnnealing",
                    ScheduleChecks.cosine()),
            new Exercise("10.2", "one-cycle schedule", "10-lr-schedules", P + "l10.OneCycleSchedule", ScheduleChecks.oneCycle()),
            new Exercise("11.1", "confusion matrix", "11-evaluation", P + "l11.ConfusionCounts", new ConfusionChecks()),
            new Exercise("11.2", "top errors by margin", "11-evaluation", P + "l11.TopErrorsRanking", new TopErrorsChecks()),
            new Exercise("12.1", "a committee averaging its members' probabilities", "12-towards-99",
                    P + "l12.CommitteeAverage", new CommitteeChecks()),
            new Exercise("12.2", "choosing a recipe on validation data", "12-towards-99",
                    P + "l12.ValidationChoice", new ValidationChoiceChecks()));

    /** The exercise with this id, or a {@link GraderException} listing the ids. */
    public static Exercise byId(String id) {
        return ALL.stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow(() -> new GraderException(
                "no exercise " + id + "; the exercises are " + String.join(", ", ALL.stream().map(Exercise::id).toList())));
    }

    /** The exercises whose id is in {@code ids}, or all of them when {@code ids} is empty. */
    public static List<Exercise> select(List<String> ids) {
        return ids == null || ids.isEmpty() ? ALL : ids.stream().map(Exercises::byId).toList();
    }
}
