package dev.knobs.lessons.l01;

import static dev.knobs.lessons.common.Percent.pct;

import dev.knobs.exercises.l01.DenseLayer;
import dev.knobs.lessons.common.Knob;
import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.LessonDefinition;
import dev.knobs.lessons.common.LessonResults;
import dev.knobs.lessons.common.Mode;
import dev.knobs.lessons.common.Parts;
import dev.knobs.lessons.common.ProgressBar;
import dev.knobs.lessons.common.TextTable;
import dev.knobs.lessons.common.UsageException;
import dev.knobs.lessons.common.Words;
import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.MiniBatches;
import dev.knobs.nn.data.TrainTest;
import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.layer.Mlp;
import dev.knobs.nn.layer.Parameter;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.nn.loss.SoftmaxCrossEntropy;
import dev.knobs.nn.metrics.EpochRecord;
import dev.knobs.nn.metrics.Evaluator;
import dev.knobs.nn.metrics.History;
import dev.knobs.nn.metrics.Predictions;
import dev.knobs.nn.optim.Sgd;
import dev.knobs.nn.train.DivergenceGuard;
import dev.knobs.nn.train.TrainStep;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Lesson 01, a first network. Changes from nothing: everything starts here.
 *
 * <p>We look at MNIST, build a 784-128-10 multilayer perceptron with one hidden ReLU layer, take
 * one training step apart (forward, loss, backward, update), check the gradients numerically, and
 * train with plain stochastic gradient descent. Read it next to the lesson's README.md.
 *
 * <p>Run: {@code mvn -pl lessons/01-first-network exec:java} (add
 * {@code -Dexec.args="--mode smoke"} for a seconds-long run).
 */
public final class FirstNetwork {
    private FirstNetwork() {}

    /**
     * The knobs of this lesson, each with its reason (every one is a flag, e.g. {@code --hidden 256}).
     *
     * @param hidden    one hidden layer of 128 units: enough to pass 96%, small enough to train in seconds
     * @param lr        0.1: a classic value for plain SGD on [0, 1] inputs (lesson 06 sweeps it)
     * @param batchSize 64: a mini-batch, so each step is cheap and the epoch has many steps (lesson 03);
     *                  a batch larger than the training set is the whole training set
     * @param epochs    passes over the training images
     */
    record Hyperparams(int[] hidden, float lr, int batchSize, int epochs) {
        static Hyperparams defaults(Mode mode) {
            return new Hyperparams(new int[] {128}, 0.1f, 64, mode.pick(1, 5, 20));
        }

        Hyperparams {
            if (hidden.length != 1) {
                throw new UsageException("--hidden: lesson 01's network has one hidden layer, so give one width, e.g. "
                        + "--hidden 256; got " + hidden.length);
            }
        }

        /** The one hidden layer's width. */
        int width() {
            return hidden[0];
        }

        /** The network as its layer widths, e.g. {@code 784-128-10}. */
        String architecture() {
            return "784-" + width() + "-10";
        }
    }

    /**
     * What this lesson found. There is one network and nothing to choose between, so no
     * validation set: every accuracy and loss is measured on the test set after the last epoch.
     *
     * @param testAccuracy                  test accuracy after the last epoch, in [0, 1]
     * @param architecture                  the network trained, as its layer widths, e.g. {@code 784-128-10}
     * @param epochs                        passes over the training images
     * @param initialLoss                   cross-entropy of the untrained network on the first mini-batch, in
     *                                      nats: close to ln 10 = 2.303 when the first scores are nearly equal
     * @param lossAfterOneStep              the same mini-batch's loss after one SGD step on it: lower, if the
     *                                      gradient points downhill
     * @param gradientCheckMaxRelativeError largest relative error between backpropagation and central
     *                                      differences over the weights checked (ReLU kinks not counted):
     *                                      below 1e-2 in 32-bit floats means the gradient is right
     * @param trainLoss                     mean mini-batch loss during the last epoch, in nats
     * @param trainAccuracy                 share of the training images classified right during the last
     *                                      epoch, while the weights were still changing, in [0, 1]
     * @param testLoss                      mean cross-entropy on the test set after the last epoch, in nats
     * @param examplesPerSecond             training images per second over the whole run, test evaluation not
     *                                      counted: a timing, so it depends on the machine and its load
     */
    public record Results(double testAccuracy, String architecture, int epochs, double initialLoss, double lossAfterOneStep,
                   double gradientCheckMaxRelativeError, double trainLoss, double trainAccuracy, double testLoss,
                   double examplesPerSecond) implements LessonResults {}

    /** The lesson: its folder, title, knobs and experiment. */
    public static final LessonDefinition<Hyperparams, Results> LESSON = new LessonDefinition<>("01-first-network", "A first network",
            Hyperparams.class, Hyperparams::defaults, Results.class, FirstNetwork::run)
            .withExercises(() -> Parts.library().withDense("01.1 dense layer backward pass (DenseLayer)", DenseLayer::new));

    /** Runs the lesson with the knobs given as flags or in a knob file ({@code --help} lists them). */
    public static void main(String[] args) {
        Lesson.launch(args, LESSON);
    }

    static Results run(Lesson lesson, Hyperparams hp) {

        // ---------------------------------------------------------------- 1. the data
        lesson.section("1. The data");
        TrainTest data = lesson.data();
        Dataset train = data.train();
        Dataset test = data.test();
        lesson.out().printf("%d training and %d test images of %dx%d pixels, scaled from 0..255 to 0..1%n",
                train.size(), test.size(), train.height(), train.width());
        lesson.out().println("first labels: " + Arrays.toString(Arrays.copyOf(train.labels(), 10)));
        FirstNetworkCharts.samples(lesson, train);
        lesson.out().println("train class counts: " + Arrays.toString(train.classCounts()));
        lesson.out().println("test class counts:  " + Arrays.toString(test.classCounts()));
        FirstNetworkCharts.classShares(lesson, percent(train.classCounts(), train.size()),
                percent(test.classCounts(), test.size()));

        // ---------------------------------------------------------------- 2. the network
        lesson.section("2. The network");
        SplittableRandom rng = new SplittableRandom(lesson.seed());
        Sequential net = lesson.parts().network(Mlp.relu(new HeNormal(), 784, hp.width(), 10), rng.split());
        lesson.out().print(net.summary());

        // ---------------------------------------------------------------- 3. one step, taken apart
        lesson.section("3. Anatomy of one training step");
        int b = Math.min(hp.batchSize(), train.size());
        float[] x = Arrays.copyOf(train.x(), b * 784);          // the first b images  [b, 784]
        int[] y = Arrays.copyOf(train.labels(), b);
        SoftmaxCrossEntropy lossFunction = new SoftmaxCrossEntropy();

        float[] logits = net.forward(x, b, true);                // forward: [b, 784] -> [b, 10]
        float loss = lossFunction.forward(logits, y, b, 10);     // loss: one number
        lesson.out().printf("forward:  x [%d, 784] -> hidden [%d, %d] -> logits [%d, 10]%n", b, b, hp.width(), b);
        lesson.out().printf("loss:     %.4f   (ln 10 = %.4f: an untrained net guesses ~1/10 per class)%n", loss, Math.log(10));
        lesson.metric("initial_loss", loss);

        net.backward(lossFunction.backward(), b);                // backward: dLoss/dθ for every θ
        for (Parameter p : net.parameters()) {
            lesson.out().printf("backward: d loss / d %-2s of shape [%d, %d], norm %.4f%n", p.name(), p.rows(), p.cols(),
                    Math.sqrt(dev.knobs.nn.kernel.Ops.sumOfSquares(p.size(), p.grad())));
        }
        double worst = gradientCheck(lesson, net, x, y, b);
        lesson.metric("gradient_check_max_relative_error", worst);

        new Sgd().step(net.parameters(), hp.lr());               // update: θ ← θ - η·dLoss/dθ
        float after = lossFunction.forward(net.forward(x, b, false), y, b, 10);
        lesson.out().printf("update:   one SGD step with η = %s; loss on the same batch %.4f -> %.4f%n",
                twoDecimalsIfExact(hp.lr()), loss, after);

        // ---------------------------------------------------------------- 4. the training loop
        lesson.section("4. Training: " + Words.epochs(hp.epochs()) + " of plain SGD, batch " + b + ", η = " + hp.lr());
        net = lesson.parts().network(Mlp.relu(new HeNormal(), 784, hp.width(), 10), new SplittableRandom(lesson.seed()));
        TrainStep step = new TrainStep(net, new Sgd());
        MiniBatches batches = new MiniBatches(train, b, lesson.seed());
        DivergenceGuard guard = new DivergenceGuard();
        History history = new History("plain SGD");
        ProgressBar bar = lesson.progress(hp.architecture(), hp.epochs(), "epochs");
        int t = 0;
        for (int epoch = 0; epoch < hp.epochs(); epoch++) {
            long start = System.nanoTime();
            double lossSum = 0;
            int correct = 0;
            for (MiniBatches.Batch batch : batches.epoch(epoch)) {                  // a new shuffle every epoch
                float batchLoss = step.run(batch.x(), batch.labels(), batch.size(), hp.lr()); // forward, loss, backward, update
                guard.check(batchLoss, epoch + 1, ++t, hp.lr());                   // NaN or explosion: stop with a message
                lossSum += batchLoss * batch.size();
                correct += step.correct(batch.labels(), batch.size());
                history.addStep(hp.lr(), batchLoss);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Predictions onTest = Evaluator.evaluate(net, test);                     // dropout off, no updates
            history.add(new EpochRecord(epoch + 1, lossSum / train.size(), (double) correct / train.size(),
                    Double.NaN, Double.NaN, onTest.loss(), onTest.accuracy(), hp.lr(), seconds));
            bar.advance(1, String.format("loss %.4f  test %.2f%%", lossSum / train.size(), 100 * onTest.accuracy()));
        }
        bar.finish(null);

        // ---------------------------------------------------------------- 5. results
        lesson.section("5. Results");
        FirstNetworkCharts.loss(lesson, history);
        FirstNetworkCharts.accuracy(lesson, history);
        FirstNetworkCharts.stepLoss(lesson, history.stepLosses(), b);
        TextTable table = new TextTable("Plain SGD, " + hp.architecture() + ", per epoch", "epoch", "train loss",
                "train accuracy", "test loss", "test accuracy", "seconds");
        for (EpochRecord e : history.epochs()) {
            table.row(e.epoch(), f4(e.trainLoss()), pct(e.trainAccuracy()), f4(e.testLoss()), pct(e.testAccuracy()),
                    String.format("%.1f", e.seconds()));
        }
        lesson.table(table);
        lesson.json("history", history);
        EpochRecord last = history.last();
        double examplesPerSecond = train.size() * hp.epochs() / history.seconds();
        lesson.metric("test_accuracy", last.testAccuracy());
        lesson.metric("epochs", hp.epochs());
        lesson.metric("examples_per_second", examplesPerSecond);
        lesson.headline(String.format("A %s ReLU network trained with plain SGD reaches %s test accuracy after %s; "
                + "its first loss was %.3f (ln 10 = 2.303).", hp.architecture(), pct(last.testAccuracy()),
                Words.epochs(hp.epochs()), loss));
        lesson.chose(hp.architecture() + ", plain SGD", history, net);
        return new Results(last.testAccuracy(), hp.architecture(), hp.epochs(), loss, after, worst, last.trainLoss(),
                last.trainAccuracy(), last.testLoss(), examplesPerSecond);
    }

    /**
     * Compares backprop's gradient with a central difference {@code (L(w+h) - L(w-h)) / 2h} for a
     * few weights of each layer and prints the relative errors. In float32 with h = 1e-2, errors
     * below 1e-2 mean the gradient is right; a bug gives errors near 1. A nudge that moves some
     * ReLU input across 0 meets a kink, where finite differences fail; such weights are flagged
     * and not counted. (The test suite repeats this check for every layer in double precision.)
     */
    private static double gradientCheck(Lesson lesson, Sequential net, float[] x, int[] y, int b) {
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        SplittableRandom pick = new SplittableRandom(1);
        float h = 1e-2f;
        double worst = 0;
        lesson.out().println("gradient check (central differences, h = 0.01):");
        for (Parameter p : net.parameters()) {
            if (!p.isWeight()) {
                continue;
            }
            if (allZero(p.grad())) {
                // Every unit dead on this batch (it happens with very few hidden units): nothing to check.
                lesson.out().printf("  %s: every gradient is 0 on this batch, nothing to check%n", p.name());
                continue;
            }
            for (int k = 0; k < 3; k++) {
                int i = pick.nextInt(p.size());
                while (p.grad()[i] == 0f) {
                    i = pick.nextInt(p.size());      // a weight from an all-zero pixel has gradient 0 both ways
                }
                float saved = p.value()[i];
                p.value()[i] = saved + h;
                double plus = loss.forward(net.forward(x, b, false), y, b, 10);
                p.value()[i] = saved - h;
                double minus = loss.forward(net.forward(x, b, false), y, b, 10);
                p.value()[i] = saved;
                double centre = loss.forward(net.forward(x, b, false), y, b, 10);
                double numeric = (plus - minus) / (2 * h);
                double analytic = p.grad()[i];
                double relative = Math.abs(numeric - analytic) / Math.max(1e-8, Math.abs(numeric) + Math.abs(analytic));
                // If the slopes left and right of w disagree, the nudge moved some ReLU input across 0:
                // the loss has a kink there and no finite difference can match the gradient.
                double left = (centre - minus) / h;
                double right = (plus - centre) / h;
                boolean kink = Math.abs(left - right) > 0.1 * Math.max(Math.abs(left), Math.abs(right));
                if (!kink) {
                    worst = Math.max(worst, relative);
                }
                lesson.out().printf("  %s[%d,%d]: backprop %+.6f, numeric %+.6f, relative error %.1e%s%n", p.name(),
                        i / p.cols(), i % p.cols(), analytic, numeric, relative,
                        kink ? "  (a ReLU kink lies within ±h: not counted)" : "");
            }
        }
        return worst;
    }

    /** Each count as a percentage of {@code total}. */
    private static double[] percent(int[] counts, int total) {
        double[] s = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            s[i] = 100.0 * counts[i] / total;
        }
        return s;
    }

    /** {@code 0.1 -> "0.10"}, but {@code 0.001 -> "0.001"}: two decimals unless they would hide the value. */
    private static String twoDecimalsIfExact(float v) {
        String two = String.format("%.2f", v);
        return Float.parseFloat(two) == v ? two : Knob.format(v);
    }

    private static boolean allZero(float[] values) {
        for (float v : values) {
            if (v != 0f) {
                return false;
            }
        }
        return true;
    }

    private static String f4(double v) {
        return String.format("%.4f", v);
    }
}
