package dev.knobs.lessons.l05;

import static dev.knobs.lessons.common.Percent.pct;

import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.LessonDefinition;
import dev.knobs.lessons.common.LessonResults;
import dev.knobs.lessons.common.Mode;
import dev.knobs.lessons.common.Percent;
import dev.knobs.lessons.common.Plots;
import dev.knobs.lessons.common.ProgressBar;
import dev.knobs.lessons.common.TextTable;
import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.MiniBatches;
import dev.knobs.nn.data.RunData;
import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.init.Initializer;
import dev.knobs.nn.init.XavierNormal;
import dev.knobs.nn.layer.Activation;
import dev.knobs.nn.layer.Activations;
import dev.knobs.nn.layer.Layer;
import dev.knobs.nn.layer.Mlp;
import dev.knobs.nn.layer.ReLU;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.nn.loss.SoftmaxCrossEntropy;
import dev.knobs.nn.metrics.ActivationStats;
import dev.knobs.nn.metrics.EpochRecord;
import dev.knobs.nn.metrics.Evaluator;
import dev.knobs.nn.metrics.History;
import dev.knobs.nn.metrics.ParameterStats;
import dev.knobs.nn.metrics.Predictions;
import dev.knobs.nn.train.Recipe;
import dev.knobs.nn.train.TrainStep;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Lesson 05, ReLU and where it goes. Changes from lesson 04: the hidden activation is the knob
 * (sigmoid, tanh, ReLU, leaky ReLU), and the network is deeper (four hidden layers instead of
 * one) so that the difference between them shows; each activation starts from the initialiser
 * lesson 04 matched to it.
 *
 * <p>We draw the four functions and their slopes, measure at initialisation how the gradient
 * shrinks on its way back through each kind of layer, train the same deep network with each,
 * and measure after training how many ReLU units are dead and how many sigmoid/tanh outputs sit
 * in their flat tails. Finally we put a ReLU where it does not belong, after the output layer,
 * to see why the output gets softmax and nothing else. The activation is chosen on validation
 * accuracy. Read it next to the lesson's README.md.
 *
 * <p>Run: {@code mvn -pl lessons/05-activations exec:java} (add
 * {@code -Dexec.args="--mode smoke"} for a seconds-long run).
 */
public final class HiddenActivations {
    private HiddenActivations() {}

    /** The activations compared, with the initialiser that keeps their signal's scale (lesson 04). */
    static final Map<String, Initializer> ACTIVATIONS = new LinkedHashMap<>();

    static {
        ACTIVATIONS.put("sigmoid", new XavierNormal());   // Glorot and Bengio 2010, derived for tanh, the usual choice for both
        ACTIVATIONS.put("tanh", new XavierNormal());
        ACTIVATIONS.put("relu", new HeNormal());          // He et al. 2015: ReLU zeroes half the signal, so Var(w) = 2/fanIn
        ACTIVATIONS.put("leaky_relu", new HeNormal());
    }

    /**
     * The knobs of this lesson, each with its reason.
     *
     * @param hidden      four hidden layers of 128: deep enough that a gradient shrinking by a
     *                    constant factor per layer becomes visible, cheap enough for four runs
     * @param epochs      passes over the training set for each activation
     * @param probeSize   validation images used to measure activations and gradients: 1,000 is
     *                    enough for stable fractions, and a unit dead on all of them is dead in practice
     * @param highLr    4x the baseline's 0.05: large enough to kill ReLU units, small enough not to
     *                    diverge (0.5 diverges within the first epoch)
     */
    record Hyperparams(int[] hidden, int epochs, int probeSize, float highLr) {
        static Hyperparams defaults(Mode mode) {
            return new Hyperparams(new int[] {128, 128, 128, 128}, mode.pick(1, 5, 20), mode.pick(500, 1000, 1000),
                    0.2f);
        }

        int[] widths() {
            int[] w = new int[hidden.length + 2];
            w[0] = 784;
            System.arraycopy(hidden, 0, w, 1, hidden.length);
            w[w.length - 1] = 10;
            return w;
        }
    }

    /**
     * What this lesson found.
     *
     * @param testAccuracy test accuracy of the configuration chosen on validation data
     */
    record Results(double testAccuracy) implements LessonResults {}

    /** The lesson: its folder, title, knobs and experiment. */
    public static final LessonDefinition<Hyperparams, Results> LESSON = new LessonDefinition<>("05-activations", "ReLU and where it goes",
            Hyperparams.class, Hyperparams::defaults, Results.class, HiddenActivations::run);

    public static void main(String[] args) {
        Lesson.launch(args, LESSON);
    }

    static Results run(Lesson lesson, Hyperparams hp) {

        // ---------------------------------------------------------------- 1. the data
        lesson.section("1. The data");
        RunData data = RunData.withValidation(lesson.data(), lesson.seed());
        lesson.out().printf("%d training, %d validation (for choosing) and %d test images%n", data.train().size(),
                data.validation().size(), data.test().size());
        Dataset probe = data.validation().slice("probe", 0, Math.min(hp.probeSize(), data.validation().size()));

        // ---------------------------------------------------------------- 2. the four functions
        lesson.section("2. Four activations and their slopes");
        plotFunctions(lesson);

        // ---------------------------------------------------------------- 3. before training: the gradient on its way back
        lesson.section("3. At initialisation: how the gradient shrinks layer by layer");
        Map<String, Recipe> recipes = new LinkedHashMap<>();
        for (Map.Entry<String, Initializer> a : ACTIVATIONS.entrySet()) {
            Mlp network = new Mlp(hp.widths(), a.getKey(), 0f, new float[] {0f}, a.getValue());
            recipes.put(a.getKey(), Recipe.BASELINE.withNetwork(network).withEpochs(hp.epochs()).withLabel(a.getKey())
                    .withSeed(lesson.seed()));
        }
        lesson.out().println("network: " + recipes.get("relu").network() + " (sigmoid and tanh with xavier_normal)");
        Map<String, double[]> gradientNorms = new LinkedHashMap<>();
        for (Recipe r : recipes.values()) {
            gradientNorms.put(r.label(), gradientNormsAtStart(r, probe));
        }
        plotGradientNorms(lesson, gradientNorms, hp.hidden().length + 1);

        // ---------------------------------------------------------------- 4. training with each activation
        lesson.section("4. Training the " + hp.hidden().length + "-hidden-layer network with each activation, "
                + hp.epochs() + " epochs");
        Map<String, Recipe.Run> runs = new LinkedHashMap<>();
        for (Recipe r : recipes.values()) {
            runs.put(r.label(), r.train(data, lesson.progress(r)).orThrow());
        }
        plotCurves(lesson, runs);

        // ---------------------------------------------------------------- 5. after training: dead and saturated units
        lesson.section("5. After training: dead ReLU units and saturated sigmoid/tanh units, per layer");
        TextTable health = new TextTable("Hidden units after training, measured on " + probe.size() + " validation images",
                "activation", "layer", "mean output", "std", "outputs exactly 0", "dead units", "saturated outputs");
        Map<String, double[]> dead = new LinkedHashMap<>();
        Map<String, double[]> saturated = new LinkedHashMap<>();
        for (Recipe.Run run : runs.values()) {
            List<ActivationStats> stats = measureHealth(run, probe, dead, saturated);
            for (int i = 0; i < stats.size(); i++) {
                ActivationStats st = stats.get(i);
                health.row(run.recipe().label(), i + 1, String.format("%.3f", st.mean()),
                        String.format("%.3f", st.std()), pct(st.fractionZero()), pct(st.deadFraction()),
                        pct(st.saturatedFraction()));
            }
        }
        lesson.table(health);

        // ---------------------------------------------------------------- 6. how ReLUs die: a rate 4x too large
        lesson.section("6. How ReLU units die: the same network at η = " + hp.highLr());
        Map<String, Recipe.Run> fast = new LinkedHashMap<>();
        for (String name : List.of("relu", "leaky_relu")) {
            Recipe r = recipes.get(name).withRate(hp.highLr()).withLabel(name + " η=" + hp.highLr());
            Recipe.Run run = r.train(data, lesson.progress(r));
            if (run.diverged() != null) {
                lesson.out().println("  " + run.diverged());
                continue;
            }
            fast.put(name, run);
            measureHealth(run, probe, dead, saturated);
        }
        TextTable fastHealth = new TextTable("Dead units per hidden layer, η = " + Recipe.BASELINE.schedule().rate(0)
                + " against η = " + hp.highLr(), "run", "dead units per layer, first first", "all layers",
                "validation accuracy");
        for (String name : List.of("relu", "leaky_relu")) {
            List<Recipe.Run> pair = new ArrayList<>(List.of(runs.get(name)));
            if (fast.containsKey(name)) {
                pair.add(fast.get(name));
            }
            for (Recipe.Run run : pair) {
                double[] d = dead.get(run.recipe().label());
                fastHealth.row(run.recipe().label() + (run.recipe().label().equals(name) ? " η=" + run.recipe().schedule().rate(0) : ""),
                        Arrays.stream(d).mapToObj(Percent::pct).toList(), pct(mean(d)),
                        pct(run.history().last().validationAccuracy()));
            }
        }
        lesson.table(fastHealth);
        plotUnitHealth(lesson, dead, saturated);

        // ---------------------------------------------------------------- 7. where the activations go: not after the output
        lesson.section("7. A ReLU after the output layer (the wrong place)");
        OutputExperiment output = reluAfterOutput(recipes.get("relu"), data, probe, lesson);
        lesson.out().printf("ReLU after the logits: test accuracy %s (without it: %s); %s of all logits are clamped to 0, "
                        + "%d of 10 output units dead%n", pct(output.test().accuracy()), pct(runs.get("relu").testAccuracy()),
                pct(output.zeroLogits()), output.deadOutputs());

        // ---------------------------------------------------------------- 8. results and the choice
        lesson.section("8. Results");
        TextTable table = new TextTable("Hidden activation compared (" + network(hp) + ", " + hp.epochs() + " epochs)",
                "activation", "init", "η", "validation accuracy", "test accuracy", "final train loss", "dead units",
                "saturated outputs", "seconds");
        List<Recipe.Run> all = new ArrayList<>(runs.values());
        all.addAll(fast.values());
        for (Recipe.Run run : all) {
            String name = run.recipe().label();
            EpochRecord last = run.history().last();
            table.row(name, run.recipe().network().init().name(), run.recipe().schedule().rate(0),
                    pct(last.validationAccuracy()), pct(last.testAccuracy()), String.format("%.4f", last.trainLoss()),
                    pct(mean(dead.get(name))), pct(mean(saturated.get(name))), String.format("%.1f", run.history().seconds()));
        }
        table.row("relu, ReLU after output", "he_normal", recipes.get("relu").schedule().rate(0),
                pct(output.validation().accuracy()), pct(output.test().accuracy()),
                String.format("%.4f", output.history().last().trainLoss()), output.deadOutputs() + "/10 outputs", "-",
                String.format("%.1f", output.history().seconds()));
        lesson.table(table);
        Map<String, Double> validationAccuracy = new LinkedHashMap<>();
        runs.forEach((name, run) -> validationAccuracy.put(name, run.history().last().validationAccuracy()));
        double top = validationAccuracy.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double se = standardError(top, data.validation().size());
        String chosen = choose(validationAccuracy, data.validation().size());
        lesson.out().printf("best validation accuracy %s; one standard error on %d images is %.2f points, so everything "
                + "from %s up counts as tied; of the tied, the simplest function wins%n", pct(top),
                data.validation().size(), 100 * se, pct(top - se));
        lesson.out().printf("chosen: %s (validation %s, test %s)%n", chosen, pct(validationAccuracy.get(chosen)),
                pct(runs.get(chosen).testAccuracy()));
        lesson.metric("chosen_is_relu", chosen.equals("relu") ? 1 : 0);
        lesson.metric("validation_standard_error", se);

        List<History> histories = new ArrayList<>(all.stream().map(Recipe.Run::history).toList());
        histories.add(output.history());
        lesson.json("histories", histories);
        lesson.json("unit-health", Map.of("dead_fraction_per_layer", dead, "saturated_fraction_per_layer", saturated,
                "gradient_norm_per_layer_at_start", gradientNorms));
        lesson.json("relu-after-output", Map.of("zero_logits", output.zeroLogits(), "dead_outputs", output.deadOutputs(),
                "validation_accuracy", output.validation().accuracy(), "test_accuracy", output.test().accuracy()));
        for (Recipe.Run run : runs.values()) {
            lesson.metric(run.recipe().label() + "_test_accuracy", run.testAccuracy());
            lesson.metric(run.recipe().label() + "_validation_accuracy", run.history().last().validationAccuracy());
        }
        lesson.metric("relu_dead_fraction", mean(dead.get("relu")));
        lesson.metric("leaky_relu_dead_fraction", mean(dead.get("leaky_relu")));
        if (fast.containsKey("relu")) {
            lesson.metric("relu_dead_fraction_high_rate", mean(dead.get(fast.get("relu").recipe().label())));
            lesson.metric("relu_dead_fraction_high_rate_max_layer",
                    Arrays.stream(dead.get(fast.get("relu").recipe().label())).max().orElse(0));
        }
        lesson.metric("sigmoid_saturated_fraction", mean(saturated.get("sigmoid")));
        lesson.metric("tanh_saturated_fraction", mean(saturated.get("tanh")));
        lesson.metric("sigmoid_first_to_last_gradient_ratio", firstToLast(gradientNorms.get("sigmoid")));
        lesson.metric("relu_first_to_last_gradient_ratio", firstToLast(gradientNorms.get("relu")));
        lesson.metric("relu_output_test_accuracy", output.test().accuracy());
        lesson.metric("relu_output_zero_logits", output.zeroLogits());
        lesson.metric("epochs", hp.epochs());

        Recipe.Run best = runs.get(chosen);
        lesson.headline(String.format("In a %d-hidden-layer network trained for %d epochs, ReLU reaches %s test accuracy "
                        + "and sigmoid %s (its first layer's gradient starts %.0fx smaller than its last); at η = %s, %s of "
                        + "ReLU units die, and none with leaky ReLU.", hp.hidden().length, hp.epochs(),
                pct(runs.get("relu").testAccuracy()), pct(runs.get("sigmoid").testAccuracy()),
                1 / firstToLast(gradientNorms.get("sigmoid")), hp.highLr(),
                fast.containsKey("relu") ? pct(mean(dead.get(fast.get("relu").recipe().label()))) : "(diverged)"));
        lesson.chose(chosen, best.history(), best.model());
        return new Results(best.testAccuracy());
    }

    /**
     * The activation we keep, chosen on validation accuracy with the one-standard-error rule
     * (Breiman et al. 1984; Hastie, Tibshirani and Friedman, section 7.10): a validation
     * accuracy measured on n images has a standard error of {@code √(p(1-p)/n)}, about 0.24
     * points for p = 97% and n = 5,000. Every activation within one standard error of the best
     * counts as tied with it, and among the tied we take the first of {@link #PREFERENCE}.
     */
    static String choose(Map<String, Double> validationAccuracy, int n) {
        double best = validationAccuracy.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        for (String name : PREFERENCE) {
            Double a = validationAccuracy.get(name);
            if (a != null && a >= best - standardError(best, n)) {
                return name;
            }
        }
        throw new IllegalArgumentException("no known activation among " + validationAccuracy.keySet());
    }

    /** The standard error of an accuracy {@code p} measured on {@code n} independent examples: √(p(1-p)/n). */
    static double standardError(double p, int n) {
        return Math.sqrt(p * (1 - p) / n);
    }

    /**
     * Among activations tied on validation, the simplest and cheapest first: ReLU is a
     * comparison, leaky ReLU a comparison and a multiply, tanh and sigmoid an exponential each.
     */
    static final List<String> PREFERENCE = List.of("relu", "leaky_relu", "tanh", "sigmoid");

    /** Measures the hidden layers of a trained run on {@code probe} and files its per-layer fractions under its label. */
    private static List<ActivationStats> measureHealth(Recipe.Run run, Dataset probe, Map<String, double[]> dead,
                                                       Map<String, double[]> saturated) {
        List<ActivationStats> stats = hiddenStats(run.model(), probe);
        dead.put(run.recipe().label(), stats.stream().mapToDouble(ActivationStats::deadFraction).toArray());
        saturated.put(run.recipe().label(), stats.stream().mapToDouble(ActivationStats::saturatedFraction).toArray());
        return stats;
    }

    /**
     * The norm of {@code dLoss/dW} of every weight matrix, first layer first, for one
     * forward/backward pass of a freshly initialised network (the same weights the training run
     * starts from) on {@code probe}.
     */
    static double[] gradientNormsAtStart(Recipe recipe, Dataset probe) {
        Sequential model = recipe.network().build(new SplittableRandom(recipe.seed()).split());
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        float[] logits = model.forward(probe.x(), probe.size(), true);             // [probe, 10]
        loss.forward(logits, probe.labels(), probe.size(), probe.classes());
        model.backward(loss.backward(), probe.size());                             // fills every grad()
        return ParameterStats.after(model.parameters(), null).stream()
                .filter(s -> s.name().endsWith(" W")).mapToDouble(ParameterStats::gradientNorm).toArray();
    }

    /** Statistics of the hidden activation layers only (not the Dense layers) on {@code probe}, in evaluation mode. */
    static List<ActivationStats> hiddenStats(Sequential model, Dataset probe) {
        model.forward(probe.x(), probe.size(), false);
        List<ActivationStats> all = ActivationStats.of(model, probe.size());
        List<ActivationStats> hidden = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (model.layers().get(i) instanceof Activation) {
                hidden.add(all.get(i));
            }
        }
        return hidden;
    }

    /**
     * What a ReLU after the last layer does.
     *
     * @param history     per-epoch record of the run
     * @param validation  predictions on the validation set after training
     * @param test        predictions on the test set after training
     * @param zeroLogits  fraction of all (example, class) logits clamped to exactly 0, on the probe
     * @param deadOutputs output units that are 0 for every probe image
     */
    record OutputExperiment(History history, Predictions validation, Predictions test, double zeroLogits, int deadOutputs) {}

    /**
     * Trains {@code recipe}'s network with one extra ReLU after the output layer: the logits
     * become {@code max(0, z)} before softmax. {@link Recipe#train} builds networks from an
     * {@link Mlp}, which (rightly) cannot express this, so the loop is written out here: it is
     * lesson 01's loop with momentum.
     */
    static OutputExperiment reluAfterOutput(Recipe recipe, RunData data, Dataset probe, Lesson lesson) {
        SplittableRandom rng = new SplittableRandom(recipe.seed());
        Sequential mlp = recipe.network().build(rng.split());
        List<Layer> layers = new ArrayList<>(mlp.layers());
        layers.add(new ReLU());                                                     // logits z -> max(0, z)
        Sequential model = new Sequential(784, layers);
        TrainStep step = new TrainStep(model, recipe.optimizer().copy());
        MiniBatches batches = new MiniBatches(data.train(), recipe.batchSize(), rng.nextLong());
        float rate = recipe.schedule().rate(0);
        History history = new History("relu after output");
        ProgressBar bar = lesson.progress("ReLU after output", recipe.epochs(), "epochs");
        for (int epoch = 0; epoch < recipe.epochs(); epoch++) {
            long start = System.nanoTime();
            double lossSum = 0;
            int correct = 0;
            for (MiniBatches.Batch b : batches.epoch(epoch)) {
                lossSum += (double) step.run(b.x(), b.labels(), b.size(), rate) * b.size();   // forward, loss, backward, update
                correct += step.correct(b.labels(), b.size());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Predictions validation = Evaluator.evaluate(model, data.validation());
            Predictions test = Evaluator.evaluate(model, data.test());
            history.add(new EpochRecord(epoch + 1, lossSum / data.train().size(), (double) correct / data.train().size(),
                    validation.loss(), validation.accuracy(), test.loss(), test.accuracy(), rate, seconds));
            bar.advance(1, String.format("loss %.4f  val %.2f%%", lossSum / data.train().size(), 100 * validation.accuracy()));
        }
        bar.finish(null);
        model.forward(probe.x(), probe.size(), false);
        ActivationStats logits = ActivationStats.of(model, probe.size()).get(model.layers().size() - 1);
        return new OutputExperiment(history, Evaluator.evaluate(model, data.validation()), Evaluator.evaluate(model, data.test()),
                logits.fractionZero(), (int) Math.round(logits.deadFraction() * 10));
    }

    /** Draws y = f(x) and its slope f'(x), computed by the layers' own forward and backward passes. */
    private static void plotFunctions(Lesson lesson) {
        int n = 201;
        float[] x = new float[n];
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = -5f + 10f * i / (n - 1);
            xs[i] = x[i];
        }
        float[] ones = new float[n];
        Arrays.fill(ones, 1f);
        List<Plots.Series> values = new ArrayList<>();
        List<Plots.Series> slopes = new ArrayList<>();
        for (String name : ACTIVATIONS.keySet()) {
            Activation f = Activations.create(name);
            double[] y = toDouble(f.forward(x, n, false));                           // y = f(x), as a batch of n single numbers
            double[] dy = toDouble(f.backward(ones, n, true));                       // dy/dx = f'(x)·1
            values.add(new Plots.Series(name, xs, y));
            slopes.add(new Plots.Series(name, xs, dy));
            lesson.out().printf("%-10s f(-5) = %+.3f  f(0) = %+.3f  f(5) = %+.3f   slope at 0: %.3f, at ±5: %.4f / %.4f%n",
                    name, y[0], y[n / 2], y[n - 1], dy[n / 2], dy[0], dy[n - 1]);
        }
        lesson.figure("functions", Plots.lines("The activations", "input x", "output f(x)", values),
                "Sigmoid squashes into (0, 1), tanh into (-1, 1); ReLU is 0 for negative inputs and the identity above.",
                "Line chart of sigmoid, tanh, ReLU and leaky ReLU for inputs from -5 to 5.");
        lesson.figure("slopes", Plots.lines("Their slopes (what backpropagation multiplies by)", "input x", "slope f'(x)",
                        slopes),
                "The slope is the factor each layer multiplies the gradient by: at most 0.25 for sigmoid, 1 for tanh "
                        + "at 0 only, exactly 1 for every active ReLU.",
                "Line chart of the derivatives: sigmoid peaks at 0.25, tanh at 1, both fall to near 0 beyond |x| = 3; "
                        + "ReLU steps from 0 to 1 at x = 0, leaky ReLU from 0.01 to 1.");
    }

    private static void plotGradientNorms(Lesson lesson, Map<String, double[]> norms, int layers) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= layers; i++) {
            names.add(i == layers ? "output" : "layer " + i);
        }
        lesson.out().println("norm of dLoss/dW at initialisation, first layer first:");
        List<double[]> log = new ArrayList<>();
        for (Map.Entry<String, double[]> e : norms.entrySet()) {
            lesson.out().printf("  %-10s %s   first/last = %.3f%n", e.getKey(), format(e.getValue()), firstToLast(e.getValue()));
            log.add(e.getValue());
        }
        lesson.figure("gradient-norms", Plots.bars("Gradient size per layer before training", "weight matrix",
                        "norm of dLoss/dW", names, new ArrayList<>(norms.keySet()), log),
                "Read each colour left to right: the gradient is largest at the output; with sigmoid it shrinks "
                        + "towards the first layer, with ReLU it stays of the same order.",
                "Bar chart of the gradient norm of each of the five weight matrices at initialisation for sigmoid, "
                        + "tanh, ReLU and leaky ReLU; the sigmoid bars fall sharply from the output to layer 1.");
    }

    private static void plotCurves(Lesson lesson, Map<String, Recipe.Run> runs) {
        List<Plots.Series> validation = new ArrayList<>();
        List<Plots.Series> loss = new ArrayList<>();
        for (Recipe.Run run : runs.values()) {
            List<EpochRecord> epochs = run.history().epochs();
            validation.add(Plots.Series.ofEpochs(run.recipe().label(),
                    epochs.stream().mapToDouble(e -> 100 * (1 - e.validationAccuracy())).toArray()));
            loss.add(Plots.Series.ofEpochs(run.recipe().label(), epochs.stream().mapToDouble(EpochRecord::trainLoss).toArray()));
        }
        lesson.figure("validation-error", Plots.linesLogY("Validation error per epoch", "epoch",
                        "validation error (%, log scale)", validation),
                "Lower is better; the log scale separates the close curves: sigmoid starts at chance (90% error) and "
                        + "stays far behind, the other three are within a few tenths of a point.",
                "Line chart, log scale, of validation error per epoch for the four activations; sigmoid starts near 90% "
                        + "and ends far above the other three, which end close together.");
        lesson.figure("train-loss", Plots.linesLogY("Training loss per epoch", "epoch", "cross-entropy (log scale)", loss),
                "On a log scale, equal vertical steps are equal factors of improvement.",
                "Line chart, log scale, of the mean training loss per epoch for the four activations.");
    }

    private static void plotUnitHealth(Lesson lesson, Map<String, double[]> dead, Map<String, double[]> saturated) {
        int layers = dead.values().iterator().next().length;
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= layers; i++) {
            names.add("hidden " + i);
        }
        List<String> reluRuns = dead.keySet().stream().filter(k -> k.contains("relu")).toList();
        List<double[]> deadPct = reluRuns.stream().map(k -> times100(dead.get(k))).toList();
        List<String> reluLegend = reluRuns.stream()
                .map(k -> k.contains("η") ? k : k + " η=" + Recipe.BASELINE.schedule().rate(0)).toList();
        List<double[]> satPct = List.of(times100(saturated.get("sigmoid")), times100(saturated.get("tanh")));
        lesson.figure("dead-units", Plots.bars("Dead units after training", "hidden layer",
                        "units at 0 for every probe image (%)", names, reluLegend, deadPct),
                "A dead unit outputs 0 for every image, so it gets no gradient and cannot learn again; a too-large "
                        + "rate kills many, and leaky ReLU cannot die by construction.",
                "Bar chart of the percentage of dead units in each hidden layer for ReLU and leaky ReLU after training "
                        + "at the baseline rate and at a 4x larger rate; only ReLU at the larger rate has many dead units.");
        lesson.figure("saturation", Plots.bars("Saturated outputs after training", "hidden layer",
                        "outputs with slope below 0.01 (%)", names, List.of("sigmoid", "tanh"), satPct),
                "A saturated output sits in the flat tail of sigmoid or tanh, where almost no gradient passes.",
                "Bar chart of the percentage of saturated outputs in each hidden layer for sigmoid and tanh after training.");
    }

    private static double firstToLast(double[] norms) {
        return norms[0] / norms[norms.length - 1];
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(0);
    }

    private static double[] times100(double[] v) {
        return Arrays.stream(v).map(d -> 100 * d).toArray();
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    private static String format(double[] v) {
        StringBuilder s = new StringBuilder();
        for (double d : v) {
            s.append(String.format("%9.4f", d));
        }
        return s.toString();
    }

    private static String network(Hyperparams hp) {
        StringBuilder s = new StringBuilder();
        for (int w : hp.widths()) {
            s.append(s.length() == 0 ? "" : "-").append(w);
        }
        return s.toString();
    }

}
