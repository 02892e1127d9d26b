package dev.knobs.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.grader.checks.ActivationChecks;
import dev.knobs.grader.checks.BatchChecks;
import dev.knobs.grader.checks.CheckResult;
import dev.knobs.grader.checks.Checker;
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
import dev.knobs.nn.augment.FixedAffine;
import dev.knobs.nn.data.MiniBatches;
import dev.knobs.nn.data.Standardizer;
import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.init.XavierUniform;
import dev.knobs.nn.layer.Dense;
import dev.knobs.nn.layer.Dropout;
import dev.knobs.nn.layer.LeakyReLU;
import dev.knobs.nn.layer.Mlp;
import dev.knobs.nn.layer.ReLU;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.nn.loss.SoftmaxCrossEntropy;
import dev.knobs.nn.metrics.Committee;
import dev.knobs.nn.metrics.ConfusionMatrix;
import dev.knobs.nn.metrics.TopErrors;
import dev.knobs.nn.optim.Adam;
import dev.knobs.nn.optim.MaxNorm;
import dev.knobs.nn.optim.Momentum;
import dev.knobs.nn.optim.Sgd;
import dev.knobs.nn.schedule.CosineSchedule;
import dev.knobs.nn.schedule.OneCycle;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checks, in this JVM, both ways: the skeletons score nothing, nn-core's reference solutions
 * score everything, and a plausible wrong answer to each exercise loses points with a message
 * that says what went wrong.
 */
class ExerciseChecksTest {

    static List<Exercise> exercises() {
        return Exercises.ALL;
    }

    @ParameterizedTest(name = "skeleton of {0} scores nothing")
    @MethodSource("exercises")
    void theSkeletonFailsEveryCheck(Exercise exercise) throws ClassNotFoundException {
        Checker c = exercise.checks().grade(Class.forName(exercise.className()));
        assertTrue(c.results().size() >= 3, "too few checks: " + c.results());
        for (CheckResult r : c.results()) {
            assertTrue(!r.passed(), exercise.id() + ": the skeleton passed '" + r.name() + "'");
            assertTrue(r.message().contains("exercise " + exercise.id()), exercise.id() + ": " + r.message());
        }
    }

    @Test
    void theReferenceSolutionsPassEveryCheck() {
        assertAllPass("01.1", new DenseChecks().gradeDirectly(Dense::new));
        assertAllPass("02.1", new StandardizerChecks().gradeDirectly(Standardizer::perPixel));
        assertAllPass("03.1", new BatchChecks().gradeDirectly((d, b, s) -> new MiniBatches(d, b, s)::epoch));
        assertAllPass("04.1", InitializerChecks.heNormal().gradeDirectly(HeNormal::new));
        assertAllPass("04.2", InitializerChecks.xavierUniform().gradeDirectly(XavierUniform::new));
        assertAllPass("05.1", ActivationChecks.relu().gradeDirectly(ReLU::new));
        assertAllPass("05.2", ActivationChecks.leakyRelu().gradeDirectly(() -> new LeakyReLU(0.1f)));
        assertAllPass("06.1", OptimizerChecks.momentum().gradeDirectly(() -> new Momentum(0.9f)));
        assertAllPass("06.2", OptimizerChecks.adam().gradeDirectly(() -> new Adam(0.9f, 0.999f, 1e-8f)));
        assertAllPass("07.1", new DropoutChecks().gradeDirectly(Dropout::new));
        assertAllPass("08.1", new WarpChecks().gradeDirectly(FixedAffine::new));
        assertAllPass("08.2", new ShiftChecks().gradeDirectly(ShiftChecks.reference()));
        assertAllPass("09.1", new LayerStackChecks().gradeDirectly(ExerciseChecksTest::mlp));
        assertAllPass("09.2", new NetworkCostChecks().gradeDirectly(NetworkCostChecks.reference()));
        assertAllPass("10.1", ScheduleChecks.cosine().gradeDirectly(
                a -> CosineSchedule.annealing((float) a[0], (float) a[1], (int) a[2])));
        assertAllPass("10.2", ScheduleChecks.oneCycle().gradeDirectly(
                a -> new OneCycle((float) a[0], (int) a[1], (float) a[2], (float) a[3], (float) a[4])));
        assertAllPass("11.1", new ConfusionChecks().gradeDirectly((l, p, c) -> ConfusionMatrix.of(l, p, c).counts()));
        assertAllPass("11.2", new TopErrorsChecks().gradeDirectly(TopErrors::byMargin));
        assertAllPass("12.1", new CommitteeChecks().gradeDirectly(Committee::average));
        assertAllPass("12.2", new ValidationChoiceChecks().gradeDirectly(ValidationChoiceChecks::reference));
    }

    /** nn-core's Mlp as exercise 09.1 asks for it. */
    private static Sequential mlp(int inputs, int[] hidden, int classes, SplittableRandom rng) {
        int[] widths = new int[hidden.length + 2];
        widths[0] = inputs;
        System.arraycopy(hidden, 0, widths, 1, hidden.length);
        widths[widths.length - 1] = classes;
        return Mlp.relu(new HeNormal(), widths).build(rng);
    }

    @Test
    void plausibleWrongAnswersLosePointsWithAMessageThatSaysWhy() {
        assertFails(new DenseChecks().gradeDirectly(WrongAnswers::denseWithAveragedBias), "hand-computed case",
                "db for x");
        assertFails(new StandardizerChecks().gradeDirectly(WrongAnswers::standardizerWithoutFloor), "hand-computed case",
                "floored at minStd");
        assertFails(new BatchChecks().gradeDirectly(WrongAnswers::shuffledOnce),
                "a new order every epoch; the same order for the same seed and epoch", "shuffle again every epoch");
        assertFails(InitializerChecks.heNormal().gradeDirectly(WrongAnswers::heWithFanOut), "variance 2 / fanIn",
                "use the fan-in");
        assertFails(InitializerChecks.xavierUniform().gradeDirectly(WrongAnswers::xavierWithWrongBound),
                "variance 2 / (fanIn + fanOut)", "expected");
        assertFails(ActivationChecks.relu().gradeDirectly(() -> new WrongAnswers.GateOnGradient(0f)), "hand-computed case",
                "the slope follows the sign of x");
        assertFails(ActivationChecks.leakyRelu().gradeDirectly(() -> new WrongAnswers.GateOnGradient(0.1f)),
                "agrees with nn-core's LeakyReLU on random inputs", "at index");
        assertFails(OptimizerChecks.momentum().gradeDirectly(WrongAnswers::momentumAsAverage), "two steps by hand",
                "weights after step 1");
        assertFails(OptimizerChecks.adam().gradeDirectly(WrongAnswers::adamWithoutBiasCorrection), "two steps by hand",
                "moves each weight by η");
        assertFails(new DropoutChecks().gradeDirectly(WrongAnswers::dropoutWithoutScaling), "kept units are divided by 1 - p",
                "inverted dropout divides the kept units by 1 - p");
        assertFails(new DropoutChecks().gradeDirectly(WrongAnswers::dropoutWithoutMaskInBackward),
                "backward multiplies by the forward pass's mask", "dx = dy ⊙ m");
        assertFails(new WarpChecks().gradeDirectly(WrongAnswers::nearestPixel),
                "a half-pixel shift blends neighbours (bilinear, not nearest pixel)", "shifted by half a pixel");
        assertFails(new ShiftChecks().gradeDirectly(WrongAnswers::wrapAround),
                "zero fill: what leaves one edge does not come back on the other", "that is wrap-around");
        assertFails(new ShiftChecks().gradeDirectly(WrongAnswers::swappedShift),
                "a single lit pixel moves by (dx, dy): dx columns right, dy rows down", "x and y swapped");
        String layers = "the layers of 784-256-128-10: Dense, ReLU, Dense, ReLU, Dense";
        assertFails(new LayerStackChecks().gradeDirectly(WrongAnswers::stackOneLayerShort), layers,
                "2 hidden layers need 3 Dense layers");
        assertFails(new LayerStackChecks().gradeDirectly(WrongAnswers::stackWithoutChainedFanIn), layers,
                "fan-in is the width of the layer before it");
        assertFails(new LayerStackChecks().gradeDirectly(WrongAnswers::stackWithoutLastRelu), layers,
                "a ReLU after every hidden Dense layer");
        assertFails(new LayerStackChecks().gradeDirectly(WrongAnswers::stackWithoutLastRelu),
                "the same outputs as nn-core's Mlp on random inputs", "at index");
        assertFails(new LayerStackChecks().gradeDirectly(WrongAnswers::stackWithoutSplits),
                "the same weights as nn-core's Mlp for the same seed", "rng.split()");
        assertFails(new NetworkCostChecks().gradeDirectly(WrongAnswers.costWithoutBiases()),
                "parameters by hand: 784-1024-1024-10 has 1,863,690, 2-3-1 has 13", "the weights alone");
        assertFails(new NetworkCostChecks().gradeDirectly(WrongAnswers.costWithoutBiases()),
                "parameters agree with nn-core's network built from the same widths", "one bias per output");
        assertFails(new NetworkCostChecks().gradeDirectly(WrongAnswers.costWithFirstInputGradient()),
                "FLOPs of a training step by hand: 2-3-1 and 784-1024-1024-10", "the first layer's input gradient");
        assertFails(ScheduleChecks.cosine().gradeDirectly(WrongAnswers::linearDecay), "values worked out by hand",
                "at step 2");
        assertFails(ScheduleChecks.oneCycle().gradeDirectly(WrongAnswers::linearOneCycle), "values worked out by hand",
                "a third of the way up a cosine");
        assertFails(new ConfusionChecks().gradeDirectly(WrongAnswers::transposedConfusion),
                "hand-computed case (rows are the true class)", "transposed");
        assertFails(new TopErrorsChecks().gradeDirectly(WrongAnswers::byConfidence),
                "hand-computed ranking by P(predicted) - P(true)", "by confidence alone");
        assertFails(new CommitteeChecks().gradeDirectly(WrongAnswers::majorityVote),
                "hand-computed committee of three (a majority vote answers differently)", "two of three members vote 1");
        assertFails(new CommitteeChecks().gradeDirectly(WrongAnswers::logitAverage),
                "probabilities are averaged, not log-probabilities (logits)", "what averaging logits gives");
        assertFails(new CommitteeChecks().gradeDirectly(WrongAnswers::meanOfMemberLosses),
                "the loss is the committee's cross-entropy, -ln p̄(true class)", "the mean of the members' losses");
        assertFails(new ValidationChoiceChecks().gradeDirectly(WrongAnswers::byTrainingLoss),
                "the fewest validation errors win, not the lowest training loss", "the lowest training loss");
        assertFails(new ValidationChoiceChecks().gradeDirectly(WrongAnswers::laterOnTies),
                "a tie in both errors and work goes to the earlier candidate", "the later of candidates tied");
        assertFails(new ValidationChoiceChecks().gradeDirectly(WrongAnswers::laterOnTies),
                "agrees with lesson 12's rule on random candidates full of ties", "expected candidate");
    }

    @Test
    void theReferenceSolutionsOfTheSecondExercisesOfLessons01To07PassEveryCheck() {
        assertAllPass("01.2", new CrossEntropyChecks().gradeDirectly(new CrossEntropyChecks.Loss() {
            @Override
            public float loss(float[] logits, int[] labels, int batch, int classes) {
                return new SoftmaxCrossEntropy().forward(logits, labels, batch, classes);
            }

            @Override
            public float[] gradient(float[] logits, int[] labels, int batch, int classes) {
                SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
                loss.forward(logits, labels, batch, classes);
                return loss.backward().clone();
            }
        }));
        assertAllPass("02.2", new MinMaxChecks().gradeDirectly(MinMaxChecks::reference));
        assertAllPass("03.2", new SgdChecks().gradeDirectly(Sgd::new));
        assertAllPass("07.2", new MaxNormChecks().gradeDirectly(c -> new MaxNorm(c)::apply));
    }

    @Test
    void wrongAnswersToTheSecondExercisesOfLessons01To07LosePointsWithAMessageThatNamesTheMistake() {
        assertFails(new CrossEntropyChecks().gradeDirectly(WrongAnswers.lossWithoutMaxSubtraction()),
                "logits of 1000 give a finite loss and gradient", "got NaN");
        assertFails(new CrossEntropyChecks().gradeDirectly(WrongAnswers.gradientNotDividedByBatch()),
                "hand-computed gradient, divided by the batch size", "(softmax - onehot) / B");
        assertFails(new CrossEntropyChecks().gradeDirectly(WrongAnswers.gradientNotDividedByBatch()),
                "the gradient matches finite differences of the loss", "at index");
        assertFails(new MinMaxChecks().gradeDirectly(WrongAnswers::minMaxOfOwnData),
                "other images are scaled with the training statistics", "not the test images' own");
        assertFails(new MinMaxChecks().gradeDirectly(WrongAnswers::minMaxDividingByZero),
                "hand-computed case, constant pixels at 0", "got NaN");
        assertFails(new MinMaxChecks().gradeDirectly(WrongAnswers::minMaxDividingByZero),
                "the scaled training set spans [0, 1] in every varying pixel", "not 0/0");
        assertFails(new SgdChecks().gradeDirectly(WrongAnswers::sgdAscent), "a step by hand", "against the gradient");
        assertFails(new SgdChecks().gradeDirectly(WrongAnswers::sgdAscent),
                "a short run gets close to the bottom of a quadratic bowl", "expected at most");
        assertFails(new SgdChecks().gradeDirectly(WrongAnswers::sgdWithoutLearningRate),
                "each step uses the learning rate it is given", "the step is η·g, not g");
        assertFails(new MaxNormChecks().gradeDirectly(WrongAnswers::maxNormOfColumns),
                "the norm is each unit's incoming weights, a row of W", "not each column");
        assertFails(new MaxNormChecks().gradeDirectly(WrongAnswers::maxNormEveryRow),
                "hand-computed case: a row outside the ball, a row inside", "left alone");
    }

    private static void assertAllPass(String id, Checker c) {
        String failures = c.results().stream().filter(r -> !r.passed()).map(r -> r.name() + ": " + r.message())
                .collect(Collectors.joining("\n"));
        assertEquals(1.0, c.score(), id + ": the reference solution failed:\n" + failures);
    }

    private static void assertFails(Checker c, String check, String messagePart) {
        CheckResult r = c.results().stream().filter(x -> x.name().equals(check)).findFirst()
                .orElseThrow(() -> new AssertionError("no check named '" + check + "' in " + c.results()));
        assertTrue(!r.passed(), "the wrong answer passed '" + check + "'");
        assertTrue(r.message().contains(messagePart), "the message of '" + check + "' should say '" + messagePart
                + "': " + r.message());
        assertTrue(c.score() < 1.0);
    }
}
