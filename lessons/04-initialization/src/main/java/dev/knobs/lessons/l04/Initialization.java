package dev.knobs.lessons.l04;

import static dev.knobs.lessons.common.Percent.pct;

import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.LessonDefinition;
import dev.knobs.lessons.common.LessonResults;
import dev.knobs.lessons.common.Mode;
import dev.knobs.lessons.common.Plots;
import dev.knobs.lessons.common.TextTable;
import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.RunData;
import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.init.Initializer;
import dev.knobs.nn.init.Normal;
import dev.knobs.nn.init.XavierNormal;
import dev.knobs.nn.init.Zeros;
import dev.knobs.nn.kernel.Ops;
import dev.knobs.nn.layer.Mlp;
import dev.knobs.nn.layer.Parameter;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.nn.loss.SoftmaxCrossEntropy;
import dev.knobs.nn.metrics.ActivationStats;
import dev.knobs.nn.metrics.EpochRecord;
import dev.knobs.nn.metrics.Evaluator;
import dev.knobs.nn.metrics.ParameterStats;
import dev.knobs.nn.schedule.ConstantRate;
import dev.knobs.nn.train.Recipe;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Lesson 04, weight initialisation. Changes from lesson 03: the batch stays at 128 (lesson 03's
 * choice) and the network gets deep, 784-256-256-256-256-256-10 (five hidden ReLU layers), so that
 * the starting weights matter; the knob is how those weights are drawn: all zeros, a tiny normal
 * (σ = 0.01), a huge normal (σ = 1), Xavier (Glorot and Bengio 2010) and He (He et al. 2015).
 *
 * <p>Each layer computes {@code z = h·Wᵀ} and {@code Var(z) = fanIn · Var(W) · E[h²]}. If
 * {@code fanIn · Var(W) · E[h²] / Var(z_prev)} is below 1 the signal shrinks geometrically with
 * depth, above 1 it grows; the backward pass multiplies gradients by the same weights and shrinks
 * or grows them the same way. A ReLU passes half its input's variance ({@code E[h²] = Var(z)/2}), so
 * {@code Var(W) = 2 / fanIn} (He) keeps the scale exactly; Xavier's {@code 2 / (fanIn + fanOut)}
 * halves it at every square layer. All-zero weights fail differently: every unit of a layer
 * computes the same thing and gets the same gradient (here exactly 0), so they never differ.
 *
 * <p>The lesson measures the spread of every layer's output and every weight gradient on one
 * batch at initialisation, then trains each scheme.
 *
 * <p>Run: {@code mvn -pl lessons/04-initialization exec:java} (add
 * {@code -Dexec.args="--mode smoke"} for a seconds-long run).
 */
public final class Initialization {
    private Initialization() {}

    /**
     * The knobs of this lesson, each with its reason.
     *
     * @param hidden     784-256x5-10: five hidden layers, deep enough that a factor per layer adds up
     *                   (0.5⁵ = 1/32 in variance for Xavier), small enough to train in seconds an epoch
     * @param epochs     passes over the training split per scheme
     * @param probeSize training images for the statistics at initialisation: enough for stable
     *                   standard deviations (512 x 256 values per layer)
     * @param deepLayers hidden layers of the deep, narrow network that shows where Xavier's halving
     *                   leads: 0.5²⁰ ≈ 1e-6 in variance
     * @param deepWidth  64 units per layer of that network, so that 20 layers still train in seconds
     * @param deepLr   0.01 for the deep network: at the baseline's 0.05 its He-initialised version
     *                   diverges in the first epoch (lesson 06 is about choosing η)
     * @param deepEpochs passes over the training split for the deep network, enough to see who starts
     */
    record Hyperparams(int[] hidden, int epochs, int probeSize, int deepLayers, int deepWidth, float deepLr,
                       int deepEpochs) {
        static Hyperparams defaults(Mode mode) {
            return new Hyperparams(new int[] {256, 256, 256, 256, 256}, mode.pick(1, 4, 15), 512, 20, 64,
                    0.01f, mode.pick(1, 2, 10));
        }

        /** 784, then {@code deepLayers} hidden layers of {@code deepWidth}, then 10. */
        int[] deepWidths() {
            int[] w = new int[deepLayers + 2];
            Arrays.fill(w, deepWidth);
            w[0] = 784;
            w[w.length - 1] = 10;
            return w;
        }

        /** The network's layer widths: 784 pixels, the hidden layers, 10 classes. */
        int[] widths() {
            int[] w = new int[hidden.length + 2];
            w[0] = 784;
            System.arraycopy(hidden, 0, w, 1, hidden.length);
            w[w.length - 1] = 10;
            return w;
        }
    }

    /**
     * One way of drawing the initial weights.
     *
     * @param key   prefix of its metrics, e.g. {@code he}
     * @param label name in legends and tables
     * @param init  the initialiser (biases always start at 0)
     * @param code  its number in the {@code chosen_init} metric
     */
    record Scheme(String key, String label, Initializer init, int code) {}

    /**
     * What one forward and backward pass on the probe batch shows at initialisation.
     *
     * @param activationStd  standard deviation of each hidden layer's ReLU output, then of the logits
     * @param gradientNorm   ‖∂L/∂W‖ of each weight matrix, first layer first
     * @param loss           the loss of the batch
     * @param deadFraction   fraction of hidden units that output 0 for every image of the batch
     */
    record Probe(double[] activationStd, double[] gradientNorm, double loss, double deadFraction) {}

    /**
     * What this lesson found.
     *
     * @param testAccuracy test accuracy of the configuration chosen on validation data
     */
    record Results(double testAccuracy) implements LessonResults {}

    /** The lesson: its folder, title, knobs and experiment. */
    public static final LessonDefinition<Hyperparams, Results> LESSON = new LessonDefinition<>("04-initialization", "Weight initialisation",
            Hyperparams.class, Hyperparams::defaults, Results.class, Initialization::run);

    public static void main(String[] args) {
        Lesson.launch(args, LESSON);
    }

    static Results run(Lesson lesson, Hyperparams hp) {

        // ---------------------------------------------------------------- 1. the data
        lesson.section("1. The data");
        RunData data = RunData.withValidation(lesson.data(), lesson.seed());
        lesson.out().printf("%d training, %d validation and %d test images, pixels in [0, 1]%n", data.train().size(),
                data.validation().size(), data.test().size());

        // ---------------------------------------------------------------- 2. five ways to start
        lesson.section("2. A deep network and five ways to start it");
        // The order of every table and plot: the schemes that work first, so that He and Xavier have
        // the same colours in every plot, including those that leave out a failed scheme.
        List<Scheme> schemes = List.of(
                new Scheme("he", "He", new HeNormal(), 4),                         // N(0, 2/fanIn)
                new Scheme("xavier", "Xavier", new XavierNormal(), 3),             // N(0, 2/(fanIn+fanOut))
                new Scheme("tiny", "normal σ=0.01", new Normal(0.01f), 1),         // N(0, 0.01²)
                new Scheme("zeros", "zeros", new Zeros(), 0),                      // W = 0
                new Scheme("huge", "normal σ=1", new Normal(1f), 2));              // N(0, 1)
        Recipe base = Recipe.BASELINE.withSeed(lesson.seed()).withEpochs(hp.epochs());
        lesson.out().print(Mlp.relu(new HeNormal(), hp.widths()).build(new SplittableRandom(lesson.seed())).summary());
        TextTable sigma = new TextTable("Standard deviation of the initial weights", "scheme", "rule",
                "σ of W₁ (784 → 256)", "σ of W₂ (256 → 256)");
        for (Scheme s : schemes) {
            List<Parameter> p = build(s, hp.widths(), lesson.seed()).parameters();
            sigma.row(s.label(), s.init().name(), f4(std(p.get(0).value())), f4(std(p.get(2).value())));
        }
        lesson.table(sigma);

        // ---------------------------------------------------------------- 3. at initialisation
        lesson.section("3. One batch of " + hp.probeSize() + " images through each untrained network");
        Dataset train = data.train();
        List<Probe> probes = new ArrayList<>();
        for (Scheme s : schemes) {
            probes.add(probe(build(s, hp.widths(), lesson.seed()), train, hp.probeSize()));
        }
        showProbes(lesson, schemes, probes, hp);

        // ---------------------------------------------------------------- 4. training
        lesson.section("4. Training each scheme for " + hp.epochs() + " epochs (baseline recipe otherwise)");
        List<Recipe.Run> runs = new ArrayList<>();
        for (Scheme s : schemes) {
            Recipe recipe = base.withLabel(s.label()).withNetwork(Mlp.relu(s.init(), hp.widths()));
            Recipe.Run run = recipe.train(data, lesson.progress(recipe));
            if (run.diverged() != null) {
                lesson.out().println("  " + s.label() + ": " + run.diverged());
            }
            runs.add(run);
        }

        // ---------------------------------------------------------------- 5. deeper still
        lesson.section("5. " + hp.deepLayers() + " hidden layers of " + hp.deepWidth() + ": where the factor per layer "
                + "leads");
        List<Plots.Series> deepSpread = new ArrayList<>();
        List<Plots.Series> deepSteps = new ArrayList<>();
        TextTable deepTable = new TextTable(hp.deepLayers() + " hidden layers of " + hp.deepWidth() + ", η = "
                + hp.deepLr() + ", " + hp.deepEpochs() + " epochs", "scheme", "std after hidden layer 1",
                "std after hidden layer " + hp.deepLayers(), "train loss, epoch 1", "validation accuracy");
        for (Scheme s : schemes.subList(0, 2)) {                                 // He and Xavier
            Probe p = probe(build(s, hp.deepWidths(), lesson.seed()), train, hp.probeSize());
            double[] hidden = Arrays.copyOf(p.activationStd(), hp.deepLayers());
            deepSpread.add(Plots.Series.ofEpochs(s.label(), hidden));
            Recipe recipe = base.withLabel(s.label() + ", " + hp.deepLayers() + " layers")
                    .withNetwork(Mlp.relu(s.init(), hp.deepWidths())).withEpochs(hp.deepEpochs())
                    .withStepSchedule(new ConstantRate(hp.deepLr()));      // constant η, losses kept per step
            Recipe.Run run = recipe.train(data, lesson.progress(recipe));
            deepSteps.add(stepSeries(s.label(), run));
            double validation = run.diverged() == null ? run.history().last().validationAccuracy() : Double.NaN;
            deepTable.row(s.label(), String.format("%.3g", hidden[0]), String.format("%.3g", hidden[hp.deepLayers() - 1]),
                    run.history().epochs().isEmpty() ? "diverged" : f4(run.history().epochs().get(0).trainLoss()),
                    run.diverged() == null ? pct(validation) : "diverged");
            lesson.metric(s.key() + "_deep_last_hidden_std", hidden[hp.deepLayers() - 1]);
            lesson.metric(s.key() + "_deep_validation_accuracy", run.diverged() == null ? validation : 0);
        }
        lesson.table(deepTable);
        lesson.figure("deep-activation-std", Plots.linesLogY("Spread of each layer's output, " + hp.deepLayers()
                        + " hidden layers, at initialisation", "hidden layer", "standard deviation (log scale)", deepSpread),
                "He keeps the spread level through 20 ReLU layers; with Xavier it loses a factor √2 per layer.",
                "Line chart, log scale, of the standard deviation of each hidden layer's output in an untrained "
                        + "20-layer ReLU network: flat for He initialisation, falling steadily by about three decades "
                        + "for Xavier.");
        lesson.figure("deep-step-loss", Plots.lines("Training a " + hp.deepLayers() + "-layer network: loss of every "
                        + "mini-batch", "step", "mini-batch loss", deepSteps),
                "Starting from He weights the deep network learns at once; from Xavier weights it first sits at ln 10.",
                "Line chart of the loss of every training mini-batch of the 20-layer network: the He curve falls "
                        + "from the first steps, the Xavier curve stays flat near 2.3 for a long stretch before falling.");

        // ---------------------------------------------------------------- 6. results and the choice
        lesson.section("6. Results");
        plotCurves(lesson, runs);
        TextTable table = new TextTable("Five initialisations, " + hp.epochs() + " epochs", "scheme", "first loss",
                "last train loss", "validation accuracy", "test accuracy", "outcome");
        double best = -1;
        for (int i = 0; i < schemes.size(); i++) {
            Scheme s = schemes.get(i);
            Recipe.Run run = runs.get(i);
            // A diverged run stops with broken weights; we still measure what they predict.
            double test = run.diverged() == null ? run.testAccuracy()
                    : Evaluator.evaluate(run.model(), data.test()).accuracy();
            lesson.metric(s.key() + "_test_accuracy", test);
            lesson.metric(s.key() + "_diverged", run.diverged() == null ? 0 : 1);
            if (run.diverged() != null) {
                table.row(s.label(), String.format("%.4g", probes.get(i).loss()), "-", "-", pct(test), "diverged");
                continue;
            }
            EpochRecord last = run.history().last();
            lesson.metric(s.key() + "_validation_accuracy", last.validationAccuracy());
            table.row(s.label(), String.format("%.4g", probes.get(i).loss()), f4(last.trainLoss()),
                    pct(last.validationAccuracy()), pct(test), last.validationAccuracy() < 0.2 ? "no learning" : "trained");
            best = Math.max(best, last.validationAccuracy());
        }
        lesson.table(table);
        lesson.json("runs", runs.stream().map(Recipe.Run::history).toList());

        // Within two standard errors of the best validation accuracy the schemes tie; among tied
        // schemes the list order decides, and it puts He, the scheme derived for ReLU, first.
        double tolerance = 2 * Math.sqrt(best * (1 - best) / data.validation().size());
        int chosen = -1;
        for (int i = 0; i < schemes.size() && chosen < 0; i++) {
            if (runs.get(i).diverged() == null && runs.get(i).history().last().validationAccuracy() >= best - tolerance) {
                chosen = i;
            }
        }
        if (chosen < 0) {
            throw new IllegalArgumentException("every initialisation diverged: try a smaller learning rate");
        }
        Scheme pick = schemes.get(chosen);
        Recipe.Run pickRun = runs.get(chosen);
        lesson.out().printf("%nbest validation accuracy %.2f%%; within two standard errors (%.2f points) the first in "
                        + "order He, Xavier, ...: %s (%.2f%% validation, %.2f%% test)%n", 100 * best, 100 * tolerance,
                pick.label(), 100 * pickRun.history().last().validationAccuracy(), 100 * pickRun.testAccuracy());
        lesson.metric("chosen_init", pick.code());
        lesson.metric("chosen_validation_accuracy", pickRun.history().last().validationAccuracy());
        lesson.metric("selection_tolerance", tolerance);
        lesson.metric("epochs", hp.epochs());
        Map<String, Recipe.Run> byKey = new LinkedHashMap<>();
        for (int i = 0; i < schemes.size(); i++) {
            byKey.put(schemes.get(i).key(), runs.get(i));
        }
        lesson.headline(String.format("In a 5-hidden-layer ReLU network, He and Xavier initialisation reach %s and %s "
                        + "test accuracy after %d epochs; zeros and σ = 0.01 never leave %s, and σ = 1 %s.",
                pct(byKey.get("he").testAccuracy()), pct(byKey.get("xavier").testAccuracy()), hp.epochs(),
                pct(byKey.get("zeros").testAccuracy()),
                byKey.get("huge").diverged() != null ? "diverges at once" : "reaches " + pct(byKey.get("huge").testAccuracy())));
        lesson.chose(pickRun.recipe().label(), pickRun.history(), pickRun.model());
        return new Results(pickRun.testAccuracy());
    }

    /** The network {@link Recipe#train} would start from for this scheme (same seed, same split). */
    private static Sequential build(Scheme s, int[] widths, long seed) {
        return Mlp.relu(s.init(), widths).build(new SplittableRandom(seed).split());
    }

    /**
     * One forward and backward pass over the first {@code batch} training images, without an
     * update: the spread of each hidden layer's output and of the logits, and the norm of each
     * weight gradient.
     */
    private static Probe probe(Sequential net, Dataset train, int batch) {
        int b = Math.min(batch, train.size());
        float[] x = Arrays.copyOf(train.x(), b * train.features());            // [b, 784]
        int[] y = Arrays.copyOf(train.labels(), b);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        float value = loss.forward(net.forward(x, b, true), y, b, train.classes());
        net.backward(loss.backward(), b);
        List<ActivationStats> stats = ActivationStats.of(net, b);              // Dense, ReLU, ..., Dense
        List<Double> spread = new ArrayList<>();
        double dead = 0;
        int hidden = 0;
        for (int i = 0; i < stats.size(); i++) {
            if (net.layers().get(i).type().equals("relu")) {
                spread.add(stats.get(i).std());
                dead += stats.get(i).deadFraction();
                hidden++;
            }
        }
        spread.add(stats.get(stats.size() - 1).std());                         // the logits
        double[] gradients = ParameterStats.after(net.parameters(), null).stream()
                .filter(p -> p.name().endsWith(" W")).mapToDouble(ParameterStats::gradientNorm).toArray();
        return new Probe(spread.stream().mapToDouble(Double::doubleValue).toArray(), gradients, value, dead / hidden);
    }

    private static void showProbes(Lesson lesson, List<Scheme> schemes, List<Probe> probes, Hyperparams hp) {
        int layers = hp.widths().length - 1;
        String[] columns = new String[layers + 2];
        columns[0] = "scheme";
        for (int l = 1; l < layers; l++) {
            columns[l] = "hidden " + l;
        }
        columns[layers] = "logits";
        columns[layers + 1] = "first loss";
        TextTable spread = new TextTable("Standard deviation of each layer's output at initialisation", columns);
        String[] gradColumns = new String[layers + 1];
        gradColumns[0] = "scheme";
        for (int l = 1; l <= layers; l++) {
            gradColumns[l] = "‖∂L/∂W" + l + "‖";
        }
        TextTable gradients = new TextTable("Norm of each weight gradient at initialisation", gradColumns);
        List<Plots.Series> spreadSeries = new ArrayList<>();
        List<Plots.Series> gradientSeries = new ArrayList<>();
        for (int i = 0; i < schemes.size(); i++) {
            Scheme s = schemes.get(i);
            Probe p = probes.get(i);
            Object[] row = new Object[layers + 2];
            row[0] = s.label();
            for (int l = 0; l < layers; l++) {
                row[l + 1] = String.format("%.3g", p.activationStd()[l]);
            }
            row[layers + 1] = String.format("%.4g", p.loss());
            spread.row(row);
            Object[] gradRow = new Object[layers + 1];
            gradRow[0] = s.label();
            for (int l = 0; l < layers; l++) {
                gradRow[l + 1] = String.format("%.3g", p.gradientNorm()[l]);
            }
            gradients.row(gradRow);
            // A log axis cannot show 0: the all-zero scheme has no points in these two plots.
            spreadSeries.add(Plots.Series.ofEpochs(s.label(), zeroToNaN(p.activationStd())));
            gradientSeries.add(Plots.Series.ofEpochs(s.label(), zeroToNaN(p.gradientNorm())));
            lesson.metric(s.key() + "_last_hidden_std", p.activationStd()[layers - 2]);
            lesson.metric(s.key() + "_first_layer_gradient_norm", p.gradientNorm()[0]);
            lesson.metric(s.key() + "_first_loss", p.loss());
            lesson.metric(s.key() + "_dead_fraction", p.deadFraction());
        }
        lesson.table(spread);
        lesson.table(gradients);
        lesson.figure("activation-std", Plots.linesLogY("Spread of each layer's output at initialisation",
                        "layer (1-5 hidden ReLU layers, 6 = logits)", "standard deviation (log scale)", spreadSeries),
                "Flat is healthy; falling means the signal vanishes with depth, rising that it explodes. Zeros is "
                        + "0 everywhere and cannot be drawn on a log axis.",
                "Line chart, log scale, of the standard deviation of each layer's output for one batch through the "
                        + "untrained network: nearly flat for He, slowly falling for Xavier, collapsing by about a "
                        + "factor ten per layer for σ = 0.01 and growing by about ten per layer for σ = 1.");
        lesson.figure("gradient-norm", Plots.linesLogY("Size of each weight gradient at initialisation",
                        "weight matrix (1 = first layer, 6 = output layer)", "‖∂L/∂W‖ (log scale)", gradientSeries),
                "How hard the first backward pass pushes each layer; zeros gives exactly 0 everywhere (not drawn).",
                "Line chart, log scale, of the norm of each weight matrix's gradient for one batch at "
                        + "initialisation: within a factor of a few across layers for He and Xavier, vanishingly "
                        + "small for σ = 0.01, astronomically large for σ = 1.");
        lesson.json("initial-statistics", Map.of("schemes", schemes.stream().map(Scheme::label).toList(),
                "probes", probes));
    }

    private static void plotCurves(Lesson lesson, List<Recipe.Run> runs) {
        List<Plots.Series> loss = new ArrayList<>();
        List<Plots.Series> accuracy = new ArrayList<>();
        for (Recipe.Run run : runs) {
            if (run.diverged() != null) {
                continue;
            }
            String label = run.recipe().label();
            loss.add(Plots.Series.ofEpochs(label,
                    run.history().epochs().stream().mapToDouble(EpochRecord::trainLoss).toArray()));
            accuracy.add(Plots.Series.ofEpochs(label,
                    run.history().epochs().stream().mapToDouble(e -> 100 * e.validationAccuracy()).toArray()));
        }
        lesson.figure("loss", Plots.linesLogY("Training loss per epoch", "epoch", "cross-entropy loss (log scale)", loss),
                "Zeros and σ = 0.01 stay at ln 10 = 2.30, the loss of a network that does not look at the image; "
                        + "σ = 1 diverged and has no curve.",
                "Line chart, log scale, of training loss per epoch: He and Xavier fall below 0.1, zeros and the tiny "
                        + "normal stay flat at 2.3.");
        lesson.figure("accuracy", Plots.lines("Validation accuracy per epoch", "epoch", "accuracy (%)", accuracy),
                "He and Xavier learn; zeros and σ = 0.01 predict the most common digit for every image.",
                "Line chart of validation accuracy per epoch: He and Xavier above 95 percent, zeros and the tiny "
                        + "normal flat at about 11 percent.");
    }

    /** The loss of every mini-batch of a run, against the step number. */
    private static Plots.Series stepSeries(String label, Recipe.Run run) {
        List<Float> losses = run.history().stepLosses();
        double[] x = new double[losses.size()];
        double[] y = new double[losses.size()];
        for (int i = 0; i < losses.size(); i++) {
            x[i] = i + 1;
            y[i] = losses.get(i);
        }
        return new Plots.Series(label, x, y);
    }

    private static double std(float[] w) {
        double mean = 0;
        for (float v : w) {
            mean += v;
        }
        mean /= w.length;
        return Math.sqrt(Math.max(0, Ops.sumOfSquares(w.length, w) / w.length - mean * mean));
    }

    private static double[] zeroToNaN(double[] values) {
        return Arrays.stream(values).map(v -> v == 0 ? Double.NaN : v).toArray();
    }

    private static String f4(double v) {
        return String.format("%.4f", v);
    }
}
