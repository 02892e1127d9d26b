package dev.knobs.tribuo.experiments;

import dev.knobs.lessons.common.DigitGrid;
import dev.knobs.lessons.common.Lesson;
import dev.knobs.nn.augment.ImageTransform;
import dev.knobs.tribuo.mlp.MlpTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tribuo.Example;
import org.tribuo.classification.Label;

/**
 * Lesson 08 with Tribuo: augmenting the training images. Changes from the lesson: Tribuo sees
 * examples as named features and has no image augmentation, so this project adds
 * {@link dev.knobs.tribuo.augment.Augmentation} components (affine, elastic, and a sequence),
 * set as {@code MlpTrainer}'s {@code augmentation} property in {@code configs/augmentation.xml}.
 * The trainer puts each training example back on the 28x28 grid, transforms it with nn-core's
 * code (the lesson's own), and reads the features back; validation and test images are never
 * augmented.
 *
 * <p>Standard mode: the first 20,000 training images, 12 epochs per run.
 */
public final class AugmentationExperiment extends SweepExperiment {

    public AugmentationExperiment() {
        super(new Sweeps.Plan("augmentation", 20_000, 1, 40));
    }

    @Override
    public String title() {
        return "Data augmentation with Tribuo";
    }

    @Override
    public String mirrors() {
        return "08 (c)";
    }

    @Override
    public String summary() {
        return "no augmentation, affine, elastic, elastic + affine (training images only)";
    }

    @Override
    void extras(Lesson lesson, Sweeps.Outcome outcome) {
        lesson.section("6. What the network sees: training digits as each augmentation draws them");
        List<DigitGrid.Tile> tiles = new ArrayList<>();
        int digits = 6;
        int column = 0;
        for (Example<Label> example : outcome.data().train()) {
            if (column++ >= digits) {
                break;
            }
            float[] image = Report.pixels(example, 28, 28);
            tiles.add(new DigitGrid.Tile(image, "original " + example.getOutput().getLabel()));
            for (RunResult r : outcome.runs()) {
                MlpTrainer trainer = outcome.config().mlpInside(r.component()).orElseThrow();
                if (trainer.augmentation() != null) {
                    ImageTransform t = trainer.augmentation().transform();
                    tiles.add(new DigitGrid.Tile(t.applyToCopy(image, 28, 28, 1000L * column + tiles.size()), r.label()));
                }
            }
        }
        int perRow = tiles.size() / digits;
        lesson.figure("augmented-samples", DigitGrid.render("Training digits and their augmented versions", tiles, 28, 28,
                        perRow, 0f, 255f), "Training digits and their augmented versions",
                "Each row is one training digit, first as it is, then as each augmentation draws it once; every epoch draws anew.",
                "A grid of six handwritten training digits, each followed by its affine, elastic, and elastic plus affine "
                        + "variants: slightly rotated, shifted, zoomed or bent versions of the same digit.");
    }

    @Override
    String headline(Sweeps.Outcome outcome) {
        RunResult chosen = outcome.chosen();
        RunResult none = run(outcome, "none");
        return String.format(Locale.ROOT, "With Tribuo's MlpTrainer and this project's augmentation components, '%s' is "
                + "chosen on validation and reaches %.2f%% test accuracy, against %.2f%% without augmentation.",
                chosen.label(), 100 * chosen.testAccuracy(), 100 * none.testAccuracy());
    }
}
