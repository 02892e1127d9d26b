package dev.knobs.nn.kernel;

/**
 * The matrix multiply as a textbook triple loop: read this first, then {@link Gemm}.
 *
 * <pre>
 *   for every row i of C and column j of C:
 *       c = 0
 *       for p = 0, 1, ..., k-1:          c = fma(A(i,p), B(p,j), c)      (one rounding per step)
 *       C(i,j) = c
 * </pre>
 *
 * <p>The three forms differ only in where A(i,p) and B(p,j) sit in memory (see {@link Gemm}).
 * This is the definition the fast kernels are held to: {@link Gemm}'s blocked, packed, threaded
 * product computes every element as the same chain of fused multiply-adds in increasing p, so it
 * must equal these loops bit for bit, for every shape and thread count (tested). About 6 GFLOP/s
 * on one core, against about 90 for {@link Gemm}: the difference is all in how often each number
 * is fetched from memory, which {@link Gemm}'s Javadoc explains.
 */
public final class Reference {
    private Reference() {}

    /** C = A·B with A: [m,k], B: [k,n], C: [m,n]. Modifies only {@code c}. */
    public static void ab(int m, int k, int n, float[] a, float[] b, float[] c) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    sum = Math.fma(a[i * k + p], b[p * n + j], sum);
                }
                c[i * n + j] = sum;
            }
        }
    }

    /** C = Aᵀ·B with A stored [k,m], B: [k,n], C: [m,n]. Modifies only {@code c}. */
    public static void atb(int m, int k, int n, float[] a, float[] b, float[] c) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    sum = Math.fma(a[p * m + i], b[p * n + j], sum);
                }
                c[i * n + j] = sum;
            }
        }
    }

    /** C = A·Bᵀ with A: [m,k], B stored [n,k], C: [m,n]. Modifies only {@code c}. */
    public static void abt(int m, int k, int n, float[] a, float[] b, float[] c) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    sum = Math.fma(a[i * k + p], b[j * k + p], sum);
                }
                c[i * n + j] = sum;
            }
        }
    }
}
