package dev.knobs.nn.kernel;

import dev.knobs.nn.random.Seeds;

/**
 * Elementwise and row-wise kernels: the loops that layers, losses and optimisers call instead of
 * writing their own. Most are plain loops the JIT vectorises; the few it cannot (a data-dependent
 * choice, 64-bit random numbers) have a Vector API twin in {@link VectorOps} that gives the same
 * bits, used when the current {@link Compute} uses the vector kernel. Large arrays are split over the
 * {@link Parallel} threads in contiguous chunks, so every element is computed the same way for
 * any thread count.
 *
 * <p>Conventions: matrices are row-major {@code [rows, cols]}; the output array comes last and is
 * the only one modified; an output may be the same array as an input where the formula allows.
 */
public final class Ops {
    /** Below this many elements a loop runs on the calling thread: handing it out costs more. */
    private static final int GRAIN = 32_768;
    /** The increment of SplitMix64 (2^64 divided by the golden ratio), as in {@link java.util.SplittableRandom}. */
    static final long GOLDEN = 0x9e3779b97f4a7c15L;
    /** The two multipliers of {@link java.util.SplittableRandom}'s 32-bit output function. */
    static final long MIX32_A = 0x62a9d9ed799705f5L;
    static final long MIX32_B = 0xcb24d0a5c88c35b3L;

    private Ops() {}

    /** {@link Parallel#range}, with the time counted as elementwise work by {@link Profile}. */
    private static void range(int n, int grain, Parallel.RangeBody body) {
        long t = Profile.start();
        Parallel.range(n, grain, body);
        Profile.stop(Profile.Part.ELEMENTWISE, t);
    }

    /** True when the current {@link Compute} uses the Vector API: then the loops that need it use {@link VectorOps}. */
    private static boolean vector() {
        return Compute.current().kernel() == Compute.Kernel.VECTOR;
    }

    // ---------------------------------------------------------------- row-vector broadcasts

    /** {@code z[i,j] += b[j]}: adds the bias row to every row. Modifies {@code z}. */
    public static void addRowVector(int rows, int cols, float[] b, float[] z) {
        range(rows, Math.max(1, GRAIN / cols), (from, to) -> {
            for (int i = from; i < to; i++) {
                int o = i * cols;
                for (int j = 0; j < cols; j++) {
                    z[o + j] += b[j];
                }
            }
        });
    }

    /**
     * {@code out[j] = Σ_i x[i,j]}: sums the rows (the bias gradient {@code db = Σ_batch dz}).
     * Rows are added in order 0, 1, 2, ... whatever the thread count. Modifies {@code out}.
     */
    public static void columnSums(int rows, int cols, float[] x, float[] out) {
        range(cols, 256, (from, to) -> {
            java.util.Arrays.fill(out, from, to, 0f);
            for (int i = 0; i < rows; i++) {
                int o = i * cols;
                for (int j = from; j < to; j++) {
                    out[j] += x[o + j];
                }
            }
        });
    }

    // ---------------------------------------------------------------- activations

    /** {@code y = max(0, x)}. Modifies {@code y}. */
    public static void relu(int n, float[] x, float[] y) {
        range(n, GRAIN, (from, to) -> {
            for (int i = from; i < to; i++) {
                y[i] = Math.max(0f, x[i]);
            }
        });
    }

    /** {@code dx = dy · [y > 0]}, the ReLU derivative taken from its output. Modifies {@code dx}. */
    public static void reluBackward(int n, float[] y, float[] dy, float[] dx) {
        boolean vector = vector();
        range(n, GRAIN, (from, to) -> {
            if (vector) {
                VectorOps.reluBackward(from, to, y, dy, dx);
            } else {
                reluBackwardScalar(from, to, y, dy, dx);
            }
        });
    }

    /** {@link #reluBackward} over {@code [from, to)} in plain Java. Modifies {@code dx}. */
    static void reluBackwardScalar(int from, int to, float[] y, float[] dy, float[] dx) {
        for (int i = from; i < to; i++) {
            dx[i] = y[i] > 0f ? dy[i] : 0f;
        }
    }

    /** {@code y = x > 0 ? x : αx}. Modifies {@code y}. */
    public static void leakyRelu(int n, float alpha, float[] x, float[] y) {
        range(n, GRAIN, (from, to) -> {
            for (int i = from; i < to; i++) {
                float v = x[i];
                y[i] = v > 0f ? v : alpha * v;
            }
        });
    }

    /** {@code dx = dy · (x > 0 ? 1 : α)}. Modifies {@code dx}. */
    public static void leakyReluBackward(int n, float alpha, float[] x, float[] dy, float[] dx) {
        range(n, GRAIN, (from, to) -> {
            for (int i = from; i < to; i++) {
                dx[i] = x[i] > 0f ? dy[i] : alpha * dy[i];
            }
        });
    }

    /** {@code y = 1 / (1 + e^-x)}. Modifies {@code y}. */
    public static void sigmoid(int n, float[] x, float[] y) {
        range(n, GRAIN / 8, (from, to) -> {
            for (int i = from; i < to; i++) {
                y[i] = (float) (1.0 / (1.0 + Math.exp(-x[i])));
            }
        });
    }

    /** {@code dx = dy · y(1 - y)}, the sigmoid derivative from its output. Modifies {@code dx}. */
    public static void sigmoidBackward(int n, float[] y, float[] dy, float[] dx) {
        range(n, GRAIN, (from, to) -> {
            for (int i = from; i < to; i++) {
                dx[i] = dy[i] * y[i] * (1f - y[i]);
            }
        });
    }

    /**
     * {@code y = tanh(x)}, computed as {@code 1 - 2 / (e^{2x} + 1)}: the same function, but
     * {@code Math.exp} is a fast intrinsic while {@code Math.tanh} is several times slower. The
     * form saturates cleanly: {@code e^{2x}} overflowing to infinity gives 1, underflowing to 0
     * gives -1. Modifies {@code y}.
     */
    public static void tanh(int n, float[] x, float[] y) {
        range(n, GRAIN / 8, (from, to) -> {
            for (int i = from; i < to; i++) {
                y[i] = (float) (1.0 - 2.0 / (Math.exp(2.0 * x[i]) + 1.0));
            }
        });
    }

    /** {@code dx = dy · (1 - y²)}, the tanh derivative from its output. Modifies {@code dx}. */
    public static void tanhBackward(int n, float[] y, float[] dy, float[] dx) {
        range(n, GRAIN, (from, to) -> {
            for (int i = from; i < to; i++) {
                dx[i] = dy[i] * (1f - y[i] * y[i]);
            }
        });
    }

    // ---------------------------------------------------------------- dropout

    /**
     * Inverted dropout of a {@code [rows, cols]} batch with a fresh, seeded mask:
     * <pre>
     *   mask[r,j] = u(r,j) &lt; keep ? 1/keep : 0      keep = 1 - rate
     *   y[r,j]    = x[r,j] · mask[r,j]
     * </pre>
     * where {@code u(r,j)} is the {@code j}-th {@code nextFloat()} of
     * {@code new SplittableRandom(Seeds.mix(seed, step, r))}: one generator per row, so the mask
     * is the same for any thread count. Those numbers are computed here directly
     * ({@link #uniform24}) instead of through a generator object, eight at a time with the Vector
     * API, and the comparison is done on integers: {@code u = n·2^-24 < keep} exactly when
     * {@code n < ⌈keep·2^24⌉}. Modifies {@code mask} and {@code y}.
     *
     * @param rate the probability of dropping a unit, in [0, 1)
     * @param seed the dropout layer's seed
     * @param step which mini-batch this is (a new mask every step)
     */
    public static void dropout(int rows, int cols, float rate, long seed, long step, float[] x, float[] mask,
                               float[] y) {
        float scale = dropoutScale(rate);
        long threshold = keepThreshold(rate);
        boolean vector = vector();
        range(rows, Math.max(1, GRAIN / 4 / cols), (from, to) -> {
            for (int r = from; r < to; r++) {
                long rowSeed = Seeds.mix(seed, step, r);
                if (vector) {
                    VectorOps.dropoutRow(rowSeed, r * cols, cols, threshold, scale, x, mask, y);
                } else {
                    dropoutRowScalar(rowSeed, r * cols, 0, cols, threshold, scale, x, mask, y);
                }
            }
        });
    }

    /** What dropout multiplies a kept unit by, {@code 1/(1-rate)}: every kernel that applies its mask uses this one. */
    public static float dropoutScale(float rate) {
        return 1f / (1f - rate);
    }

    /** A unit is kept when its 24-bit number {@code n} is below this: {@code n·2^-24 < 1-rate} exactly when {@code n < ⌈(1-rate)·2^24⌉}. */
    static long keepThreshold(float rate) {
        return (long) Math.ceil((1f - rate) * 16_777_216.0);
    }

    /**
     * The mask alone of {@link #dropout} with the same arguments, for a layer whose forward pass
     * did not store it ({@link FusedOps#biasReluDropout}). Modifies {@code mask}.
     */
    public static void dropoutMask(int rows, int cols, float rate, long seed, long step, float[] mask) {
        float scale = dropoutScale(rate);
        long threshold = keepThreshold(rate);
        range(rows, Math.max(1, GRAIN / 4 / cols), (from, to) -> {
            for (int r = from; r < to; r++) {
                long rowSeed = Seeds.mix(seed, step, r);
                for (int j = 0; j < cols; j++) {
                    mask[r * cols + j] = uniform24(rowSeed, j) < threshold ? scale : 0f;
                }
            }
        });
    }

    /**
     * Columns {@code [from, cols)} of one row of {@link #dropout} (the row starts at {@code o}), in
     * plain Java. Modifies {@code mask} and {@code y}.
     */
    static void dropoutRowScalar(long rowSeed, int o, int from, int cols, long threshold, float scale, float[] x,
                                 float[] mask, float[] y) {
        for (int j = from; j < cols; j++) {
            mask[o + j] = uniform24(rowSeed, j) < threshold ? scale : 0f;
            y[o + j] = x[o + j] * mask[o + j];
        }
    }

    /**
     * The {@code j}-th (0-based) {@code nextFloat()} of {@code new SplittableRandom(seed)}, times
     * 2^24: SplitMix64 (Steele, Lea and Flood 2014) steps its state by {@link #GOLDEN} and
     * scrambles it, and {@code nextFloat} keeps the top 24 of the 32 bits that
     * {@code nextInt} gives. Computing it from {@code (seed, j)} lets a loop make many at once.
     */
    static long uniform24(long seed, int j) {
        long z = seed + (j + 1) * GOLDEN;
        z = (z ^ (z >>> 33)) * MIX32_A;
        return ((z ^ (z >>> 28)) * MIX32_B) >>> 40;
    }

    // ---------------------------------------------------------------- elementwise arithmetic

    /** {@code z = x ⊙ y} (elementwise product). Modifies {@code z}. */
    public static void multiply(int n, float[] x, float[] y, float[] z) {
        range(n, GRAIN, (from, to) -> {
            for (int i = from; i < to; i++) {
                z[i] = x[i] * y[i];
            }
        });
    }

    /** {@code y = a · x}. Modifies {@code y}. */
    public static void scale(int n, float a, float[] x, float[] y) {
        range(n, GRAIN, (from, to) -> {
            for (int i = from; i < to; i++) {
                y[i] = a * x[i];
            }
        });
    }

    /** {@code y += a · x}. Modifies {@code y}. */
    public static void axpy(int n, float a, float[] x, float[] y) {
        range(n, GRAIN, (from, to) -> {
            for (int i = from; i < to; i++) {
                y[i] += a * x[i];
            }
        });
    }

    /** {@code Σ x²}, summed in double in index order. */
    public static double sumOfSquares(int n, float[] x) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (double) x[i] * x[i];
        }
        return s;
    }

    // ---------------------------------------------------------------- softmax

    /** Row softmax for prediction, when the log-sum-exp of each row is not needed; see below. */
    public static void softmaxRows(int rows, int cols, float[] z, float[] p) {
        softmaxRows(rows, cols, z, p, new double[rows]);
    }

    /**
     * Row softmax: {@code p[i,j] = exp(z[i,j] - m_i) / Σ_j exp(z[i,j] - m_i)} with
     * {@code m_i = max_j z[i,j]}. Subtracting the row maximum changes nothing mathematically and
     * keeps {@code exp} from overflowing. Also stores each row's log-sum-exp,
     * {@code lse[i] = log Σ_j exp(z[i,j])}, from which cross-entropy follows without ever taking
     * {@code log(0)}: {@code -log p[i,y] = lse[i] - z[i,y]}.
     * Modifies {@code p} (which may be {@code z}) and {@code lse}.
     */
    public static void softmaxRows(int rows, int cols, float[] z, float[] p, double[] lse) {
        range(rows, Math.max(1, GRAIN / cols / 4), (from, to) -> {
            for (int i = from; i < to; i++) {
                int o = i * cols;
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < cols; j++) {
                    max = Math.max(max, z[o + j]);
                }
                double sum = 0;
                for (int j = 0; j < cols; j++) {
                    float e = (float) Math.exp(z[o + j] - max);
                    p[o + j] = e;
                    sum += e;
                }
                float inv = (float) (1.0 / sum);
                for (int j = 0; j < cols; j++) {
                    p[o + j] *= inv;
                }
                lse[i] = max + Math.log(sum);
            }
        });
    }
}
