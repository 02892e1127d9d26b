package dev.knobs.nn.kernel;

/**
 * The fallback {@link MicroKernel} in plain Java, used when the Vector API module is absent or
 * {@code -Dknobs.kernel=scalar} is set. Its inner loop runs along a contiguous row of the tile,
 * which the JIT compiler turns into SIMD instructions on its own ("auto-vectorisation"), though
 * less efficiently than {@link VectorMicroKernel}: each multiply-add here loads and stores C.
 */
final class ScalarMicroKernel implements MicroKernel {
    /** Column granularity; any value works, 16 matches the vector kernel on AVX-512. */
    private static final int LANES = 16;

    @Override
    public int lanes() {
        return LANES;
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void tile(int kc, float[] ap, int aOff, float[] bp, int bOff, int vectors,
                     float[] c, int cOff, int ldc, boolean accumulate) {
        int width = vectors * LANES;
        for (int r = 0; r < ROWS; r++) {
            int row = cOff + r * ldc;
            if (!accumulate) {
                java.util.Arrays.fill(c, row, row + width, 0f);
            }
            for (int p = 0; p < kc; p++) {
                float a = ap[aOff + p * ROWS + r];
                int b = bOff + p * width;
                for (int j = 0; j < width; j++) {
                    c[row + j] = Math.fma(a, bp[b + j], c[row + j]);
                }
            }
        }
    }
}
