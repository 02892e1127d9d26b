package dev.knobs.nn.kernel;

import dev.knobs.nn.random.Seeds;

/**
 * Kernels that do in one pass over a hidden layer what the plain layers do in several: the
 * elementwise work around the matrix multiply of {@code Dense → ReLU → Dropout}. Each pass over
 * a {@code [batch, width]} array reads and writes it through the caches, and each kernel call
 * hands work to the threads and waits for them; one pass instead of three saves both.
 *
 * <p><b>Must equal:</b> each kernel computes exactly, bit for bit, the plain sequence its Javadoc
 * names ({@code FusedOpsTest} holds it to that, with both kernels, on odd shapes); only the order of
 * the loops changes, never an operation on a number. The layers call them through
 * {@code Sequential}, which uses them only for the library's own {@code Dense}, {@code ReLU} and
 * {@code Dropout} in that order; any other layer runs its own code.
 */
public final class FusedOps {
    /** Below this many elements a pass runs on the calling thread, as in {@link Ops}. */
    private static final int GRAIN = 32_768;

    private FusedOps() {}

    /**
     * The forward pass after {@code z = x·Wᵀ}, for {@code z: [rows, cols]}, without dropout:
     * <pre>
     *   z[r,j]    = z[r,j] + b[j]                     Ops.addRowVector   (Dense's output)
     *   relu[r,j] = max(0, z[r,j])                    Ops.relu           (ReLU's output)
     * </pre>
     * Modifies {@code z} and {@code relu}.
     */
    public static void biasRelu(int rows, int cols, float[] b, float[] z, float[] relu) {
        long t = Profile.start();
        boolean vector = Compute.current().kernel() == Compute.Kernel.VECTOR;
        Parallel.range(rows, Math.max(1, GRAIN / 4 / cols), (from, to) -> {
            for (int r = from; r < to; r++) {
                if (vector) {
                    VectorOps.biasReluRow(r * cols, cols, b, z, relu);
                } else {
                    biasReluRowScalar(r * cols, 0, cols, b, z, relu);
                }
            }
        });
        Profile.stop(Profile.Part.ELEMENTWISE, t);
    }

    /** Columns {@code [from, cols)} of one row (starting at {@code o}) of {@link #biasRelu}, in plain Java. */
    static void biasReluRowScalar(int o, int from, int cols, float[] b, float[] z, float[] relu) {
        for (int j = from; j < cols; j++) {
            z[o + j] += b[j];
            relu[o + j] = Math.max(0f, z[o + j]);
        }
    }

    /**
     * The forward pass after {@code z = x·Wᵀ}, for {@code z: [rows, cols]}, with dropout:
     * <pre>
     *   z[r,j]    = z[r,j] + b[j]                     Ops.addRowVector   (Dense's output)
     *   relu[r,j] = max(0, z[r,j])                    Ops.relu           (ReLU's output, not stored)
     *   mask, y   = dropout of relu                   Ops.dropout(rows, cols, rate, seed, step, relu, mask, y)
     *                                                                    (the mask not stored)
     * </pre>
     * Only {@code z} and {@code y} are written: the backward pass needs neither the ReLU's output
     * nor the mask ({@link #dropoutReluBackward} reads {@code y}), and two arrays fewer to carry
     * through the caches made a training step 2 to 3% faster (measured, both benchmark networks).
     * The layers recompute them if they are asked for them. Modifies {@code z} and {@code y}.
     */
    public static void biasReluDropout(int rows, int cols, float[] b, float[] z, float rate, long seed, long step,
                                       float[] y) {
        long t = Profile.start();
        boolean vector = Compute.current().kernel() == Compute.Kernel.VECTOR;
        float scale = Ops.dropoutScale(rate);
        long threshold = Ops.keepThreshold(rate);
        Parallel.range(rows, Math.max(1, GRAIN / 4 / cols), (from, to) -> {
            for (int r = from; r < to; r++) {
                long rowSeed = Seeds.mix(seed, step, r);
                if (vector) {
                    VectorOps.biasReluDropoutRow(r * cols, cols, b, z, rowSeed, threshold, scale, y);
                } else {
                    biasReluDropoutRowScalar(r * cols, 0, cols, b, z, rowSeed, threshold, scale, y);
                }
            }
        });
        Profile.stop(Profile.Part.ELEMENTWISE, t);
    }

    /** Columns {@code [from, cols)} of one row (starting at {@code o}) of {@link #biasReluDropout}, in plain Java. */
    static void biasReluDropoutRowScalar(int o, int from, int cols, float[] b, float[] z, long rowSeed, long threshold,
                                         float scale, float[] y) {
        for (int j = from; j < cols; j++) {
            z[o + j] += b[j];
            float mask = Ops.uniform24(rowSeed, j) < threshold ? scale : 0f;
            y[o + j] = Math.max(0f, z[o + j]) * mask;
        }
    }

    /**
     * The backward pass into a hidden layer's matrix multiplies, for {@code [rows, cols]} arrays,
     * from the output {@code out} of the layers after the product (the ReLU's, or the dropout's
     * after it) and the factor {@code s} dropout multiplied the kept units by (1 without dropout):
     * <pre>
     *   dz[r,j] = out[r,j] > 0 ? dy[r,j] · s : 0      Ops.multiply(dy, mask), Ops.reluBackward(out, ·)
     *   db[j]   = Σ_r dz[r,j], rows in order 0, 1, …  Ops.columnSums     (Dense's bias gradient)
     * </pre>
     * {@code out} alone is enough: it is above 0 exactly where the unit was active and kept, where
     * the mask is {@code s}; everywhere else the gradient is 0. (The layers' own code multiplies by
     * the mask first, so where a unit was active but dropped it gives {@code dy · 0}, which is
     * {@code -0} for a negative {@code dy}; here it is {@code +0}. No sum that holds a nonzero
     * term can tell them apart.) Without dropout {@code dy · 1 = dy}, bit for bit.
     * Each thread takes a band of columns through all rows, so the sums run over the rows in the
     * same order as {@code columnSums}. Modifies {@code dz} and {@code db}.
     */
    public static void dropoutReluBackward(int rows, int cols, float[] dy, float scale, float[] out, float[] dz,
                                           float[] db) {
        long t = Profile.start();
        boolean vector = Compute.current().kernel() == Compute.Kernel.VECTOR;
        Parallel.range(cols, Math.max(256, GRAIN / Math.max(1, rows)), (from, to) -> {
            if (vector) {
                VectorOps.dropoutReluBackward(rows, cols, from, to, dy, scale, out, dz, db);
            } else {
                dropoutReluBackwardScalar(rows, cols, from, to, dy, scale, out, dz, db);
            }
        });
        Profile.stop(Profile.Part.ELEMENTWISE, t);
    }

    /** Columns {@code [from, to)} of {@link #dropoutReluBackward}, in plain Java. */
    static void dropoutReluBackwardScalar(int rows, int cols, int from, int to, float[] dy, float scale, float[] out,
                                          float[] dz, float[] db) {
        java.util.Arrays.fill(db, from, to, 0f);
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            for (int j = from; j < to; j++) {
                dz[o + j] = out[o + j] > 0f ? dy[o + j] * scale : 0f;
                db[j] += dz[o + j];
            }
        }
    }
}
