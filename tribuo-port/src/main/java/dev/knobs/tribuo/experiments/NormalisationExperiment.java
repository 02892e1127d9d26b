package dev.knobs.tribuo.experiments;

import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.TextTable;
import java.util.List;
import java.util.Locale;
import org.tribuo.transform.TransformedModel;
import org.tribuo.transform.Transformer;
import org.tribuo.transform.TransformerMap;
import org.tribuo.classification.Label;

/**
 * Lesson 02 with Tribuo: input scaling as Tribuo transformations. Changes from the lesson: the
 * scalings are {@code TransformationMap}s in {@code configs/normalisation.xml} applied by a
 * {@code TransformTrainer}, which fits their statistics and applies them to every example the
 * model sees later. The per-pixel ones go in a
 * {@link dev.knobs.tribuo.transform.HoldOutTransformTrainer}, which holds the validation images
 * out first, as the lesson does, so that their statistics come from the training part only; they
 * need {@code densify} because MNIST examples are sparse. Tribuo's own
 * {@code MeanStdDevTransformation} is run too, to show why this project adds
 * {@link dev.knobs.tribuo.transform.Standardisation}.
 *
 * <p>Standard mode: the first 20,000 training images, 5 epochs per run.
 */
public final class NormalisationExperiment extends SweepExperiment {
    /** The pixel in the middle of the image (row 14, column 14), whose scaling the experiment shows. */
    private static final String CENTRE = "406";

    public NormalisationExperiment() {
        super(new Sweeps.Plan("normalisation", 20_000, 1, 15));
    }

    @Override
    public String title() {
        return "Input normalisation with Tribuo";
    }

    @Override
    public String mirrors() {
        return "02 (f)";
    }

    @Override
    public String summary() {
        return "raw pixels, /255, per-pixel min-max and standardisation as Tribuo transformations";
    }

    @Override
    void extras(Lesson lesson, Sweeps.Outcome outcome) {
        lesson.section("6. What each transformation does to the centre pixel (row 14, column 14)");
        TextTable table = new TextTable("Pixel " + CENTRE + " after each fitted transformation", "run", "grey 0",
                "grey 128", "grey 255", "fitted transformers");
        for (RunResult r : outcome.runs()) {
            if (r.model() instanceof TransformedModel<Label> t) {
                TransformerMap map = t.getTransformerMap();
                List<Transformer> list = map.get(CENTRE);
                table.row(r.label(), f(TransformerMap.applyTransformerList(0, list)),
                        f(TransformerMap.applyTransformerList(128, list)), f(TransformerMap.applyTransformerList(255, list)),
                        String.valueOf(list) + (t.getDensify() ? ", densified" : ""));
            } else if (r.diverged() == null) {
                table.row(r.label(), "0", "128", "255", "none");
            } else {
                table.row(r.label(), "-", "-", "-", "diverged before a model existed");
            }
        }
        lesson.table(table);
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    @Override
    String headline(Sweeps.Outcome outcome) {
        RunResult chosen = outcome.chosen();
        RunResult raw = outcome.runs().get(0);
        RunResult tribuo = outcome.runs().get(outcome.runs().size() - 1);
        return String.format(Locale.ROOT, "As Tribuo transformations, '%s' inputs are chosen on validation and reach %.2f%% "
                        + "test accuracy; raw 0..255 pixels %s at the same learning rate, and Tribuo's own MeanStdDev "
                        + "standardisation %s.", chosen.label(), 100 * chosen.testAccuracy(),
                raw.diverged() != null ? "diverge" : "reach " + pct(raw.testAccuracy()),
                tribuo.diverged() != null ? "produces NaN inputs (a zero standard deviation)"
                        : "reaches " + pct(tribuo.testAccuracy()));
    }
}
