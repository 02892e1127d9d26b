package dev.knobs.tribuo.experiments;

import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.Plots;
import dev.knobs.lessons.common.TextTable;
import dev.knobs.nn.layer.Mlp;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.nn.metrics.ActivationStats;
import dev.knobs.tribuo.data.MnistLoader;
import dev.knobs.tribuo.mlp.DenseData;
import dev.knobs.tribuo.mlp.MlpTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Lesson 04 with Tribuo: weight initialisation. Changes from the lesson: the scheme is the
 * {@code initialiser} property of {@code MlpTrainer} ({@code HE_NORMAL}, {@code XAVIER_NORMAL},
 * ...), in {@code configs/initialisation.xml}; Tribuo's own trainers have no such knob (linear
 * models start at zero). The activation statistics per layer are measured on the network each
 * configuration starts from, built with the same widths and initialiser.
 *
 * <p>Standard mode: the first 20,000 training images, 3 epochs of a 5-hidden-layer network.
 */
public final class InitialisationExperiment extends SweepExperiment {

    public InitialisationExperiment() {
        super(new Sweeps.Plan("initialisation", 20_000, 1, 10));
    }

    @Override
    public String title() {
        return "Weight initialisation with Tribuo";
    }

    @Override
    public String mirrors() {
        return "04 (init)";
    }

    @Override
    public String summary() {
        return "He, Xavier, LeCun, N(0, 0.01²) and zeros on a 5-layer ReLU network, with activation statistics";
    }

    @Override
    void extras(Lesson lesson, Sweeps.Outcome outcome) {
        lesson.section("6. The signal at the start: standard deviation of each hidden layer's output");
        int n = 1000;
        DenseData rows = DenseData.of(MnistLoader.first(outcome.data().train(), n),
                outcome.data().train().getFeatureIDMap(), outcome.data().train().getOutputIDInfo());
        float[] x = rows.x().clone();
        for (int i = 0; i < x.length; i++) {
            x[i] /= 255f;                                        // the experiment's input scaling
        }
        List<Plots.Series> series = new ArrayList<>();
        TextTable table = new TextTable("Output standard deviation of each ReLU layer, at initialisation, on "
                + rows.size() + " training images", "initialisation", "layer 1", "layer 2", "layer 3", "layer 4", "layer 5");
        for (RunResult r : outcome.runs()) {
            MlpTrainer trainer = outcome.config().mlpInside(r.component()).orElseThrow();
            int[] hidden = trainer.hiddenSizes();
            int[] widths = new int[hidden.length + 2];
            widths[0] = rows.features();
            System.arraycopy(hidden, 0, widths, 1, hidden.length);
            widths[widths.length - 1] = 10;
            Sequential net = new Mlp(widths, trainer.activation().layerName(), 0f, new float[] {0f},
                    trainer.initialiser().initializer()).build(new SplittableRandom(trainer.seed()));
            net.forward(x, rows.size(), false);
            List<Double> layers = new ArrayList<>();
            List<Double> stds = new ArrayList<>();
            List<String> cells = new ArrayList<>(List.of(r.label()));
            for (ActivationStats s : ActivationStats.of(net, rows.size())) {
                if (s.name().startsWith("ReLU")) {
                    layers.add((double) layers.size() + 1);
                    stds.add(Math.max(s.std(), 1e-12));
                    cells.add(String.format(Locale.ROOT, "%.3g", s.std()));
                }
            }
            while (cells.size() < 6) {
                cells.add("-");
            }
            table.row(cells.subList(0, 6).toArray());
            series.add(Plots.Series.of(r.label(), layers, stds));
        }
        lesson.table(table);
        lesson.figure("activation-std", Plots.linesLogY("Signal through the layers at initialisation", "hidden layer",
                        "standard deviation of the ReLU outputs (log scale)", series),
                "Flat lines keep the signal's scale through the depth (He for ReLU); falling lines let it vanish "
                        + "before training starts; zeros give exactly 0.",
                "Line chart, log scale, of the standard deviation of each of five hidden ReLU layers at initialisation "
                        + "for five schemes: He stays level, Xavier and LeCun shrink slowly, N(0, 0.01) collapses, zeros are 0.");
    }

    @Override
    String headline(Sweeps.Outcome outcome) {
        RunResult chosen = outcome.chosen();
        RunResult zeros = run(outcome, "zeros");
        return String.format(Locale.ROOT, "With Tribuo's MlpTrainer, %s initialisation is chosen on validation (%.2f%% test "
                        + "accuracy after the same few epochs); starting from zeros leaves the network at %.2f%%.",
                chosen.label(), 100 * chosen.testAccuracy(), 100 * zeros.testAccuracy());
    }
}
