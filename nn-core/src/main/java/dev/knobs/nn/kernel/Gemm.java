package dev.knobs.nn.kernel;

/**
 * Matrix multiply in the three forms backpropagation needs. All matrices are row-major
 * {@code float[]}; the output {@code c} is overwritten (never accumulated into).
 *
 * <pre>
 *   ab : C = A·B     A: [m,k]  B: [k,n]  C: [m,n]   (dX = dZ·W)
 *   atb: C = Aᵀ·B    A: [k,m]  B: [k,n]  C: [m,n]   (dW = dZᵀ·X)
 *   abt: C = A·Bᵀ    A: [m,k]  B: [n,k]  C: [m,n]   (Z  = X·Wᵀ)
 * </pre>
 */
public final class Gemm {
    private Gemm() {}

    /** Which implementation runs: {@code "vector"} or {@code "scalar"}. */
    public static String implementation() {
        return "scalar";
    }

    /** C = A·B. A: [m,k], B: [k,n], C: [m,n] overwritten. */
    public static void ab(int m, int k, int n, float[] a, float[] b, float[] c) {
        Parallel.range(m, 1, (from, to) -> {
            for (int i = from; i < to; i++) {
                java.util.Arrays.fill(c, i * n, i * n + n, 0f);
                for (int p = 0; p < k; p++) {
                    float aip = a[i * k + p];
                    for (int j = 0; j < n; j++) {
                        c[i * n + j] += aip * b[p * n + j];
                    }
                }
            }
        });
    }

    /** C = Aᵀ·B. A: [k,m], B: [k,n], C: [m,n] overwritten. */
    public static void atb(int m, int k, int n, float[] a, float[] b, float[] c) {
        Parallel.range(m, 1, (from, to) -> {
            for (int i = from; i < to; i++) {
                java.util.Arrays.fill(c, i * n, i * n + n, 0f);
                for (int p = 0; p < k; p++) {
                    float api = a[p * m + i];
                    for (int j = 0; j < n; j++) {
                        c[i * n + j] += api * b[p * n + j];
                    }
                }
            }
        });
    }

    /** C = A·Bᵀ. A: [m,k], B: [n,k], C: [m,n] overwritten. */
    public static void abt(int m, int k, int n, float[] a, float[] b, float[] c) {
        Parallel.range(m, 1, (from, to) -> {
            for (int i = from; i < to; i++) {
                for (int j = 0; j < n; j++) {
                    float s = 0f;
                    for (int p = 0; p < k; p++) {
                        s += a[i * k + p] * b[j * k + p];
                    }
                    c[i * n + j] = s;
                }
            }
        });
    }
}
