package dev.knobs.nn.kernel;

/**
 * The fallback {@link MicroKernel} in plain Java, used when the Vector API module is absent or
 * {@code -Dknobs.kernel=scalar} is set.
 *
 * <p>It relies on the JIT compiler to turn its innermost loop into SIMD instructions on its own
 * ("auto-vectorisation"). The Java 17 compiler does that only for simple loops over long rows
 * whose arrays it can prove do not overlap in a harmful way, so the loop is written as
 * {@code acc[j] = fma(a, row[j], acc[j])}: one accumulator row per tile row in its own array, and
 * the current row of the B panel copied to a scratch array, both indexed by the same {@code j}.
 * Written with offsets into one shared array, the same loop runs about four times slower.
 * Columns come in groups of {@value #LANES} so that rows are long enough to vectorise.
 */
final class ScalarMicroKernel implements MicroKernel {
    /** Column granularity: tiles are up to 3 x 64 = 192 columns wide. */
    private static final int LANES = 64;
    private static final int MAX_VECTORS = 3;

    /** Per-thread accumulator rows and the copied B row. */
    private static final class Scratch {
        final float[][] acc = new float[ROWS][MAX_VECTORS * LANES];
        final float[] bRow = new float[MAX_VECTORS * LANES];
        /** A panel gathered for {@link #tileUnpackedA}. */
        float[] aPanel = new float[0];
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    @Override
    public int lanes() {
        return LANES;
    }

    @Override
    public int maxVectors() {
        return MAX_VECTORS;
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void tile(int kc, float[] ap, int aOff, float[] bp, int bOff, int ldb, int vectors,
                     float[] c, int cOff, int ldc, boolean accumulate) {
        int width = vectors * LANES;
        Scratch s = SCRATCH.get();
        float[] bRow = s.bRow;
        // 1. Load the tile of C (or start from zero).
        for (int r = 0; r < ROWS; r++) {
            if (accumulate) {
                System.arraycopy(c, cOff + r * ldc, s.acc[r], 0, width);
            } else {
                java.util.Arrays.fill(s.acc[r], 0, width, 0f);
            }
        }
        // 2. One rank-1 update per p, row by row.
        for (int p = 0; p < kc; p++) {
            System.arraycopy(bp, bOff + p * ldb, bRow, 0, width);
            for (int r = 0; r < ROWS; r++) {
                float a = ap[aOff + p * ROWS + r];
                float[] acc = s.acc[r];
                for (int j = 0; j < width; j++) {
                    acc[j] = Math.fma(a, bRow[j], acc[j]);
                }
            }
        }
        // 3. Store the tile.
        for (int r = 0; r < ROWS; r++) {
            System.arraycopy(s.acc[r], 0, c, cOff + r * ldc, width);
        }
    }

    /**
     * Gathers the 8 rows of A into a packed panel, then runs {@link #tile}: in plain Java the
     * arithmetic is slow enough that the gather costs little, and the tile loop stays the one
     * that vectorises.
     */
    @Override
    public void tileUnpackedA(int kc, float[] a, int aOff, int lda, float[] bp, int bOff, int vectors,
                              float[] c, int cOff, int ldc, boolean accumulate) {
        Scratch s = SCRATCH.get();
        if (s.aPanel.length < ROWS * kc) {
            s.aPanel = new float[ROWS * kc];
        }
        // A(r, p) = a[aOff + r * lda + p]: packA's rows i0 + r = r of a matrix lda wide, from depth aOff.
        GemmDriver.packA(GemmDriver.Form.AB, a, ROWS, lda, 0, ROWS, aOff, kc, s.aPanel, 0);
        tile(kc, s.aPanel, 0, bp, bOff, vectors * LANES, vectors, c, cOff, ldc, accumulate);
    }
}
