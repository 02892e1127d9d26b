package dev.knobs.lessons.l04;

import static dev.knobs.lessons.common.Percent.pct;

import dev.knobs.exercises.l04.HeNormalInitializer;
import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.LessonDefinition;
import dev.knobs.lessons.common.LessonResults;
import dev.knobs.lessons.common.Mode;
import dev.knobs.lessons.common.Parts;
import dev.knobs.lessons.common.TextTable;
import dev.knobs.lessons.common.Words;
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
import java.util.stream.IntStream;

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
     * The knobs of this lesson, each with its reason (every one is a flag, e.g. {@code --hidden 256,256}).
     *
     * @param hidden     784-256x5-10: five hidden layers, deep enough that a factor per layer adds up
     *                   (0.5⁵ = 1/32 in variance for Xavier), small enough to train in seconds an epoch
     * @param epochs     passes over the training split per scheme
     * @param lr         the baseline's constant 0.05 for the five-layer network, chosen for one hidden
     *                   layer and kept so that only the starting weights change
     * @param probeSize  training images for the statistics at initialisation: enough for stable
     *                   standard deviations (512 x 256 values per layer); at most the training split
     * @param deepLayers hidden layers of the deep, narrow network that shows where Xavier's halving
     *                   leads: 0.5²⁰ ≈ 1e-6 in variance
     * @param deepWidth  64 units per layer of that network, so that 20 layers still train in seconds
     * @param deepLr     0.01 for the deep network: at the baseline's 0.05 its He-initialised version
     *                   diverges in the first epoch (lesson 06 is about choosing η)
     * @param deepEpochs passes over the training split for the deep network, enough to see who starts
     */
    record Hyperparams(int[] hidden, int epochs, float lr, int probeSize, int deepLayers, int deepWidth, float deepLr,
                       int deepEpochs) {
        static Hyperparams defaults(Mode mode) {
            return new Hyperparams(new int[] {256, 256, 256, 256, 256}, mode.pick(1, 4, 15), 0.05f, 512, 20, 64,
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

        /** {@code 784-256-256-256-256-256-10}. */
        String architecture() {
            return String.join("-", IntStream.of(widths()).mapToObj(String::valueOf).toList());
        }

        /** {@code 784-64x20-10}. */
        String deepArchitecture() {
            return "784-" + deepWidth + "x" + deepLayers + "-10";
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
    record Probe(double[] activationStd, double[] gradientNorm, double loss, double deadFraction) {
        double lastHiddenStd() {
            return activationStd[activationStd.length - 2];
        }
    }

    /**
     * What became of one way of starting the weights.
     *
     * @param label                  its name in tables and legends, e.g. {@code He}
     * @param rule                   the initialiser, e.g. {@code he_normal} or {@code normal(0.01)}
     * @param firstLoss              loss of the untrained network on the probe images, in nats (ln 10 = 2.303
     *                               when it guesses evenly)
     * @param lastHiddenStd          standard deviation of the last hidden layer's output on the probe images, at
     *                               initialisation
     * @param firstLayerGradientNorm ‖∂L/∂W₁‖ on the probe images, at initialisation
     * @param deadFraction           share of hidden units that output 0 for every probe image, at initialisation
     * @param diverged               true if training stopped because the loss exploded or became NaN
     * @param lastTrainLoss          mean mini-batch loss of the last epoch, in nats (NaN if it diverged)
     * @param validationAccuracy     on the held-out validation images after the last epoch (NaN if it diverged)
     * @param testAccuracy           on the test set after the last epoch; for a diverged run, what its broken
     *                               weights predict
     * @param deepLastHiddenStd      the spread after the last hidden layer of the deep, narrow network at
     *                               initialisation (He and Xavier only; NaN for the others)
     * @param deepValidationAccuracy that network's validation accuracy after its epochs (He and Xavier only;
     *                               NaN for the others or if it diverged)
     */
    record SchemeOutcome(String label, String rule, double firstLoss, double lastHiddenStd,
                         double firstLayerGradientNorm, double deadFraction, boolean diverged, double lastTrainLoss,
                         double validationAccuracy, double testAccuracy, double deepLastHiddenStd,
                         double deepValidationAccuracy) {}

    /**
     * What this lesson found.
     *
     * @param testAccuracy             test accuracy of the scheme chosen on validation data, in [0, 1]
     * @param chosenInit               the scheme chosen: the first in the order He, Xavier, σ = 0.01, zeros,
     *                                 σ = 1 whose validation accuracy is within two standard errors of the best
     * @param chosenInitCode           its number in the {@code chosen_init} metric: 0 zeros, 1 σ = 0.01, 2 σ = 1,
     *                                 3 Xavier, 4 He
     * @param chosenValidationAccuracy its validation accuracy, in [0, 1]
     * @param selectionTolerance       two standard errors of the best validation accuracy p, 2·sqrt(p(1-p)/n) on n
     *                                 validation images: schemes closer than this to the best count as tied
     * @param epochs                   epochs each scheme trained
     * @param architecture             the network every scheme trains, e.g. {@code 784-256-256-256-256-256-10}
     * @param deepArchitecture         the deep, narrow network trained with He and Xavier, e.g. {@code 784-64x20-10}
     * @param he                       He: N(0, 2/fanIn)
     * @param xavier                   Xavier: N(0, 2/(fanIn + fanOut))
     * @param tiny                     a fixed normal, σ = 0.01
     * @param zeros                    every weight 0
     * @param huge                     a fixed normal, σ = 1
     */
    public record Results(double testAccuracy, String chosenInit, int chosenInitCode, double chosenValidationAccuracy,
                   double selectionTolerance, int epochs, String architecture, String deepArchitecture,
                   SchemeOutcome he, SchemeOutcome xavier, SchemeOutcome tiny, SchemeOutcome zeros, SchemeOutcome huge)
            implements LessonResults {}

    /** The lesson: its folder, title, knobs and experiment. */
    public static final LessonDefinition<Hyperparams, Results> LESSON = new LessonDefinition<>("04-initialization", "Weight initialisation",
            Hyperparams.class, Hyperparams::defaults, Results.class, Initialization::run)
            .withExercises(() -> Parts.library().withInitializer("he_normal", "04.1 He normal initialiser (HeNormalInitializer)",
                    HeNormalInitializer::new));

    /** Runs the lesson with the knobs given as flags or in a knob file ({@code --help} lists them). */
    public static void main(String[] args) {
        Lesson.launch(args, LESSON);
    }

    static Results run(Lesson lesson, Hyperparams hp) {

        // ---------------------------------------------------------------- 1. the data
        lesson.section("1. The data");
        RunData data = RunData.withValidation(lesson.data(), lesson.seed());
        Dataset train = data.train();
        lesson.out().printf("%d training, %d validation and %d test images, pixels in [0, 1]%n", train.size(),
                data.validation().size(), data.test().size());

        // ---------------------------------------------------------------- 2. five ways to start
        lesson.section("2. A deep network and five ways to start it");
        // The order of every table and plot: the schemes that work first, so that He and Xavier have
        // the same colours in every plot, including those that leave out a failed scheme.
        List<Scheme> schemes = List.of(
                new Scheme("he", "He", lesson.parts().initializer(new HeNormal()), 4),   // N(0, 2/fanIn)
                new Scheme("xavier", "Xavier", new XavierNormal(), 3),             // N(0, 2/(fanIn+fanOut))
                new Scheme("tiny", "normal σ=0.01", new Normal(0.01f), 1),         // N(0, 0.01²)
                new Scheme("zeros", "zeros", new Zeros(), 0),                      // W = 0
                new Scheme("huge", "normal σ=1", new Normal(1f), 2));              // N(0, 1)
        int[] widths = hp.widths();
        lesson.out().print(Mlp.relu(new HeNormal(), widths).build(new SplittableRandom(lesson.seed())).summary());
        TextTable sigma = new TextTable("Standard deviation of the initial weights", "scheme", "rule",
                "σ of W₁ (" + widths[0] + " → " + widths[1] + ")", "σ of W₂ (" + widths[1] + " → " + widths[2] + ")");
        for (Scheme s : schemes) {
            List<Parameter> p = build(s, widths, lesson.seed()).parameters();    // W₁, b₁, W₂, b₂, ...
            sigma.row(s.label(), s.init().name(), f4(std(p.get(0).value())), f4(std(p.get(2).value())));
        }
        lesson.table(sigma);

        // ---------------------------------------------------------------- 3. the knob up close: at initialisation
        int probeImages = Math.min(hp.probeSize(), train.size());
        lesson.section("3. One batch of " + probeImages + " images through each untrained network");
        List<Probe> probes = new ArrayList<>();
        for (Scheme s : schemes) {
            probes.add(probe(build(s, widths, lesson.seed()), train, probeImages));
        }
        showProbes(lesson, schemes, probes, widths.length - 1);

        // ---------------------------------------------------------------- 4. training
        boolean baselineRate = hp.lr() == Recipe.BASELINE.schedule().rate(0);
        lesson.section("4. Training each scheme for " + Words.epochs(hp.epochs()) + (baselineRate ? "" : " at η = " + hp.lr())
                + " (baseline recipe otherwise)");
        Recipe base = Recipe.BASELINE.withSeed(lesson.seed()).withEpochs(hp.epochs()).withRate(hp.lr());
        List<Recipe.Run> runs = new ArrayList<>();
        for (Scheme s : schemes) {
            Recipe recipe = base.withLabel(s.label()).withNetwork(Mlp.relu(s.init(), widths));
            Recipe.Run run = recipe.train(data, lesson.progress(recipe));
            if (run.diverged() != null) {
                lesson.out().println("  " + s.label() + ": " + run.diverged());
            }
            runs.add(run);
        }

        // ---------------------------------------------------------------- 5. deeper still
        lesson.section("5. " + hp.deepLayers() + " hidden layers of " + hp.deepWidth() + ": where the factor per layer "
                + "leads");
        Map<String, double[]> deepSpread = new LinkedHashMap<>();
        Map<String, Recipe.Run> deepRuns = new LinkedHashMap<>();
        Map<String, double[]> deepOutcomes = new LinkedHashMap<>();               // key -> {last hidden std, validation}
        TextTable deepTable = new TextTable(hp.deepLayers() + " hidden layers of " + hp.deepWidth() + ", η = "
                + hp.deepLr() + ", " + Words.epochs(hp.deepEpochs()), "scheme", "std after hidden layer 1",
                "std after hidden layer " + hp.deepLayers(), "train loss, epoch 1", "validation accuracy");
        for (Scheme s : schemes.subList(0, 2)) {                                 // He and Xavier
            Probe p = probe(build(s, hp.deepWidths(), lesson.seed()), train, probeImages);
            double[] hidden = Arrays.copyOf(p.activationStd(), hp.deepLayers());
            deepSpread.put(s.label(), hidden);
            Recipe recipe = base.withLabel(s.label() + ", " + hp.deepLayers() + " layers")
                    .withNetwork(Mlp.relu(s.init(), hp.deepWidths())).withEpochs(hp.deepEpochs())
                    .withStepSchedule(new ConstantRate(hp.deepLr()));      // constant η, losses kept per step
            Recipe.Run run = recipe.train(data, lesson.progress(recipe));
            deepRuns.put(s.label(), run);
            double validation = run.diverged() == null ? run.history().last().validationAccuracy() : Double.NaN;
            deepTable.row(s.label(), String.format("%.3g", hidden[0]), String.format("%.3g", hidden[hp.deepLayers() - 1]),
                    run.history().epochs().isEmpty() ? "diverged" : f4(run.history().epochs().get(0).trainLoss()),
                    run.diverged() == null ? pct(validation) : "diverged");
            lesson.metric(s.key() + "_deep_last_hidden_std", hidden[hp.deepLayers() - 1]);
            lesson.metric(s.key() + "_deep_validation_accuracy", run.diverged() == null ? validation : 0);
            deepOutcomes.put(s.key(), new double[] {hidden[hp.deepLayers() - 1], validation});
        }
        lesson.table(deepTable);
        InitializationCharts.deepActivationStd(lesson, deepSpread);
        InitializationCharts.deepStepLoss(lesson, deepRuns, hp.deepLayers());

        // ---------------------------------------------------------------- 6. results and the choice on validation
        lesson.section("6. Results");
        InitializationCharts.loss(lesson, runs);
        InitializationCharts.accuracy(lesson, runs);
        TextTable table = new TextTable("Five initialisations, " + Words.epochs(hp.epochs())
                + (baselineRate ? "" : ", η = " + hp.lr()), "scheme", "first loss",
                "last train loss", "validation accuracy", "test accuracy", "outcome");
        Map<String, SchemeOutcome> outcomes = new LinkedHashMap<>();
        for (int i = 0; i < schemes.size(); i++) {
            Scheme s = schemes.get(i);
            SchemeOutcome o = outcome(s, runs.get(i), probes.get(i), deepOutcomes.get(s.key()), data.test());
            outcomes.put(s.key(), o);
            lesson.metric(s.key() + "_test_accuracy", o.testAccuracy());
            lesson.metric(s.key() + "_diverged", o.diverged() ? 1 : 0);
            if (o.diverged()) {
                table.row(s.label(), String.format("%.4g", o.firstLoss()), "-", "-", pct(o.testAccuracy()), "diverged");
                continue;
            }
            lesson.metric(s.key() + "_validation_accuracy", o.validationAccuracy());
            table.row(s.label(), String.format("%.4g", o.firstLoss()), f4(o.lastTrainLoss()),
                    pct(o.validationAccuracy()), pct(o.testAccuracy()), o.validationAccuracy() < 0.2 ? "no learning"
                            : "trained");
        }
        lesson.table(table);
        lesson.json("runs", runs.stream().map(Recipe.Run::history).toList());

        // Within two standard errors of the best validation accuracy the schemes tie; among tied
        // schemes the list order decides, and it puts He, the scheme derived for ReLU, first.
        double best = outcomes.values().stream().filter(o -> !o.diverged()).mapToDouble(SchemeOutcome::validationAccuracy)
                .max().orElseThrow(() -> new IllegalArgumentException("every initialisation diverged: try a smaller "
                        + "learning rate"));
        double tolerance = 2 * Math.sqrt(best * (1 - best) / data.validation().size());
        Scheme pick = schemes.stream().filter(s -> !outcomes.get(s.key()).diverged()
                && outcomes.get(s.key()).validationAccuracy() >= best - tolerance).findFirst().orElseThrow();
        SchemeOutcome chosen = outcomes.get(pick.key());
        lesson.out().printf("%nbest validation accuracy %.2f%%; within two standard errors (%.2f points) the first in "
                        + "order He, Xavier, ...: %s (%.2f%% validation, %.2f%% test)%n", 100 * best, 100 * tolerance,
                pick.label(), 100 * chosen.validationAccuracy(), 100 * chosen.testAccuracy());
        lesson.metric("chosen_init", pick.code());
        lesson.metric("chosen_validation_accuracy", chosen.validationAccuracy());
        lesson.metric("selection_tolerance", tolerance);
        lesson.metric("epochs", hp.epochs());
        lesson.headline(headline(hp, outcomes));
        Recipe.Run pickRun = runs.get(schemes.indexOf(pick));
        lesson.chose(pickRun.recipe().label(), pickRun.history(), pickRun.model());
        return new Results(chosen.testAccuracy(), pick.label(), pick.code(), chosen.validationAccuracy(), tolerance,
                hp.epochs(), hp.architecture(), hp.deepArchitecture(), outcomes.get("he"), outcomes.get("xavier"),
                outcomes.get("tiny"), outcomes.get("zeros"), outcomes.get("huge"));
    }

    /**
     * What became of one scheme: a diverged run stops with broken weights, and we still measure
     * what they predict.
     *
     * @param deep {last hidden std, validation accuracy} of the deep network, or null if it was not trained
     */
    private static SchemeOutcome outcome(Scheme s, Recipe.Run run, Probe probe, double[] deep, Dataset test) {
        boolean diverged = run.diverged() != null;
        EpochRecord last = diverged ? null : run.history().last();
        return new SchemeOutcome(s.label(), s.init().name(), probe.loss(), probe.lastHiddenStd(), probe.gradientNorm()[0],
                probe.deadFraction(), diverged, diverged ? Double.NaN : last.trainLoss(),
                diverged ? Double.NaN : last.validationAccuracy(),
                diverged ? Evaluator.evaluate(run.model(), test).accuracy() : run.testAccuracy(),
                deep == null ? Double.NaN : deep[0], deep == null ? Double.NaN : deep[1]);
    }

    /** The run in one sentence: how far He and Xavier got, and what became of the three bad starts. */
    private static String headline(Hyperparams hp, Map<String, SchemeOutcome> o) {
        SchemeOutcome zeros = o.get("zeros");
        SchemeOutcome tiny = o.get("tiny");
        SchemeOutcome huge = o.get("huge");
        String stuck = stuck(zeros) && stuck(tiny) ? "zeros and σ = 0.01 never leave " + pct(zeros.testAccuracy())
                : "zeros " + fate(zeros) + " and σ = 0.01 " + fate(tiny);
        return String.format("In a %d-hidden-layer ReLU network, He and Xavier initialisation reach %s and %s test "
                        + "accuracy after %s; %s, and σ = 1 %s.", hp.hidden().length, pct(o.get("he").testAccuracy()),
                pct(o.get("xavier").testAccuracy()), Words.epochs(hp.epochs()), stuck,
                huge.diverged() ? "diverges at once" : "reaches " + pct(huge.testAccuracy()));
    }

    /** A run that trained but learned nothing: validation accuracy below 20%, about what guessing gets. */
    private static boolean stuck(SchemeOutcome o) {
        return !o.diverged() && o.validationAccuracy() < 0.2;
    }

    /** "diverges", "stays at 10.28%" or "reaches 96.00%". */
    private static String fate(SchemeOutcome o) {
        return o.diverged() ? "diverges" : (stuck(o) ? "stays at " : "reaches ") + pct(o.testAccuracy());
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

    /**
     * The probes as two tables (the spread of every layer's output, the norm of every weight
     * gradient), their metrics and two figures.
     *
     * @param layers weight layers of the network: the hidden layers and the output layer
     */
    private static void showProbes(Lesson lesson, List<Scheme> schemes, List<Probe> probes, int layers) {
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
        Map<String, double[]> spreadByScheme = new LinkedHashMap<>();
        Map<String, double[]> gradientByScheme = new LinkedHashMap<>();
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
            spreadByScheme.put(s.label(), p.activationStd());
            gradientByScheme.put(s.label(), p.gradientNorm());
            lesson.metric(s.key() + "_last_hidden_std", p.lastHiddenStd());
            lesson.metric(s.key() + "_first_layer_gradient_norm", p.gradientNorm()[0]);
            lesson.metric(s.key() + "_first_loss", p.loss());
            lesson.metric(s.key() + "_dead_fraction", p.deadFraction());
        }
        lesson.table(spread);
        lesson.table(gradients);
        InitializationCharts.activationStd(lesson, spreadByScheme);
        InitializationCharts.gradientNorm(lesson, gradientByScheme);
        lesson.json("initial-statistics", Map.of("schemes", schemes.stream().map(Scheme::label).toList(),
                "probes", probes));
    }

    private static double std(float[] w) {
        double mean = 0;
        for (float v : w) {
            mean += v;
        }
        mean /= w.length;
        return Math.sqrt(Math.max(0, Ops.sumOfSquares(w.length, w) / w.length - mean * mean));
    }

    private static String f4(double v) {
        return String.format("%.4f", v);
    }
}
