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
     * The forward pass after {@code z = x·Wᵀ}, for {@code z: [rows, cols]}:
     * <pre>
     *   z[r,j]    = z[r,j] + b[j]                     Ops.addRowVector   (Dense's output)
     *   relu[r,j] = max(0, z[r,j])                    Ops.relu           (ReLU's output)
     *   mask, y   = dropout of relu                   Ops.dropout(rows, cols, rate, seed, step, relu, mask, y)
     * </pre>
     * The dropout step runs only when {@code mask != null}. Modifies {@code z}, {@code relu} and,
     * with dropout, {@code mask} and {@code y}.
     */
    public static void biasReluDropout(int rows, int cols, float[] b, float[] z, float[] relu, float rate, long seed,
                                       long step, float[] mask, float[] y) {
        long t = Profile.start();
        boolean vector = Compute.current().kernel() == Compute.Kernel.VECTOR;
        float keep = 1f - rate;
        float scale = 1f / keep;
        long threshold = (long) Math.ceil(keep * 16_777_216.0);
        Parallel.range(rows, Math.max(1, GRAIN / 4 / cols), (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * cols;
                long rowSeed = mask == null ? 0 : Seeds.mix(seed, step, r);
                if (vector) {
                    VectorOps.biasReluDropoutRow(o, cols, b, z, relu, rowSeed, threshold, scale, mask, y);
                } else {
                    biasReluDropoutRowScalar(o, 0, cols, b, z, relu, rowSeed, threshold, scale, mask, y);
                }
            }
        });
        Profile.stop(Profile.Part.ELEMENTWISE, t);
    }

    /** Columns {@code [from, cols)} of one row (starting at {@code o}) of {@link #biasReluDropout}, in plain Java. */
    static void biasReluDropoutRowScalar(int o, int from, int cols, float[] b, float[] z, float[] relu, long rowSeed,
                                         long threshold, float scale, float[] mask, float[] y) {
        for (int j = from; j < cols; j++) {
            z[o + j] += b[j];
            relu[o + j] = Math.max(0f, z[o + j]);
        }
        if (mask != null) {
            Ops.dropoutRowScalar(rowSeed, o, from, cols, threshold, scale, relu, mask, y);
        }
    }

    /**
     * The backward pass into a hidden layer's matrix multiplies, for {@code [rows, cols]} arrays:
     * <pre>
     *   d[r,j]  = dy[r,j] · mask[r,j]                 Ops.multiply       (Dropout, when mask != null)
     *   dz[r,j] = relu[r,j] > 0 ? d[r,j] : 0          Ops.reluBackward   (ReLU, from its output)
     *   db[j]   = Σ_r dz[r,j], rows in order 0, 1, …  Ops.columnSums     (Dense's bias gradient)
     * </pre>
     * Each thread takes a band of columns through all rows, so the sums run over the rows in the
     * same order as {@code columnSums}. Modifies {@code dz} and {@code db}.
     */
    public static void dropoutReluBackward(int rows, int cols, float[] dy, float[] mask, float[] relu, float[] dz,
                                           float[] db) {
        long t = Profile.start();
        boolean vector = Compute.current().kernel() == Compute.Kernel.VECTOR;
        Parallel.range(cols, Math.max(256, GRAIN / Math.max(1, rows)), (from, to) -> {
            if (vector) {
                VectorOps.dropoutReluBackward(rows, cols, from, to, dy, mask, relu, dz, db);
            } else {
                dropoutReluBackwardScalar(rows, cols, from, to, dy, mask, relu, dz, db);
            }
        });
        Profile.stop(Profile.Part.ELEMENTWISE, t);
    }

    /** Columns {@code [from, to)} of {@link #dropoutReluBackward}, in plain Java. */
    static void dropoutReluBackwardScalar(int rows, int cols, int from, int to, float[] dy, float[] mask, float[] relu,
                                          float[] dz, float[] db) {
        java.util.Arrays.fill(db, from, to, 0f);
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            for (int j = from; j < to; j++) {
                float d = mask == null ? dy[o + j] : dy[o + j] * mask[o + j];
                dz[o + j] = relu[o + j] > 0f ? d : 0f;
                db[j] += dz[o + j];
            }
        }
    }
}
