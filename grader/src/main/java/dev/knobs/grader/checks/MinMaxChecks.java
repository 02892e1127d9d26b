package dev.knobs.grader.checks;

import dev.knobs.nn.data.Dataset;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Exercise 02.2, per-pixel min-max scaling fitted on training data: a hand-computed case, test
 * images scaled with the training statistics, the training set spanning [0, 1], constant pixels
 * at 0, the images untouched, and a comparison with {@link #reference} on random images.
 */
public final class MinMaxChecks implements ExerciseChecks<MinMaxChecks.Scale> {

    /** How the checks scale images: the skeleton's static method. */
    @FunctionalInterface
    public interface Scale {
        /** {@code data} scaled with the per-pixel minimum and maximum of {@code train}. */
        Dataset scale(Dataset train, Dataset data);
    }

    @Override
    public Scale adapt(Class<?> type) {
        Reflect.Call m = Reflect.staticMethod(type, "scale", Dataset.class, Dataset.class);
        return (train, data) -> Reflect.as(Dataset.class, m.call(train, data));
    }

    /**
     * The reference solution (nn-core scales by a fixed maximum only): {@code (x - min) / (max - min)}
     * with the training set's per-pixel extremes, 0 where the pixel is constant in training.
     */
    public static Dataset reference(Dataset train, Dataset data) {
        int f = train.features();
        float[] min = new float[f];
        float[] max = new float[f];
        Arrays.fill(min, Float.POSITIVE_INFINITY);
        Arrays.fill(max, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < train.size(); i++) {
            for (int j = 0; j < f; j++) {
                float v = train.x()[i * f + j];
                min[j] = Math.min(min[j], v);
                max[j] = Math.max(max[j], v);
            }
        }
        float[] out = new float[data.size() * f];
        for (int i = 0; i < data.size(); i++) {
            for (int j = 0; j < f; j++) {
                float range = max[j] - min[j];
                out[i * f + j] = range > 0 ? (data.x()[i * f + j] - min[j]) / range : 0f;
            }
        }
        return data.withPixels(data.name() + "/min-max", out);
    }

    @Override
    public void run(Scale f, Checker checker) {
        // three 2x2 images; pixel 0 always 0, pixel 1 = 1, 2, 3, pixel 2 always 0.5, pixel 3 = 0, 0, 4
        Dataset train = dataset(new float[] {0, 1, 0.5f, 0, 0, 2, 0.5f, 0, 0, 3, 0.5f, 4}, 3, 2, 2);
        String input = "three 2x2 training images with pixels {0,0,0}, {1,2,3}, {0.5,0.5,0.5}, {0,0,4}";
        checker.check("hand-computed case, constant pixels at 0", () -> Expect.close("the training images scaled, for "
                + input + " (a pixel constant in training maps to 0, never NaN)",
                new float[] {0, 0, 0, 0, 0, 0.5f, 0, 0, 0, 1, 0, 1}, scaled(f, train, train).x(), 1e-6));
        checker.check("other images are scaled with the training statistics", () -> {
            Dataset test = dataset(new float[] {0.7f, 2.5f, 0.5f, 2, 0, 4, 1, 8}, 2, 2, 2);
            Expect.close("two test images [0.7, 2.5, 0.5, 2] and [0, 4, 1, 8] scaled with the min and max of " + input
                    + " (the training set's, not the test images' own; values outside [0, 1] are expected)",
                    new float[] {0, 0.75f, 0, 0.5f, 0, 1.5f, 0, 2}, scaled(f, train, test).x(), 1e-6);
        });
        checker.check("the scaled training set spans [0, 1] in every varying pixel", () -> {
            Dataset d = randomImages(50, 3, 4, 1, 255);
            Dataset out = scaled(f, d, d);
            for (int j = 0; j < d.features(); j++) {
                float lo = Float.POSITIVE_INFINITY;
                float hi = Float.NEGATIVE_INFINITY;
                for (int i = 0; i < d.size(); i++) {
                    float v = out.x()[i * d.features() + j];
                    Expect.that(!Float.isNaN(v), "pixel " + j + " of image " + i + " is NaN after scaling 50 random 3x4 "
                            + "images (a pixel constant in training must map to 0, not 0/0)");
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                boolean constant = j % 5 == 0;
                Expect.close("smallest value of pixel " + j + " after scaling 50 random 3x4 images", 0, lo, 1e-6);
                Expect.close("largest value of pixel " + j + " after scaling 50 random 3x4 images"
                        + (constant ? " (a pixel that is always 0: it must stay 0)" : ""), constant ? 0 : 1, hi, 1e-6);
            }
        });
        checker.check("agrees with the reference solution on random images", () -> {
            Dataset trainImages = randomImages(100, 4, 4, 2, 1);
            Dataset test = randomImages(30, 4, 4, 3, 1.2f);
            Expect.close("100 random 4x4 training images scaled", reference(trainImages, trainImages).x(),
                    scaled(f, trainImages, trainImages).x(), 1e-6);
            Expect.close("30 random 4x4 test images scaled with the statistics of 100 training images",
                    reference(trainImages, test).x(), scaled(f, trainImages, test).x(), 1e-6);
        });
        checker.check("the images are not modified, the labels are kept", () -> {
            Dataset trainImages = randomImages(20, 2, 3, 4, 1);
            Dataset test = randomImages(5, 2, 3, 5, 1);
            float[] trainBefore = trainImages.x().clone();
            float[] testBefore = test.x().clone();
            Dataset out = scaled(f, trainImages, test);
            Expect.close("training pixels after scaling (they must only be read)", trainBefore, trainImages.x(), 0);
            Expect.close("the pixels of the images scaled (return a copy, do not scale in place)", testBefore, test.x(), 0);
            Expect.that(out.size() == test.size() && Arrays.equals(out.labels(), test.labels()), "the scaled images "
                    + "must keep the size and labels of the images given (use data.withPixels)");
        });
    }

    private static Dataset scaled(Scale f, Dataset train, Dataset data) {
        Dataset out = f.scale(train, data);
        Expect.that(out != null, "scale returned null; return data.withPixels(data.name() + \"/min-max\", scaled)");
        Expect.that(out.x().length == data.x().length, "the scaled images need " + data.x().length + " pixels, got "
                + out.x().length);
        return out;
    }

    /** Random images in [0, top); every fifth pixel is always 0, like MNIST's border. */
    private static Dataset randomImages(int n, int h, int w, long seed, float top) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n * h * w];
        int[] labels = new int[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % (h * w)) % 5 == 0 ? 0 : (float) (top * rng.nextDouble());
        }
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(10);
        }
        return new Dataset("grader", x, labels, n, h, w, 10);
    }

    private static Dataset dataset(float[] x, int n, int h, int w) {
        return new Dataset("grader", x, new int[n], n, h, w, 10);
    }
}
