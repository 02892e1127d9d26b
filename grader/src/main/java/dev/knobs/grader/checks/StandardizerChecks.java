package dev.knobs.grader.checks;

import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.Standardizer;
import java.util.SplittableRandom;

/**
 * Exercise 02.1, a per-pixel standardiser fitted on training data: a hand-computed case, the
 * floor, mean 0 and standard deviation 1 after applying it, the training data left untouched,
 * and a comparison with nn-core's {@link Standardizer#perPixel}.
 */
public final class StandardizerChecks implements ExerciseChecks<StandardizerChecks.Fit> {

    /** How the checks fit a standardiser: the skeleton's static method. */
    @FunctionalInterface
    public interface Fit {
        /** μ and floored σ of every pixel of {@code train}. */
        Standardizer fit(Dataset train, float minStd);
    }

    @Override
    public Fit adapt(Class<?> type) {
        Reflect.Call m = Reflect.staticMethod(type, "fit", Dataset.class, float.class);
        return (train, minStd) -> Reflect.as(Standardizer.class, m.call(train, minStd));
    }

    @Override
    public void run(Fit f, Checker checker) {
        checker.check("hand-computed case", () -> {
            // three 2x2 images; pixel 0 always 0, pixel 1 = 1, 2, 3, pixel 2 always 0.5, pixel 3 = 0, 0, 3
            Dataset d = dataset(new float[] {0, 1, 0.5f, 0, 0, 2, 0.5f, 0, 0, 3, 0.5f, 3}, 3, 2, 2);
            Standardizer s = fitted(f, d, 0.1f);
            String input = "three 2x2 images with pixels {0,0,0}, {1,2,3}, {0.5,0.5,0.5}, {0,0,3} and minStd 0.1";
            Expect.close("mean for " + input, new float[] {0, 2, 0.5f, 1}, s.mean(), 1e-5);
            Expect.close("std for " + input + " (population σ, i.e. divide by n, floored at minStd)",
                    new float[] {0.1f, (float) Math.sqrt(2.0 / 3), 0.1f, (float) Math.sqrt(2)}, s.std(), 1e-4);
        });
        checker.check("the standardised training set has mean 0 and standard deviation 1 in every varying pixel", () -> {
            Dataset d = randomImages(60, 3, 4, 1);
            Dataset out = fitted(f, d, 1e-3f).apply(d);
            for (int j = 0; j < d.features(); j++) {
                double[] m = moments(out, j);
                boolean constant = j % 5 == 0;
                Expect.close("mean of pixel " + j + " after standardising 60 random 3x4 images", 0, m[0], 1e-4);
                Expect.close("standard deviation of pixel " + j + " after standardising 60 random 3x4 images"
                        + (constant ? " (a pixel that is always 0: it must stay 0)" : ""), constant ? 0 : 1, m[1], 1e-3);
            }
        });
        checker.check("agrees with nn-core's Standardizer.perPixel on random images", () -> {
            Dataset d = randomImages(200, 4, 4, 2);
            Standardizer expected = Standardizer.perPixel(d, 1f / 255);
            Standardizer got = fitted(f, d, 1f / 255);
            Expect.close("mean of 200 random 4x4 images", expected.mean(), got.mean(), 1e-5);
            Expect.close("std of 200 random 4x4 images (minStd 1/255)", expected.std(), got.std(), 1e-4);
        });
        checker.check("the training images are not modified", () -> {
            Dataset d = randomImages(20, 2, 3, 3);
            float[] before = d.x().clone();
            fitted(f, d, 0.01f);
            Expect.close("training pixels after fitting (fit must only read them)", before, d.x(), 0);
        });
    }

    private static Standardizer fitted(Fit f, Dataset d, float minStd) {
        Standardizer s = f.fit(d, minStd);
        Expect.that(s != null, "fit returned null; return new Standardizer(mean, std, \"per-pixel\")");
        Expect.that(s.mean().length == d.features() && s.std().length == d.features(), "mean and std need one value "
                + "per pixel (" + d.features() + "), got " + s.mean().length + " and " + s.std().length);
        return s;
    }

    private static double[] moments(Dataset d, int j) {
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < d.size(); i++) {
            double v = d.x()[i * d.features() + j];
            sum += v;
            sumSq += v * v;
        }
        double mean = sum / d.size();
        return new double[] {mean, Math.sqrt(Math.max(0, sumSq / d.size() - mean * mean))};
    }

    /** Random images in [0, 1); every fifth pixel is always 0, like MNIST's border. */
    private static Dataset randomImages(int n, int h, int w, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n * h * w];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % (h * w)) % 5 == 0 ? 0 : (float) rng.nextDouble();
        }
        return dataset(x, n, h, w);
    }

    private static Dataset dataset(float[] x, int n, int h, int w) {
        return new Dataset("grader", x, new int[n], n, h, w, 10);
    }
}
