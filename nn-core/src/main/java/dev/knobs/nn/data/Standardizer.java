package dev.knobs.nn.data;

import dev.knobs.nn.kernel.Parallel;
import java.util.Arrays;

/**
 * Standardisation: subtract a mean and divide by a standard deviation, both measured on the
 * training set only.
 *
 * <pre>
 *   x'ᵢ = (xᵢ - μᵢ) / σᵢ       global: one μ, σ for all pixels;  per-pixel: one per position
 * </pre>
 *
 * <p>Centred inputs help gradient descent: if every input is positive, all weights of a unit get
 * gradients of the same sign and can only move together (LeCun et al. 1998, "Efficient
 * BackProp"). The statistics come from the training set alone, and the same numbers are then
 * applied to validation and test data: measuring them on the test set would leak information
 * about it into the model. Per-pixel statistics need care at the border of MNIST, where pixels
 * are always 0: σ is floored at {@code minStd} so those pixels stay 0 rather than dividing by 0.
 *
 * @param mean  μ per feature ({@code features} floats; all equal for the global variant)
 * @param std   σ per feature, each at least the floor
 * @param label {@code "global"} or {@code "per-pixel"}
 */
public record Standardizer(float[] mean, float[] std, String label) {

    /** One mean and one standard deviation over all pixels of the training set (MNIST/255: 0.1307, 0.3081). */
    public static Standardizer global(Dataset train) {
        double sum = 0;
        double sumSq = 0;
        for (float v : train.x()) {
            sum += v;
            sumSq += (double) v * v;
        }
        long n = train.x().length;
        double mu = sum / n;
        double sigma = Math.sqrt(Math.max(0, sumSq / n - mu * mu));
        float[] mean = new float[train.features()];
        float[] std = new float[train.features()];
        Arrays.fill(mean, (float) mu);
        Arrays.fill(std, (float) Math.max(sigma, 1e-6));
        return new Standardizer(mean, std, "global");
    }

    /**
     * A mean and standard deviation for each pixel position over the training set.
     *
     * @param minStd the floor for σ, in the data's units (e.g. 1/255 for [0,1] pixels)
     */
    public static Standardizer perPixel(Dataset train, float minStd) {
        int f = train.features();
        double[] sum = new double[f];
        double[] sumSq = new double[f];
        float[] x = train.x();
        for (int i = 0; i < train.size(); i++) {
            for (int j = 0; j < f; j++) {
                double v = x[i * f + j];
                sum[j] += v;
                sumSq[j] += v * v;
            }
        }
        float[] mean = new float[f];
        float[] std = new float[f];
        for (int j = 0; j < f; j++) {
            double mu = sum[j] / train.size();
            mean[j] = (float) mu;
            std[j] = (float) Math.max(Math.sqrt(Math.max(0, sumSq[j] / train.size() - mu * mu)), minStd);
        }
        return new Standardizer(mean, std, "per-pixel");
    }

    /** A copy of {@code data} standardised with these training-set statistics. */
    public Dataset apply(Dataset data) {
        int f = data.features();
        if (f != mean.length) {
            throw new IllegalArgumentException("standardizer was fitted on " + mean.length + " features, data has " + f);
        }
        float[] x = data.x();
        float[] out = new float[x.length];
        Parallel.range(data.size(), 256, (from, to) -> {
            for (int i = from; i < to; i++) {
                for (int j = 0; j < f; j++) {
                    out[i * f + j] = (x[i * f + j] - mean[j]) / std[j];
                }
            }
        });
        return data.withPixels(data.name() + "/std-" + label, out);
    }
}
