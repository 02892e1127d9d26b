package dev.knobs.lessons.l08;

import dev.knobs.lessons.common.DigitGrid;
import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.Plots;
import dev.knobs.nn.augment.AffineMatrix;
import dev.knobs.nn.augment.ImageTransform;
import dev.knobs.nn.augment.RandomAffine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The figures of lesson 08: what each one draws, its title, caption and alt text. Each method
 * takes the numbers it plots, already measured by {@link Augmentation}, and saves one figure.
 */
final class AugmentationCharts {
    private final Lesson lesson;

    AugmentationCharts(Lesson lesson) {
        this.lesson = lesson;
    }

    /**
     * A grid of training digits, one per row: first as it is, then random draws of one transform.
     *
     * @param key     the transform's name in the file name, e.g. {@code shift}
     * @param setting its setting as the reader sees it, e.g. {@code shift ±2 px}
     * @param tiles   the rows one after the other, each the original and then its draws
     * @param columns tiles per row: the original and {@code columns - 1} draws
     */
    void transformGrid(String key, String setting, List<DigitGrid.Tile> tiles, int height, int width, int columns) {
        String title = "Augmentation: " + setting;
        lesson.figure("augment-" + key, DigitGrid.render(title, tiles, height, width, columns, 0f, 1f), title,
                "Left column: the training digit as it is; then " + (columns - 1) + " random draws of " + setting
                        + ", as the network sees them during training.",
                "A grid of " + tiles.size() / columns + " handwritten digits, each shown as the original followed by "
                        + (columns - 1) + " randomly transformed copies (" + setting + "); each copy is still "
                        + "clearly the same digit.");
    }

    /** Validation accuracy per epoch, in percent, per run (no augmentation, affine, ...). */
    void validationAccuracy(Map<String, double[]> percent) {
        lesson.figure("validation-accuracy", Plots.lines("Validation accuracy per epoch", "epoch", "validation accuracy (%)",
                        epochSeries(percent)),
                "Higher is better; augmentation starts slower, then keeps improving after the plain run has stalled.",
                "Line chart of validation accuracy per epoch for training without augmentation and with random affine "
                        + "augmentation.");
    }

    /** Validation loss per epoch, per run. */
    void validationLoss(Map<String, double[]> loss) {
        lesson.figure("validation-loss", Plots.lines("Validation loss per epoch", "epoch", "validation cross-entropy",
                        epochSeries(loss)),
                "A validation loss that turns upwards while training continues is overfitting; augmentation delays it.",
                "Line chart of validation cross-entropy loss per epoch for training without and with augmentation.");
    }

    /**
     * Training accuracy (on the batches as trained on: augmented, dropout on) and validation
     * accuracy per epoch, in percent, of the runs without and with affine augmentation.
     */
    void trainVsValidation(Map<String, double[]> trainPercent, Map<String, double[]> validationPercent) {
        List<Plots.Series> series = new ArrayList<>();
        for (String run : trainPercent.keySet()) {
            series.add(Plots.Series.ofEpochs(run + ": train (batches as trained on)", trainPercent.get(run)));
            series.add(Plots.Series.ofEpochs(run + ": validation", validationPercent.get(run)));
        }
        lesson.figure("train-vs-validation", Plots.lines("Training and validation accuracy", "epoch", "accuracy (%)", series),
                "The distance between a run's training and validation curves is its overfitting gap.",
                "Line chart of training accuracy and validation accuracy per epoch, for the run without augmentation and "
                        + "the run with affine augmentation.");
    }

    /** Test accuracy, in percent, of both networks on the test digits as they are and on moved copies. */
    void stressTest(List<String> testImages, double[] withoutPercent, double[] withPercent) {
        lesson.figure("stress-test", Plots.bars("Accuracy on moved test digits", "test digits", "accuracy (%)", testImages,
                        List.of("without augmentation", "with augmentation"), List.of(withoutPercent, withPercent)),
                "A dense network has no built-in tolerance to movement: only what it was trained on.",
                "Bar chart of test accuracy of the two networks on the original test digits and on shifted and rotated "
                        + "copies; the network trained without augmentation loses much more on moved digits.");
    }

    /**
     * The label under one random draw in a grid: the value drawn, for an affine transform with
     * one knob (the same seed gives the same draw as {@code applyToCopy}), else {@code draw k}.
     */
    static String drawLabel(ImageTransform t, int h, int w, long seed, int k) {
        if (!(t instanceof RandomAffine affine)) {
            return "draw " + k;
        }
        AffineMatrix m = affine.draw(h, w, new SplittableRandom(seed));
        // m = Shift·Shear(φ)·Zoom(s)·Rot(θ) about the centre: its linear part is
        // s·[cos θ - tan φ·sin θ, sin θ + tan φ·cos θ; -sin θ, cos θ] and it moves the centre by the shift.
        double s = Math.hypot(m.d(), m.e());
        double theta = Math.atan2(-m.d(), m.e());
        double shear = Math.toDegrees(Math.atan((m.b() / s - Math.sin(theta)) / Math.cos(theta)));
        double cx = AffineMatrix.centre(w);
        double cy = AffineMatrix.centre(h);
        double dx = m.mapX(cx, cy) - cx;
        double dy = m.mapY(cx, cy) - cy;
        List<String> parts = new ArrayList<>();
        if (Math.abs(dx) > 1e-9 || Math.abs(dy) > 1e-9) {
            parts.add(String.format("x%+.1f y%+.1f", tenth(dx), tenth(dy)));
        }
        if (Math.abs(theta) > 1e-9) {
            parts.add(String.format("rotate %+.1f°", tenth(Math.toDegrees(theta))));
        }
        if (Math.abs(s - 1) > 1e-9) {
            parts.add(String.format("zoom x%.3f", s));
        }
        if (Math.abs(shear) > 1e-9) {
            parts.add(String.format("shear %+.1f°", tenth(shear)));
        }
        return parts.size() == 1 ? parts.get(0) : "draw " + k;
    }

    private static List<Plots.Series> epochSeries(Map<String, double[]> curves) {
        List<Plots.Series> series = new ArrayList<>();
        curves.forEach((run, curve) -> series.add(Plots.Series.ofEpochs(run, curve)));
        return series;
    }

    /** Rounded to one decimal, with -0.0 turned into 0.0 so that no label reads "-0.0". */
    private static double tenth(double v) {
        return Math.round(v * 10) / 10.0 + 0.0;
    }
}
