package dev.knobs.tribuo.experiments;

import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.Mode;
import dev.knobs.lessons.common.Plots;
import dev.knobs.lessons.common.TextTable;
import dev.knobs.tribuo.data.MnistLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tribuo.DataSource;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.fm.FMClassificationTrainer;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;

/**
 * What Tribuo gives out of the box: its own trainers on MNIST, each with test accuracy, training
 * time and Tribuo's confusion matrix. Logistic regression ({@code LinearSGDTrainer}), a
 * factorisation machine ({@code FMClassificationTrainer}) and gradient-boosted trees
 * ({@code XGBoostClassificationTrainer}), configured in {@code configs/baselines.xml}. Nothing is
 * chosen here; the logistic regression, the classic first model, is the experiment's number.
 *
 * <p>Training sets in standard mode (full mode uses all 60,000 for every model): logistic
 * regression all 60,000 images; the factorisation machine the first 10,000 and XGBoost the first
 * 5,000, because on a 2-core machine they cost tens of seconds per epoch or boosting round.
 */
public final class BaselinesExperiment implements Experiment {
    /** The trainers and their standard-mode training set sizes (0 = all). */
    private static final List<Baseline> BASELINES = List.of(
            new Baseline("logistic-regression", 0),
            new Baseline("factorization-machine", 10_000),
            new Baseline("xgboost", 5_000));

    private record Baseline(String component, int standardTrainSize) {}

    @Override
    public String name() {
        return "baselines";
    }

    @Override
    public String title() {
        return "Tribuo's own trainers on MNIST";
    }

    @Override
    public String mirrors() {
        return "01 (the framework's starting point)";
    }

    @Override
    public String summary() {
        return "logistic regression, factorisation machine and XGBoost: accuracy, time, confusion matrices";
    }

    @Override
    @SuppressWarnings("unchecked")
    public double run(Lesson lesson, MnistLoader loader) throws Exception {
        lesson.section("1. The configuration: baselines.xml");
        ExperimentConfig config = Sweeps.configure(lesson, new Sweeps.Plan("baselines", 0, 1, 0));
        if (lesson.mode() == Mode.SMOKE) {
            config.overrideAll(LinearSGDTrainer.class, "epochs", "1");
            config.overrideAll(FMClassificationTrainer.class, "epochs", "1");
            config.overrideAll(XGBoostClassificationTrainer.class, "numTrees", "2");
            lesson.out().println("smoke mode: one epoch for the SGD trainers, two boosting rounds for XGBoost");
        }
        Sweep sweep = config.sweep();
        Sweeps.list(lesson, config, sweep);

        lesson.section("2. Training and evaluating each trainer");
        DataSource<Label> train = config.lookup("mnist-train", DataSource.class);
        DataSource<Label> test = config.lookup("mnist-test", DataSource.class);
        List<RunResult> runs = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < sweep.runs().size(); i++) {
            String component = sweep.runs().get(i);
            int size = BASELINES.stream().filter(b -> b.component().equals(component)).findFirst()
                    .map(Baseline::standardTrainSize).orElse(0);
            MnistLoader.TrainTest data = loader.load(train, test, lesson.mode(), size);
            lesson.out().println(sweep.label(i) + ": " + data.describe());
            RunResult r = Runs.train(lesson, config, component, sweep.label(i), data);
            runs.add(r);
            sizes.add(data.train().size());
        }

        lesson.section("3. Comparison");
        TextTable table = new TextTable(String.format(Locale.ROOT, "Tribuo's trainers on MNIST (test set: %,d images)",
                runs.get(0).predictions().size()), "model", "training images",
                "test accuracy", "macro F1", "training seconds");
        List<String> labels = new ArrayList<>();
        double[] accuracy = new double[runs.size()];
        for (int i = 0; i < runs.size(); i++) {
            RunResult r = runs.get(i);
            table.row(r.label(), String.format(Locale.ROOT, "%,d", sizes.get(i)), Report.pct(r.testAccuracy()),
                    Report.f4(r.evaluation().macroAveragedF1()), Report.seconds(r.trainSeconds()));
            labels.add(r.label());
            accuracy[i] = 100 * r.testAccuracy();
            lesson.metric("test_accuracy." + r.component(), r.testAccuracy());
            lesson.metric("train_seconds." + r.component(), r.trainSeconds());
            lesson.metric("train_images." + r.component(), sizes.get(i));
        }
        lesson.table(table);
        lesson.figure("accuracy", Plots.bars("Tribuo's trainers: test accuracy", "model", "test accuracy (%)", labels,
                        List.of("test accuracy"), List.of(accuracy)),
                "Out of the box, with the training set sizes of the table above.",
                "Bar chart of the test accuracy of logistic regression, a factorisation machine and XGBoost on MNIST.");

        lesson.section("4. Tribuo's confusion matrix and per-class metrics of each model");
        for (RunResult r : runs) {
            Report.confusion(lesson, "confusion-" + r.component(), r.label(), r.evaluation());
            Report.perClass(lesson, r.label(), r.evaluation());
        }
        Report.topErrors(lesson, "top-errors", runs.get(0).label(), runs.get(0).predictions(), 28, 28);

        RunResult logistic = runs.get(0);
        lesson.metric("test_accuracy", logistic.testAccuracy());
        lesson.headline(String.format(Locale.ROOT, "Out of the box, Tribuo's logistic regression reaches %.2f%% test accuracy "
                        + "on MNIST in %.0f s%s.", 100 * logistic.testAccuracy(), logistic.trainSeconds(),
                runs.size() > 1 ? String.format(Locale.ROOT, "; its factorisation machine %.2f%% and XGBoost %.2f%% on the "
                        + "smaller training sets of the table", 100 * runs.get(1).testAccuracy(),
                        100 * runs.get(runs.size() - 1).testAccuracy()) : ""));
        if (lesson.mode() == Mode.STANDARD) {
            lesson.out().println("(full mode trains every model on all 60,000 images: --mode full)");
        }
        return logistic.testAccuracy();
    }
}
