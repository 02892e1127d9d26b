package dev.knobs.nn.kernel;

/**
 * The innermost loop of {@link Gemm}: multiplies one packed panel of A by one packed panel of B
 * into an {@link #ROWS}{@code  x (vectors * lanes())} tile of C that stays in registers.
 *
 * <p>Packed layouts (see {@link GemmDriver}): A panel {@code ap[aOff + p * ROWS + r] = A(r, p)},
 * B panel {@code bp[bOff + p * width + j] = B(p, j)} with {@code width = vectors * lanes()}; or B
 * read where it is stored, by rows {@code ldb} apart ({@link #tile}'s {@code ldb}).
 *
 * <p>Every output element is computed as the same chain of fused multiply-adds in increasing
 * {@code p}, {@code c = fma(A(r,p), B(p,j), c)}, starting from 0 or from the value already in C.
 * All implementations follow that rule, so they give bit-identical results for any tiling.
 */
interface MicroKernel {
    /** Rows of C in one tile (the height of a packed A panel). */
    int ROWS = 8;
    /** Floats per vector: columns of C are handled in groups of this many. */
    int lanes();

    /** Most vectors across one tile, 1 to 3: the width of a packed B panel, in vectors. */
    int maxVectors();

    /** "vector" or "scalar", as reported by {@link Gemm#implementation()}. */
    String name();

    /**
     * Tile update {@code C[r, j] (+)= sum over p < kc of A(r, p) * B(p, j)} for {@code r < ROWS},
     * {@code j < vectors * lanes()}.
     *
     * @param kc         depth of the panels
     * @param ap         packed A panel, read only
     * @param bp         B, read only: {@code B(p, j) = bp[bOff + p * ldb + j]}
     * @param ldb        B's row stride: the panel's width for a packed panel, or the row length
     *                   of a B stored by rows and read where it is ({@code Gemm.ab}'s weights)
     * @param vectors    tile width in vectors, 1 to {@link #maxVectors()}
     * @param c          output, modified: row r of the tile starts at {@code cOff + r * ldc}
     * @param accumulate false: overwrite the tile; true: add to what it holds
     */
    void tile(int kc, float[] ap, int aOff, float[] bp, int bOff, int ldb, int vectors,
              float[] c, int cOff, int ldc, boolean accumulate);

    /**
     * {@link #tile} with A read where it is stored, not packed: row {@code r} of the panel is
     * {@code a[aOff + r * lda ...]}, so {@code A(r, p) = a[aOff + r * lda + p]}. For a product whose
     * A panels each serve few tiles (the output layer's forward product, one column panel wide;
     * the forward product of a layer computed as Cᵀ = W·Xᵀ, whose A is the weight matrix), packing
     * A would move all of it for little arithmetic. The same chain of fused multiply-adds per
     * element as {@link #tile}.
     */
    void tileUnpackedA(int kc, float[] a, int aOff, int lda, float[] bp, int bOff, int vectors,
                       float[] c, int cOff, int ldc, boolean accumulate);

    /**
     * Writes a tile transposed: {@code c[cOff + j * ldc + r] = t[r * width + j]} for
     * {@code r < rows}, {@code j < cols}. For products computed as Cᵀ (see
     * {@code GemmDriver.transposedProduct}): the tile of Cᵀ, {@code rows x cols} ({@code rows} up
     * to 16) in the scratch {@code t}, becomes {@code cols x rows} of C. By default one float at a
     * time ({@code GemmDriver.storeTransposedScalar}).
     */
    default void storeTransposed(float[] t, int width, int rows, int cols, float[] c, int cOff, int ldc) {
        GemmDriver.storeTransposedScalar(t, width, rows, 0, cols, c, cOff, ldc);
    }

    /**
     * The momentum update of {@code len} weights from {@code off}, for {@link Gemm#atbMomentum}:
     * {@code v[i] = mu·v[i] + g[i]; w[i] = w[i] - lr·v[i]}, each product and sum rounded on its
     * own, exactly as {@code Momentum.step} computes it. Modifies {@code v} and {@code w}.
     */
    default void momentum(float[] g, float[] w, float[] v, int off, int len, float mu, float lr) {
        for (int i = off; i < off + len; i++) {
            v[i] = mu * v[i] + g[i];
            w[i] -= lr * v[i];
        }
    }

    /**
     * The packing step of {@code abt}, where B is stored [n,k] and must be transposed:
     * {@code bp[off + p * width + j] = b[(j0 + j) * k + p0 + p]} for {@code j < cols}, {@code p < kc}.
     * Leaves columns {@code cols..width-1} alone. By default one float at a time.
     *
     * @param b  B stored [n,k], read only
     * @param bp the panel, modified
     */
    default void packTransposed(float[] b, int k, int j0, int cols, int p0, int kc, float[] bp, int off, int width) {
        GemmDriver.transposeScalar(b, k, j0, 0, cols, p0, 0, kc, bp, off, width);
    }

    /**
     * The packing step of {@code ab} and {@code atb}, where B is stored [k,n]: a segment of
     * {@code cols} floats of each of {@code kc} rows, {@code bp[off + p * width + j] = b[from + p * n
     * + j]} for {@code j < cols}, {@code p < kc}. Leaves columns {@code cols..width-1} alone. By
     * default one {@code System.arraycopy} per row.
     *
     * @param b  B stored [k,n], read only
     * @param bp the panel, modified
     */
    default void packRows(float[] b, int from, int n, int kc, int cols, float[] bp, int off, int width) {
        for (int p = 0; p < kc; p++) {
            System.arraycopy(b, from + p * n, bp, off + p * width, cols);
        }
    }
}
