package dev.knobs.nn.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The elementwise loops of {@link Ops} that the JIT compiler does not turn into SIMD code on its
 * own, written with the Vector API. Each method computes exactly what its plain-Java twin in
 * {@link Ops} computes, bit for bit; it is only faster. Loaded only when the current
 * {@link Compute} uses the vector kernel, so a JVM without the module never touches it.
 *
 * <p><b>Must equal:</b> {@link #reluBackward} equals {@code Ops.reluBackwardScalar},
 * {@link #dropoutRow} equals {@code Ops.dropoutRowScalar} (itself one {@code SplittableRandom}
 * per row), and the fused rows equal their scalar twins in {@link FusedOps}; {@code OpsTest},
 * {@code FusedOpsTest} and {@code KernelChoiceTest} hold them to it.
 */
final class VectorOps {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    /**
     * Dropout's random numbers are 64-bit, eight to a vector, and two vectors (the even and the odd
     * columns) give the mask of one 16-float vector. Only with 512-bit vectors, where that is a
     * native shape; elsewhere dropout uses the plain loop. Kept apart from the float species:
     * a second {@code FloatVector} shape in the same JVM (measured) stops the JIT compiler from
     * keeping the matrix-multiply kernel's vectors in registers.
     */
    private static final boolean WIDE = F.vectorBitSize() == 512;

    /** Created only when dropout first runs with 512-bit vectors. */
    private static final class Lanes {
        static final VectorSpecies<Long> L = LongVector.SPECIES_512;
        /** (2·lane + 1)·γ and (2·lane + 2)·γ: the generator steps of the even and odd columns of 16. */
        static final LongVector EVEN = LongVector.zero(L).addIndex(2).add(1).mul(Ops.GOLDEN);
        static final LongVector ODD = LongVector.zero(L).addIndex(2).add(2).mul(Ops.GOLDEN);
    }

    private VectorOps() {}

    /**
     * {@code dx[i] = y[i] > 0 ? dy[i] : 0} for {@code i} in {@code [from, to)}. The scalar loop is a
     * branch that goes either way at random (half the units are active), which the processor
     * keeps mispredicting; here it is a compare and a blend. Modifies {@code dx}.
     */
    static void reluBackward(int from, int to, float[] y, float[] dy, float[] dx) {
        FloatVector zero = FloatVector.zero(F);
        int i = from;
        for (int end = from + F.loopBound(to - from); i < end; i += F.length()) {
            FloatVector yv = FloatVector.fromArray(F, y, i);
            FloatVector dyv = FloatVector.fromArray(F, dy, i);
            zero.blend(dyv, yv.compare(VectorOperators.GT, 0f)).intoArray(dx, i);
        }
        Ops.reluBackwardScalar(i, to, y, dy, dx);
    }

    /**
     * One row of {@link Ops#dropout}: {@code mask[o + j] = u_j < threshold ? scale : 0} and
     * {@code y[o + j] = x[o + j] · mask[o + j]} for {@code j < cols}, where {@code u_j} is the 24-bit
     * number {@link Ops#uniform24} gives for {@code (rowSeed, j)}. Sixteen numbers are made at once,
     * in two vectors of eight 64-bit lanes; {@code (u - threshold) >> 63} is all ones where
     * {@code u < threshold}, and AND-ing it with the bits of {@code scale} gives the mask value
     * without a branch.
     * Modifies {@code mask} and {@code y}.
     */
    static void dropoutRow(long rowSeed, int o, int cols, long threshold, float scale, float[] x, float[] mask,
                           float[] y) {
        if (!WIDE) {
            Ops.dropoutRowScalar(rowSeed, o, 0, cols, threshold, scale, x, mask, y);
            return;
        }
        long scaleBits = Float.floatToRawIntBits(scale) & 0xffffffffL;
        int j = 0;
        for (int end = F.loopBound(cols); j < end; j += F.length()) {
            long base = rowSeed + j * Ops.GOLDEN;
            LongVector even = keepBits(Lanes.EVEN.add(base), threshold, scaleBits);
            LongVector odd = keepBits(Lanes.ODD.add(base), threshold, scaleBits);
            // Little-endian: float 2l is the low half of long l, float 2l + 1 the high half.
            FloatVector m = even.or(odd.lanewise(VectorOperators.LSHL, 32)).reinterpretAsFloats();
            m.intoArray(mask, o + j);
            FloatVector.fromArray(F, x, o + j).mul(m).intoArray(y, o + j);
        }
        Ops.dropoutRowScalar(rowSeed, o, j, cols, threshold, scale, x, mask, y);
    }

    /** One row of {@link FusedOps#biasRelu}: {@code z += b}, {@code relu = max(0, z)}. Modifies {@code z} and {@code relu}. */
    static void biasReluRow(int o, int cols, float[] b, float[] z, float[] relu) {
        FloatVector zero = FloatVector.zero(F);
        int j = 0;
        for (int end = F.loopBound(cols); j < end; j += F.length()) {
            FloatVector zv = FloatVector.fromArray(F, z, o + j).add(FloatVector.fromArray(F, b, j));
            zv.intoArray(z, o + j);
            zero.lanewise(VectorOperators.MAX, zv).intoArray(relu, o + j);
        }
        FusedOps.biasReluRowScalar(o, j, cols, b, z, relu);
    }

    /**
     * One row of {@link FusedOps#biasReluDropout}: {@code z += b}, and {@code y = max(0, z) · mask}
     * with the mask of {@link #dropoutRow}, sixteen columns at a time while they are in registers.
     * Modifies {@code z} and {@code y}.
     */
    static void biasReluDropoutRow(int o, int cols, float[] b, float[] z, long rowSeed, long threshold, float scale,
                                   float[] y) {
        if (!WIDE) {
            FusedOps.biasReluDropoutRowScalar(o, 0, cols, b, z, rowSeed, threshold, scale, y);
            return;
        }
        long scaleBits = Float.floatToRawIntBits(scale) & 0xffffffffL;
        FloatVector zero = FloatVector.zero(F);
        int j = 0;
        for (int end = F.loopBound(cols); j < end; j += F.length()) {
            FloatVector zv = FloatVector.fromArray(F, z, o + j).add(FloatVector.fromArray(F, b, j));
            zv.intoArray(z, o + j);
            long base = rowSeed + j * Ops.GOLDEN;
            LongVector even = keepBits(Lanes.EVEN.add(base), threshold, scaleBits);
            LongVector odd = keepBits(Lanes.ODD.add(base), threshold, scaleBits);
            FloatVector m = even.or(odd.lanewise(VectorOperators.LSHL, 32)).reinterpretAsFloats();
            zero.lanewise(VectorOperators.MAX, zv).mul(m).intoArray(y, o + j);
        }
        FusedOps.biasReluDropoutRowScalar(o, j, cols, b, z, rowSeed, threshold, scale, y);
    }

    /**
     * Columns {@code [from, to)} of {@link FusedOps#dropoutReluBackward}: row by row,
     * {@code dz = out > 0 ? dy · scale : 0} and {@code db += dz}, sixteen columns at a time.
     * Modifies {@code dz} and {@code db}.
     *
     * <p>Row by row, not a strip of sixteen columns down all the rows: each row's part of the band
     * is read in one sweep, where going down a strip touched a new line 4 KB away at every step,
     * which the hardware prefetcher does not follow (128 x 1024 alone on one core: 24 µs against
     * 87 to 114 before, measured; inside training, where the arrays come from the other core or
     * from memory, no difference could be measured). {@code db}'s band stays in the level-1 cache;
     * each column still sums its rows in order 0, 1, ..., so the bits are the same.
     */
    static void dropoutReluBackward(int rows, int cols, int from, int to, float[] dy, float scale, float[] out,
                                    float[] dz, float[] db) {
        FloatVector zero = FloatVector.zero(F);
        int end = from + F.loopBound(to - from);
        java.util.Arrays.fill(db, from, end, 0f);
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            for (int j = from; j < end; j += F.length()) {
                int i = o + j;
                FloatVector d = FloatVector.fromArray(F, dy, i).mul(scale);
                FloatVector v = zero.blend(d, FloatVector.fromArray(F, out, i).compare(VectorOperators.GT, 0f));
                v.intoArray(dz, i);
                FloatVector.fromArray(F, db, j).add(v).intoArray(db, j);
            }
        }
        FusedOps.dropoutReluBackwardScalar(rows, cols, end, to, dy, scale, out, dz, db);
    }

    /** {@link Ops#uniform24} of each lane's generator state {@code z}, then {@code scaleBits} where it is below {@code threshold}, else 0. */
    private static LongVector keepBits(LongVector z, long threshold, long scaleBits) {
        z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 33)).mul(Ops.MIX32_A);
        z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 28)).mul(Ops.MIX32_B);
        LongVector u = z.lanewise(VectorOperators.LSHR, 40);
        return u.sub(threshold).lanewise(VectorOperators.ASHR, 63).and(scaleBits);
    }
}
