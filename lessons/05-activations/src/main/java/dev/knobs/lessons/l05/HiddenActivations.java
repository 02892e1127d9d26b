package dev.knobs.lessons.l05;

import static dev.knobs.lessons.common.Percent.pct;

import dev.knobs.exercises.l05.LeakyReluActivation;
import dev.knobs.exercises.l05.ReluActivation;
import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.LessonDefinition;
import dev.knobs.lessons.common.LessonResults;
import dev.knobs.lessons.common.Mode;
import dev.knobs.lessons.common.Parts;
import dev.knobs.lessons.common.Percent;
import dev.knobs.lessons.common.ProgressBar;
import dev.knobs.lessons.common.TextTable;
import dev.knobs.lessons.common.UsageException;
import dev.knobs.lessons.common.Words;
import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.MiniBatches;
import dev.knobs.nn.data.RunData;
import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.init.Initializer;
import dev.knobs.nn.init.XavierNormal;
import dev.knobs.nn.layer.Activation;
import dev.knobs.nn.layer.Layer;
import dev.knobs.nn.layer.Mlp;
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
import java.util.function.ToDoubleFunction;

/**
 * Lesson 05, ReLU and where it goes. Changes from lesson 04: the hidden activation is the knob
 * (sigmoid, tanh, ReLU, leaky ReLU), and the network is deeper (four hidden layers instead of
 * one) so that the difference between them shows; each activation starts from the initialiser
 * lesson 04 matched to it.
 *
 * <p>The lesson reads top to bottom: the data; the activations up close (the four functions, their
 * slopes, and how the gradient shrinks on its way back through each kind of layer at
 * initialisation); training the same deep network with each; after training, how many ReLU units
 * are dead and how many sigmoid/tanh outputs sit in their flat tails; how a rate 4x too large
 * kills ReLU units; a ReLU where it does not belong, after the output layer, to see why the
 * output gets softmax and nothing else; choosing on validation accuracy; the results. The figures
 * are drawn by {@link HiddenActivationsCharts}. Read it next to the lesson's README.md.
 *
 * <p>Run: {@code mvn -pl lessons/05-activations exec:java} (add
 * {@code -Dexec.args="--mode smoke"} for a seconds-long run; {@code --help} lists the knobs).
 */
public final class HiddenActivations {
    private HiddenActivations() {}

    /** The activations of this lesson, with the initialiser that keeps their signal's scale (lesson 04). */
    static final Map<String, Initializer> ACTIVATIONS = new LinkedHashMap<>();

    static {
        ACTIVATIONS.put("sigmoid", new XavierNormal());   // Glorot and Bengio 2010, derived for tanh, the usual choice for both
        ACTIVATIONS.put("tanh", new XavierNormal());
        ACTIVATIONS.put("relu", new HeNormal());          // He et al. 2015: ReLU zeroes half the signal, so Var(w) = 2/fanIn
        ACTIVATIONS.put("leaky_relu", new HeNormal());
    }

    /** The activations that can die, in the order section 5 trains them at the high rate. */
    private static final List<String> RELUS = List.of("relu", "leaky_relu");

    /** The activations with flat tails, whose saturation section 4 measures. */
    private static final List<String> SQUASHING = List.of("sigmoid", "tanh");

    /**
     * The knobs of this lesson, each with its reason.
     *
     * @param hidden      four hidden layers of 128: deep enough that a gradient shrinking by a
     *                    constant factor per layer becomes visible, cheap enough for four runs
     * @param activation  the activations compared, each trained once: all four of the course
     * @param epochs      passes over the training set for each activation
     * @param probeSize   validation images used to measure activations and gradients: 1,000 is
     *                    enough for stable fractions, and a unit dead on all of them is dead in practice
     * @param highLr      4x the baseline's 0.05: large enough to kill ReLU units, small enough not to
     *                    diverge (0.5 diverges within the first epoch)
     */
    record Hyperparams(int[] hidden, String[] activation, int epochs, int probeSize, float highLr) {
        static Hyperparams defaults(Mode mode) {
            return new Hyperparams(new int[] {128, 128, 128, 128}, new String[] {"sigmoid", "tanh", "relu", "leaky_relu"},
                    mode.pick(1, 5, 20), mode.pick(500, 1000, 1000), 0.2f);
        }

        Hyperparams {
            if (Arrays.stream(activation).distinct().count() < activation.length) {
                throw new UsageException("--activation names an activation twice (" + String.join(",", activation)
                        + "); give each once");
            }
        }

        int[] widths() {
            int[] w = new int[hidden.length + 2];
            w[0] = 784;
            System.arraycopy(hidden, 0, w, 1, hidden.length);
            w[w.length - 1] = 10;
            return w;
        }

        /** The activations compared, in the order given. */
        List<String> activations() {
            return List.of(activation);
        }

        /** {@code 4-hidden-layer}, for sentences. */
        String depth() {
            return hidden.length + "-hidden-layer";
        }
    }

    /**
     * What this lesson found. Accuracies are fractions in [0, 1], measured after the last epoch; a
     * dead unit outputs exactly 0 for every probe image (validation images); a saturated output has
     * a slope below 0.01; fractions are averaged over the hidden layers. A number whose activation or
     * run was not part of the experiment (it is not in {@code --activation}, or its run diverged) is
     * NaN, written as null. The metric each number is also reported as is named in brackets.
     *
     * @param testAccuracy                     test accuracy of the activation chosen on validation data
     * @param chosenActivation                 the activation chosen on validation accuracy with the
     *                                         one-standard-error rule ({@code chosen_is_relu} is 1 when it is relu)
     * @param chosenValidationAccuracy         its validation accuracy
     * @param validationStandardError          one standard error of the best validation accuracy,
     *                                         √(p(1-p)/n), as a fraction ({@code validation_standard_error})
     * @param sigmoidValidationAccuracy        ({@code sigmoid_validation_accuracy})
     * @param sigmoidTestAccuracy              ({@code sigmoid_test_accuracy})
     * @param tanhValidationAccuracy           ({@code tanh_validation_accuracy})
     * @param tanhTestAccuracy                 ({@code tanh_test_accuracy})
     * @param reluValidationAccuracy           ({@code relu_validation_accuracy})
     * @param reluTestAccuracy                 ({@code relu_test_accuracy})
     * @param leakyReluValidationAccuracy      ({@code leaky_relu_validation_accuracy})
     * @param leakyReluTestAccuracy            ({@code leaky_relu_test_accuracy})
     * @param reluDeadFraction                 share of ReLU units dead after training at the baseline
     *                                         rate ({@code relu_dead_fraction})
     * @param leakyReluDeadFraction            the same for leaky ReLU, 0 by construction ({@code leaky_relu_dead_fraction})
     * @param highLr                           the higher learning rate of section 5 ({@code --high-lr})
     * @param reluDeadFractionHighRate         share of ReLU units dead after training at {@code highLr}
     *                                         ({@code relu_dead_fraction_high_rate})
     * @param reluDeadFractionHighRateMaxLayer the largest share of dead units in one hidden layer at
     *                                         {@code highLr} ({@code relu_dead_fraction_high_rate_max_layer})
     * @param leakyReluDeadFractionHighRate    share of leaky ReLU units dead at {@code highLr}
     * @param sigmoidSaturatedFraction         share of sigmoid outputs saturated after training
     *                                         ({@code sigmoid_saturated_fraction})
     * @param tanhSaturatedFraction            the same for tanh ({@code tanh_saturated_fraction})
     * @param sigmoidFirstToLastGradientRatio  norm of the first layer's weight gradient over the output
     *                                         layer's, at initialisation on the probe images, with sigmoid
     *                                         ({@code sigmoid_first_to_last_gradient_ratio})
     * @param reluFirstToLastGradientRatio     the same with ReLU ({@code relu_first_to_last_gradient_ratio})
     * @param reluAfterOutputTestAccuracy      test accuracy of the ReLU network with one more ReLU after
     *                                         the output layer ({@code relu_output_test_accuracy})
     * @param reluAfterOutputZeroLogits        share of that network's logits clamped to exactly 0, on
     *                                         the probe images ({@code relu_output_zero_logits})
     * @param epochs                           epochs of every run ({@code epochs})
     */
    public record Results(double testAccuracy, String chosenActivation, double chosenValidationAccuracy,
                   double validationStandardError, double sigmoidValidationAccuracy, double sigmoidTestAccuracy,
                   double tanhValidationAccuracy, double tanhTestAccuracy, double reluValidationAccuracy,
                   double reluTestAccuracy, double leakyReluValidationAccuracy, double leakyReluTestAccuracy,
                   double reluDeadFraction, double leakyReluDeadFraction, float highLr, double reluDeadFractionHighRate,
                   double reluDeadFractionHighRateMaxLayer, double leakyReluDeadFractionHighRate,
                   double sigmoidSaturatedFraction, double tanhSaturatedFraction, double sigmoidFirstToLastGradientRatio,
                   double reluFirstToLastGradientRatio, double reluAfterOutputTestAccuracy,
                   double reluAfterOutputZeroLogits, int epochs) implements LessonResults {}

    /** The lesson: its folder, title, knobs and experiment. */
    public static final LessonDefinition<Hyperparams, Results> LESSON = new LessonDefinition<>("05-activations", "ReLU and where it goes",
            Hyperparams.class, Hyperparams::defaults, Results.class, HiddenActivations::run)
            .withExercises(() -> Parts.library()
                    .withActivation("relu", "05.1 ReLU backward (ReluActivation)", ReluActivation::new)
                    .withActivation("leaky_relu", "05.2 leaky ReLU backward (LeakyReluActivation)",
                            () -> new LeakyReluActivation(0.01f)));

    /** Runs the lesson with the knobs given as flags or in a knob file ({@code --help} lists them). */
    public static void main(String[] args) {
        Lesson.launch(args, LESSON);
    }

    static Results run(Lesson lesson, Hyperparams hp) {
        HiddenActivationsCharts charts = new HiddenActivationsCharts(lesson);
        float baseRate = Recipe.BASELINE.schedule().rate(0);

        // ---------------------------------------------------------------- 1. the data
        lesson.section("1. The data");
        RunData data = RunData.withValidation(lesson.data(), lesson.seed());
        lesson.out().printf("%d training, %d validation (for choosing) and %d test images%n", data.train().size(),
                data.validation().size(), data.test().size());
        Dataset probe = data.validation().slice("probe", 0, Math.min(hp.probeSize(), data.validation().size()));

        // ---------------------------------------------------------------- 2. the activations up close
        lesson.section("2. The activations up close: four functions, their slopes, and the gradient at initialisation");
        showFunctions(lesson, charts);
        Map<String, Recipe> recipes = new LinkedHashMap<>();
        for (String name : hp.activations()) {
            Mlp network = new Mlp(hp.widths(), name, 0f, new float[] {0f}, ACTIVATIONS.get(name));
            recipes.put(name, Recipe.BASELINE.withNetwork(network).withEpochs(hp.epochs()).withLabel(name)
                    .withSeed(lesson.seed()));
        }
        lesson.out().println("network: " + Mlp.architecture(hp.widths()) + ", each activation with its initialiser: "
                + String.join(", ", recipes.values().stream().map(r -> r.label() + " " + r.network().init().name()).toList()));
        Map<String, double[]> gradientNorms = new LinkedHashMap<>();
        for (Recipe r : recipes.values()) {
            gradientNorms.put(r.label(), gradientNormsAtStart(r, probe, lesson.parts()));
        }
        lesson.out().println("norm of dLoss/dW at initialisation, first layer first:");
        gradientNorms.forEach((name, norms) -> lesson.out().printf("  %-10s %s   first/last = %.3f%n", name,
                format(norms), firstToLast(norms)));
        charts.gradientNorms(gradientNorms);

        // ---------------------------------------------------------------- 3. training with each activation
        lesson.section("3. Training the " + hp.depth() + " network with each activation, " + Words.count(hp.epochs(), "epoch"));
        Map<String, Recipe.Run> runs = new LinkedHashMap<>();
        for (Recipe r : recipes.values()) {
            runs.put(r.label(), r.train(data, lesson.progress(r), lesson.parts()).orThrow());
        }
        charts.validationError(curves(runs, e -> 100 * (1 - e.validationAccuracy())));
        charts.trainLoss(curves(runs, EpochRecord::trainLoss));

        // ---------------------------------------------------------------- 4. after training: dead and saturated units
        lesson.section("4. After training: dead ReLU units and saturated sigmoid/tanh units, per layer");
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

        // ---------------------------------------------------------------- 5. how ReLUs die: a rate too large
        List<String> relus = RELUS.stream().filter(runs::containsKey).toList();
        Map<String, Recipe.Run> fast = new LinkedHashMap<>();
        lesson.section("5. How ReLU units die: the same network at η = " + hp.highLr());
        if (relus.isEmpty()) {
            lesson.out().println("no ReLU among --activation " + String.join(",", hp.activation()) + ": nothing can die");
        }
        for (String name : relus) {
            Recipe r = recipes.get(name).withRate(hp.highLr()).withLabel(name + " η=" + hp.highLr());
            Recipe.Run run = r.train(data, lesson.progress(r), lesson.parts());
            if (run.diverged() != null) {
                lesson.out().println("  " + run.diverged());
                continue;
            }
            fast.put(name, run);
            measureHealth(run, probe, dead, saturated);
        }
        if (!relus.isEmpty()) {
            TextTable fastHealth = new TextTable("Dead units per hidden layer, η = " + baseRate + " against η = "
                    + hp.highLr(), "run", "dead units per layer, first first", "all layers", "validation accuracy");
            for (String name : relus) {
                List<Recipe.Run> pair = new ArrayList<>(List.of(runs.get(name)));
                if (fast.containsKey(name)) {
                    pair.add(fast.get(name));
                }
                for (Recipe.Run run : pair) {
                    double[] d = dead.get(run.recipe().label());
                    fastHealth.row(legend(run), Arrays.stream(d).mapToObj(Percent::pct).toList(), pct(mean(d)),
                            pct(run.history().last().validationAccuracy()));
                }
            }
            lesson.table(fastHealth);
            Map<String, double[]> deadPercent = new LinkedHashMap<>();
            for (String name : relus) {
                deadPercent.put(legend(runs.get(name)), times100(dead.get(name)));
            }
            for (Recipe.Run run : fast.values()) {
                deadPercent.put(legend(run), times100(dead.get(run.recipe().label())));
            }
            charts.deadUnits(deadPercent, relus, fast.isEmpty() ? null : timesBaseline(hp.highLr(), baseRate));
        }
        Map<String, double[]> saturatedPercent = new LinkedHashMap<>();
        SQUASHING.stream().filter(runs::containsKey).forEach(name -> saturatedPercent.put(name, times100(saturated.get(name))));
        if (!saturatedPercent.isEmpty()) {
            charts.saturation(saturatedPercent);
        }

        // ---------------------------------------------------------------- 6. where the activations go: not after the output
        lesson.section("6. A ReLU after the output layer (the wrong place)");
        OutputExperiment output = null;
        if (runs.containsKey("relu")) {
            output = reluAfterOutput(recipes.get("relu"), data, probe, lesson);
            lesson.out().printf("ReLU after the logits: test accuracy %s (without it: %s); %s of all logits are clamped "
                            + "to 0, %d of 10 output units dead%n", pct(output.test().accuracy()),
                    pct(runs.get("relu").testAccuracy()), pct(output.zeroLogits()), output.deadOutputs());
        } else {
            lesson.out().println("skipped: it adds a ReLU to the ReLU network, and relu is not among --activation "
                    + String.join(",", hp.activation()));
        }

        // ---------------------------------------------------------------- 7. choosing on validation
        lesson.section("7. Choosing on validation accuracy");
        Map<String, Double> validationAccuracy = new LinkedHashMap<>();
        runs.forEach((name, run) -> validationAccuracy.put(name, run.history().last().validationAccuracy()));
        double top = validationAccuracy.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double se = standardError(top, data.validation().size());
        String chosen = choose(validationAccuracy, data.validation().size());
        Recipe.Run best = runs.get(chosen);
        lesson.out().printf("best validation accuracy %s; one standard error on %d images is %.2f points, so everything "
                + "from %s up counts as tied; of the tied, the simplest function wins%n", pct(top),
                data.validation().size(), 100 * se, pct(top - se));
        lesson.out().printf("chosen: %s (validation %s, test %s)%n", chosen, pct(validationAccuracy.get(chosen)),
                pct(best.testAccuracy()));

        // ---------------------------------------------------------------- 8. results
        lesson.section("8. Results");
        TextTable table = new TextTable("Hidden activation compared (" + Mlp.architecture(hp.widths()) + ", "
                + Words.count(hp.epochs(), "epoch") + ")", "activation", "init", "η", "validation accuracy", "test accuracy",
                "final train loss", "dead units", "saturated outputs", "seconds");
        List<Recipe.Run> all = new ArrayList<>(runs.values());
        all.addAll(fast.values());
        for (Recipe.Run run : all) {
            String name = run.recipe().label();
            EpochRecord last = run.history().last();
            table.row(name, run.recipe().network().init().name(), run.recipe().schedule().rate(0),
                    pct(last.validationAccuracy()), pct(last.testAccuracy()), String.format("%.4f", last.trainLoss()),
                    pct(mean(dead.get(name))), pct(mean(saturated.get(name))), String.format("%.1f", run.history().seconds()));
        }
        if (output != null) {
            table.row("relu, ReLU after output", "he_normal", recipes.get("relu").schedule().rate(0),
                    pct(output.validation().accuracy()), pct(output.test().accuracy()),
                    String.format("%.4f", output.history().last().trainLoss()), output.deadOutputs() + "/10 outputs", "-",
                    String.format("%.1f", output.history().seconds()));
        }
        lesson.table(table);
        List<History> histories = new ArrayList<>(all.stream().map(Recipe.Run::history).toList());
        if (output != null) {
            histories.add(output.history());
        }
        lesson.json("histories", histories);
        lesson.json("unit-health", Map.of("dead_fraction_per_layer", dead, "saturated_fraction_per_layer", saturated,
                "gradient_norm_per_layer_at_start", gradientNorms));
        if (output != null) {
            lesson.json("relu-after-output", Map.of("zero_logits", output.zeroLogits(), "dead_outputs",
                    output.deadOutputs(), "validation_accuracy", output.validation().accuracy(), "test_accuracy",
                    output.test().accuracy()));
        }
        Recipe.Run fastRelu = fast.get("relu");
        Recipe.Run fastLeaky = fast.get("leaky_relu");
        Results results = new Results(best.testAccuracy(), chosen, validationAccuracy.get(chosen), se,
                validationAccuracy(runs.get("sigmoid")), testAccuracy(runs.get("sigmoid")),
                validationAccuracy(runs.get("tanh")), testAccuracy(runs.get("tanh")),
                validationAccuracy(runs.get("relu")), testAccuracy(runs.get("relu")),
                validationAccuracy(runs.get("leaky_relu")), testAccuracy(runs.get("leaky_relu")),
                meanOf(dead, runs.get("relu")), meanOf(dead, runs.get("leaky_relu")), hp.highLr(),
                meanOf(dead, fastRelu), fastRelu == null ? Double.NaN
                        : Arrays.stream(dead.get(fastRelu.recipe().label())).max().orElse(0), meanOf(dead, fastLeaky),
                meanOf(saturated, runs.get("sigmoid")), meanOf(saturated, runs.get("tanh")),
                gradientNorms.containsKey("sigmoid") ? firstToLast(gradientNorms.get("sigmoid")) : Double.NaN,
                gradientNorms.containsKey("relu") ? firstToLast(gradientNorms.get("relu")) : Double.NaN,
                output == null ? Double.NaN : output.test().accuracy(), output == null ? Double.NaN : output.zeroLogits(),
                hp.epochs());
        lesson.metric("chosen_is_relu", chosen.equals("relu") ? 1 : 0);
        lesson.metric("validation_standard_error", se);
        for (Recipe.Run run : runs.values()) {
            lesson.metric(run.recipe().label() + "_test_accuracy", run.testAccuracy());
            lesson.metric(run.recipe().label() + "_validation_accuracy", run.history().last().validationAccuracy());
        }
        if (runs.containsKey("relu")) {
            lesson.metric("relu_dead_fraction", mean(dead.get("relu")));
        }
        if (runs.containsKey("leaky_relu")) {
            lesson.metric("leaky_relu_dead_fraction", mean(dead.get("leaky_relu")));
        }
        if (fast.containsKey("relu")) {
            lesson.metric("relu_dead_fraction_high_rate", mean(dead.get(fast.get("relu").recipe().label())));
            lesson.metric("relu_dead_fraction_high_rate_max_layer",
                    Arrays.stream(dead.get(fast.get("relu").recipe().label())).max().orElse(0));
        }
        if (runs.containsKey("sigmoid")) {
            lesson.metric("sigmoid_saturated_fraction", mean(saturated.get("sigmoid")));
        }
        if (runs.containsKey("tanh")) {
            lesson.metric("tanh_saturated_fraction", mean(saturated.get("tanh")));
        }
        if (runs.containsKey("sigmoid")) {
            lesson.metric("sigmoid_first_to_last_gradient_ratio", firstToLast(gradientNorms.get("sigmoid")));
        }
        if (runs.containsKey("relu")) {
            lesson.metric("relu_first_to_last_gradient_ratio", firstToLast(gradientNorms.get("relu")));
        }
        if (output != null) {
            lesson.metric("relu_output_test_accuracy", output.test().accuracy());
            lesson.metric("relu_output_zero_logits", output.zeroLogits());
        }
        lesson.metric("epochs", hp.epochs());

        lesson.headline(headline(hp, results, runs));
        lesson.chose(chosen, best.history(), best.model());
        return results;
    }

    /**
     * The run's one sentence: how ReLU and sigmoid compare and why, and how many ReLU units the
     * high rate kills; with other activations, how each one did.
     */
    private static String headline(Hyperparams hp, Results r, Map<String, Recipe.Run> runs) {
        StringBuilder s = new StringBuilder(String.format("In %s %s network trained for %s, ",
                article(String.valueOf(hp.hidden().length)), hp.depth(), Words.count(hp.epochs(), "epoch")));
        if (runs.containsKey("relu") && runs.containsKey("sigmoid")) {
            s.append(String.format("ReLU reaches %s test accuracy and sigmoid %s (its first layer's gradient starts %.0fx "
                    + "smaller than its last)", pct(r.reluTestAccuracy()), pct(r.sigmoidTestAccuracy()),
                    1 / r.sigmoidFirstToLastGradientRatio()));
        } else {
            List<String> each = new ArrayList<>();
            runs.forEach((name, run) -> each.add(name + (each.isEmpty() ? " reaches " : " ") + pct(run.testAccuracy())
                    + (each.isEmpty() ? " test accuracy" : "")));
            s.append(String.join(", ", each));
        }
        if (runs.containsKey("relu")) {
            s.append(Double.isNaN(r.reluDeadFractionHighRate())
                    ? String.format("; at η = %s the ReLU network diverged", hp.highLr())
                    : String.format("; at η = %s, %s of ReLU units die", hp.highLr(), pct(r.reluDeadFractionHighRate())));
            if (!Double.isNaN(r.leakyReluDeadFractionHighRate())) {
                s.append(", and ").append(r.leakyReluDeadFractionHighRate() == 0 ? "none"
                        : pct(r.leakyReluDeadFractionHighRate())).append(" with leaky ReLU");
            } else if (runs.containsKey("leaky_relu")) {
                s.append(", and the leaky ReLU network diverged");
            }
        }
        return s.append('.').toString();
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
     * starts from, built from {@code parts}) on {@code probe}.
     */
    static double[] gradientNormsAtStart(Recipe recipe, Dataset probe, Parts parts) {
        Sequential model = parts.network(recipe.network(), new SplittableRandom(recipe.seed()).split());
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
        Sequential mlp = lesson.parts().network(recipe.network(), rng.split());
        List<Layer> layers = new ArrayList<>(mlp.layers());
        layers.add(lesson.parts().layers().activation("relu"));                    // logits z -> max(0, z)
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

    /**
     * Computes y = f(x) and the slope f'(x) of each activation for x from -5 to 5 with the layers'
     * own forward and backward passes (backward with an incoming gradient of 1 gives f'(x)), prints
     * a few values and draws both.
     */
    private static void showFunctions(Lesson lesson, HiddenActivationsCharts charts) {
        int n = 201;
        float[] x = new float[n];
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = -5f + 10f * i / (n - 1);
            xs[i] = x[i];
        }
        float[] ones = new float[n];
        Arrays.fill(ones, 1f);
        Map<String, double[]> values = new LinkedHashMap<>();
        Map<String, double[]> slopes = new LinkedHashMap<>();
        for (String name : ACTIVATIONS.keySet()) {
            Layer f = lesson.parts().layers().activation(name);
            double[] y = toDouble(f.forward(x, n, false));                           // a batch of n single numbers
            double[] dy = toDouble(f.backward(ones, n, true));
            values.put(name, y);
            slopes.put(name, dy);
            lesson.out().printf("%-10s f(-5) = %+.3f  f(0) = %+.3f  f(5) = %+.3f   slope at 0: %.3f, at ±5: %.4f / %.4f%n",
                    name, y[0], y[n / 2], y[n - 1], dy[n / 2], dy[0], dy[n - 1]);
        }
        charts.functions(xs, values);
        charts.slopes(xs, slopes);
    }

    /** One number per epoch of each run, by its name. */
    private static Map<String, double[]> curves(Map<String, Recipe.Run> runs, ToDoubleFunction<EpochRecord> value) {
        Map<String, double[]> curves = new LinkedHashMap<>();
        runs.forEach((name, run) -> curves.put(name, run.history().epochs().stream().mapToDouble(value).toArray()));
        return curves;
    }

    /** A run's name with its rate, {@code relu η=0.05}, for tables and legends. */
    private static String legend(Recipe.Run run) {
        String label = run.recipe().label();
        return label.contains("η") ? label : label + " η=" + run.recipe().schedule().rate(0);
    }

    /** {@code a 4x larger rate} when the high rate is a whole multiple of the baseline's, else {@code η = 0.13}. */
    private static String timesBaseline(float highLr, float baseRate) {
        double ratio = (double) highLr / baseRate;
        long whole = Math.round(ratio);
        return whole >= 2 && Math.abs(ratio - whole) < 1e-3 ? article(String.valueOf(whole)) + " " + whole + "x larger rate"
                : "η = " + highLr;
    }

    private static double validationAccuracy(Recipe.Run run) {
        return run == null ? Double.NaN : run.history().last().validationAccuracy();
    }

    private static double testAccuracy(Recipe.Run run) {
        return run == null ? Double.NaN : run.testAccuracy();
    }

    /** The mean over hidden layers of a run's per-layer fractions, NaN for a run that was not trained. */
    private static double meanOf(Map<String, double[]> perLayer, Recipe.Run run) {
        return run == null ? Double.NaN : mean(perLayer.get(run.recipe().label()));
    }

    /** {@code a} or {@code an} before a number as it is read aloud: an 8, an 11, an 18.5, an 80, a 4, a 110. */
    static String article(String number) {
        String whole = number.split("\\.")[0];
        boolean vowel = whole.startsWith("8") || (whole.startsWith("11") || whole.startsWith("18")) && whole.length() % 3 == 2;
        return vowel ? "an" : "a";
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
}
