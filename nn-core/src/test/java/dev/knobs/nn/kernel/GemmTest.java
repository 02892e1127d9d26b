package dev.knobs.nn.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.knobs.nn.kernel.GemmDriver.Form;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Gemm against a hand computation, a double-precision sum within the rounding bound, and the
 * textbook loop of {@link Reference} bit for bit, in every form, for both implementations and several
 * thread counts.
 */
class GemmTest {
    private static final int[] THREAD_COUNTS = {1, 2, 3};
    /** [[1,2,3],[4,5,6]] · [[7,8],[9,10],[11,12]] = [[58,64],[139,154]], worked on paper. */
    @Test
    void twoByThreeTimesThreeByTwoByHand() {
        float[] a = {1, 2, 3, 4, 5, 6};          // A: [2,3]
        float[] at = {1, 4, 2, 5, 3, 6};         // Aᵀ stored: [3,2]
        float[] b = {7, 8, 9, 10, 11, 12};       // B: [3,2]
        float[] bt = {7, 9, 11, 8, 10, 12};      // Bᵀ stored: [2,3]
        float[] expected = {58, 64, 139, 154};
        for (Compute.Kernel kernel : kernels()) {
            float[] c = new float[4];
            multiply(kernel, 1, Form.AB, 2, 3, 2, a, b, c);
            assertArrayEquals(expected, c, kernel.label() + " ab");
            multiply(kernel, 1, Form.ATB, 2, 3, 2, at, b, c);
            assertArrayEquals(expected, c, kernel.label() + " atb");
            multiply(kernel, 1, Form.ABT, 2, 3, 2, a, bt, c);
            assertArrayEquals(expected, c, kernel.label() + " abt");
        }
        float[] r = new float[4];
        Reference.ab(2, 3, 2, a, b, r);
        assertArrayEquals(expected, r, "the textbook loop");
        float[] c = {-1, -1, -1, -1};
        Gemm.ab(2, 3, 2, a, b, c);
        assertArrayEquals(expected, c, "public ab with " + Gemm.implementation());
    }

    @Test
    void smallAndOddShapesMatchTheReference() {
        List<int[]> shapes = new ArrayList<>(List.of(
                new int[] {1, 1, 1}, new int[] {3, 5, 7}, new int[] {8, 16, 48}, new int[] {9, 17, 49},
                new int[] {7, 1, 95}, new int[] {1, 300, 1}, new int[] {17, 513, 33}, new int[] {2, 1025, 3},
                // narrow C: threads split the rows instead of the columns
                new int[] {200, 700, 20}, new int[] {1001, 50, 30},
                // one vector wide: A read unpacked (the output layer's forward product), a short last panel
                new int[] {128, 1024, 10}, new int[] {21, 1100, 16}, new int[] {13, 40, 1},
                // abt as Cᵀ = B·Aᵀ (fewer rows in A than in B): a layer's forward product; A panels of 3, 3
                // and 1 vectors, two depth blocks, a last pair of 8 rows of B; a last panel of B short of 8;
                // k so deep that each panel of A is a block of its own
                new int[] {128, 784, 1024}, new int[] {100, 600, 1000}, new int[] {33, 1030, 75},
                new int[] {100, 4000, 120},
                // as many rows in A as in B: the same transposed route (the small network's second layer)
                new int[] {128, 256, 128}, new int[] {40, 100, 40},
                // at most 16 rows: B read in place by ab and atb (the output layer's weight gradient),
                // its last panel packed when not whole vectors wide; a deep one of three depth blocks
                new int[] {10, 128, 1024}, new int[] {16, 40, 100}, new int[] {3, 1030, 64}));
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 6; i++) {
            shapes.add(new int[] {1 + random.nextInt(70), 1 + random.nextInt(600), 1 + random.nextInt(150)});
        }
        for (int[] s : shapes) {
            checkAgainstReference(s[0], s[1], s[2], random.nextLong());
        }
    }

    @Test
    void theMomentumStepRidingOnTheWeightGradientEqualsTheProductThenTheStep() {
        SplittableRandom random = new SplittableRandom(12);
        // m x k x n: the big network's hidden layer at batch 128, odd edges, k above one depth block, k = 0.
        for (int[] s : new int[][] {{1024, 128, 1024}, {10, 128, 1024}, {33, 17, 50}, {9, 1100, 49}, {5, 0, 7}}) {
            int m = s[0], k = s[1], n = s[2];
            float[] a = randomArray(random, k * m);
            float[] b = randomArray(random, k * n);
            float[] w0 = randomArray(random, m * n);
            float[] v0 = randomArray(random, m * n);
            float mu = 0.9f, lr = 0.05f;
            float[] g = new float[m * n];
            float[] w = w0.clone();
            float[] v = v0.clone();
            Reference.atb(m, k, n, a, b, g);
            for (int i = 0; i < m * n; i++) {                   // Momentum.step's loop
                v[i] = mu * v[i] + g[i];
                w[i] -= lr * v[i];
            }
            for (Compute.Kernel kernel : kernels()) {
                for (int threads : THREAD_COUNTS) {
                    float[] fg = new float[m * n];
                    float[] fw = w0.clone();
                    float[] fv = v0.clone();
                    Compute.of(threads, kernel).run(() -> Gemm.atbMomentum(m, k, n, a, b, fg, fw, fv, mu, lr));
                    String where = m + "x" + k + "x" + n + " " + kernel.label() + " " + threads + " threads";
                    assertArrayEquals(g, fg, where + ": gradient");
                    assertArrayEquals(v, fv, where + ": velocity");
                    assertArrayEquals(w, fw, where + ": weights");
                }
            }
        }
    }

    @Test
    void largeOddShapeMatchesTheReference() {
        checkAgainstReference(129, 785, 1023, 11);
    }

    /** The products a 784-256-128-10 network makes at batch 128 (forward m x in x out). */
    @Test
    void smallNetworkShapesMatchTheReference() {
        int batch = 128;
        int[] widths = {784, 256, 128, 10};
        for (int l = 0; l + 1 < widths.length; l++) {
            checkAgainstReference(batch, widths[l], widths[l + 1], l);      // Z = X·Wᵀ, dX = dZ·W sizes
            checkAgainstReference(widths[l + 1], batch, widths[l], l + 10); // dW = dZᵀ·X sizes
        }
    }

    /**
     * The two packing steps on their own, in both implementations: each packed float is the one
     * the formula names, and what lies outside the panel's columns or rows is left alone (packRows)
     * or zero (packA). Segments 1, 2 and 3 vectors wide and a ragged one; panels of 8 rows and of 5,
     * from A stored by rows ({@code ab}, {@code abt}) and by columns ({@code atb}).
     */
    @Test
    void packingCopiesExactlyThePanelItNames() {
        SplittableRandom random = new SplittableRandom(11);
        int k = 70, n = 250, kc = 9;
        float[] b = randomArray(random, k * n);
        for (MicroKernel kernel : List.of(Gemm.scalarKernel(), Gemm.vectorKernelOrNull())) {
            int lanes = kernel.lanes();
            int width = 3 * lanes;
            for (int cols : new int[] {lanes, 2 * lanes, 3 * lanes, 7}) {
                float[] bp = new float[2 + kc * width];
                Arrays.fill(bp, -1f);
                int from = 3 * n + 5;
                kernel.packRows(b, from, n, kc, cols, bp, 2, width);
                for (int p = 0; p < kc; p++) {
                    for (int j = 0; j < width; j++) {
                        float expected = j < cols ? b[from + p * n + j] : -1f;
                        assertEquals(expected, bp[2 + p * width + j], kernel.name() + " cols=" + cols + " p=" + p + " j=" + j);
                    }
                }
            }
        }
        for (int rows : new int[] {GemmDriver.ROWS, 5}) {
            float[] ap = new float[1 + kc * GemmDriver.ROWS];
            Arrays.fill(ap, -1f);
            GemmDriver.packA(Form.AB, b, k, n, 4, rows, 6, kc, ap, 1);   // A: [k,n] here, rows 4.., depths 6..
            for (int p = 0; p < kc; p++) {
                for (int r = 0; r < GemmDriver.ROWS; r++) {
                    float expected = r < rows ? b[(4 + r) * n + 6 + p] : 0f;
                    assertEquals(expected, ap[1 + p * GemmDriver.ROWS + r], "packA rows=" + rows + " p=" + p + " r=" + r);
                }
            }
            assertEquals(-1f, ap[0], "packA wrote before its panel");
            Arrays.fill(ap, -1f);
            GemmDriver.packA(Form.ATB, b, n, k, 4, rows, 6, kc, ap, 1);  // A stored [k,m] = [70,250] here
            for (int p = 0; p < kc; p++) {
                for (int r = 0; r < GemmDriver.ROWS; r++) {
                    float expected = r < rows ? b[(6 + p) * n + 4 + r] : 0f;
                    assertEquals(expected, ap[1 + p * GemmDriver.ROWS + r], "atb packA rows=" + rows + " p=" + p + " r=" + r);
                }
            }
            assertEquals(-1f, ap[0], "atb packA wrote before its panel");
        }
    }

    /** Both implementations follow the same FMA order (see MicroKernel), so they agree exactly. */
    @Test
    void implementationsAgreeBitForBit() {
        assertTrue(Compute.vectorAvailable(), "tests run with --add-modules=jdk.incubator.vector");
        SplittableRandom random = new SplittableRandom(3);
        int m = 37, k = 600, n = 101;
        float[] a = randomArray(random, m * k);
        float[] b = randomArray(random, k * n);
        for (Form form : Form.values()) {
            float[] cv = new float[m * n];
            float[] cs = new float[m * n];
            multiply(Compute.Kernel.VECTOR, 2, form, m, k, n, a, b, cv);
            multiply(Compute.Kernel.SCALAR, 2, form, m, k, n, a, b, cs);
            assertArrayEquals(cs, cv, form.label);
        }
    }

    /** Threads that multiply at the same time (one gets the workers, the others run alone) all get exact results. */
    @Test
    void concurrentCallersGetTheSameBitsAsAlone() throws InterruptedException {
        int m = 64, k = 300, n = 200;
        SplittableRandom random = new SplittableRandom(5);
        float[][] as = new float[3][];
        float[][] bs = new float[3][];
        float[][] expected = new float[3][];
        for (int t = 0; t < 3; t++) {
            as[t] = randomArray(random, m * k);
            bs[t] = randomArray(random, k * n);
            expected[t] = new float[m * n];
            Gemm.ab(m, k, n, as[t], bs[t], expected[t]);
        }
        boolean[] ok = new boolean[3];
        Thread[] callers = new Thread[3];
        for (int t = 0; t < 3; t++) {
            int caller = t;
            callers[t] = new Thread(() -> Compute.of(2).run(() -> {
                float[] c = new float[m * n];
                boolean same = true;
                for (int round = 0; round < 50; round++) {
                    Gemm.ab(m, k, n, as[caller], bs[caller], c);
                    same &= Arrays.equals(expected[caller], c);
                }
                ok[caller] = same;
            }));
            callers[t].start();
        }
        for (Thread t : callers) {
            t.join(60_000);
        }
        for (int t = 0; t < 3; t++) {
            assertTrue(ok[t], "caller " + t + " got a different result");
        }
    }

    @Test
    void zeroDepthGivesZerosAndEmptyOutputIsFine() {
        float[] c = {5, 5, 5, 5, 5, 5};
        Gemm.ab(2, 0, 3, new float[0], new float[0], c);
        assertArrayEquals(new float[6], c);
        Gemm.abt(0, 4, 3, new float[0], new float[12], new float[0]);
        Gemm.atb(3, 4, 0, new float[12], new float[0], new float[0]);
    }

    @Test
    void outputIsOverwrittenNotAccumulated() {
        float[] a = {1, 2};
        float[] b = {3, 4};
        float[] c = {100};
        Gemm.abt(1, 2, 1, a, b, c);
        assertEquals(11f, c[0]);
    }

    @Test
    void rejectsWrongLengthsWithAMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.abt(128, 784, 10, new float[128 * 783], new float[10 * 784], new float[128 * 10]));
        assertTrue(e.getMessage().contains("Gemm.abt") && e.getMessage().contains("m=128, k=784, n=10")
                && e.getMessage().contains("a has 100224 floats"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.atb(2, 3, 4, new float[6], new float[11], new float[8]));
        assertTrue(e.getMessage().contains("Gemm.atb") && e.getMessage().contains("b has 11"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.ab(2, 3, 4, new float[6], new float[12], new float[7]));
        assertTrue(e.getMessage().contains("Gemm.ab ") && e.getMessage().contains("c has 7"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.ab(-1, 3, 4, new float[6], new float[12], new float[7]));
        assertTrue(e.getMessage().contains("negative"), e.getMessage());
        float[] same = new float[4];
        e = assertThrows(IllegalArgumentException.class, () -> Gemm.ab(2, 2, 2, same, new float[4], same));
        assertTrue(e.getMessage().contains("different array"), e.getMessage());
        NullPointerException npe = assertThrows(NullPointerException.class,
                () -> Gemm.ab(1, 1, 1, null, new float[1], new float[1]));
        assertTrue(npe.getMessage().contains("a is null"), npe.getMessage());
    }

    @Test
    void reportsTheImplementationInUse() {
        assertTrue(Gemm.implementation().equals("vector") || Gemm.implementation().equals("scalar"));
    }

    // ---- shared by the tests above ----

    private static List<Compute.Kernel> kernels() {
        return Compute.vectorAvailable() ? List.of(Compute.Kernel.SCALAR, Compute.Kernel.VECTOR)
                : List.of(Compute.Kernel.SCALAR);
    }

    /** C = the product in {@code form}, through the public methods, inside a Compute of the given settings. */
    private static void multiply(Compute.Kernel kernel, int threads, Form form, int m, int k, int n, float[] a,
                                 float[] b, float[] c) {
        Compute.of(threads, kernel).run(() -> {
            switch (form) {
                case AB -> Gemm.ab(m, k, n, a, b, c);
                case ATB -> Gemm.atb(m, k, n, a, b, c);
                case ABT -> Gemm.abt(m, k, n, a, b, c);
            }
        });
    }

    /**
     * Multiplies random math matrices A [m,k] and B [k,n] in every form, with every kernel and
     * thread count, and checks each element against a double-precision reference within the
     * classical bound for a float sum of k products: |error| <= k * 2^-24 * sum_p |A(i,p) B(p,j)|.
     * Also checks that every thread count gives the same bits.
     */
    private static void checkAgainstReference(int m, int k, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] a = randomArray(random, m * k);   // A: [m,k]
        float[] b = randomArray(random, k * n);   // B: [k,n]
        double[] exact = new double[m * n];
        double[] bound = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                double abs = 0;
                for (int p = 0; p < k; p++) {
                    double prod = (double) a[i * k + p] * b[p * n + j];
                    sum += prod;
                    abs += Math.abs(prod);
                }
                exact[i * n + j] = sum;
                bound[i * n + j] = k * 0x1p-24 * abs + Float.MIN_NORMAL;
            }
        }
        float[] at = transpose(a, m, k);          // Aᵀ stored: [k,m]
        float[] bt = transpose(b, k, n);          // Bᵀ stored: [n,k]
        float[] textbook = new float[m * n];
        Reference.ab(m, k, n, a, b, textbook);
        for (Compute.Kernel kernel : kernels()) {
            for (Form form : Form.values()) {
                float[] first = null;
                for (int threads : THREAD_COUNTS) {
                    float[] c = new float[m * n];
                    Arrays.fill(c, Float.NaN);
                    multiply(kernel, threads, form, m, k, n, form == Form.ATB ? at : a, form == Form.ABT ? bt : b, c);
                    String what = kernel.label() + " " + form.label + " " + m + "x" + k + "x" + n + " threads=" + threads;
                    for (int e = 0; e < c.length; e++) {
                        if (!(Math.abs(c[e] - exact[e]) <= bound[e])) {
                            fail(what + ": C[" + e / n + "][" + e % n + "] = " + c[e] + ", expected " + exact[e]
                                    + " within " + bound[e]);
                        }
                    }
                    assertArrayEquals(textbook, c, what + " differs from the textbook loop (Reference) bit for bit");
                    if (first == null) {
                        first = c;
                    } else {
                        assertArrayEquals(first, c, what + " differs from threads=1 bit for bit");
                    }
                }
            }
        }
    }

    private static float[] transpose(float[] x, int rows, int cols) {
        float[] t = new float[x.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = x[r * cols + c];
            }
        }
        return t;
    }

    private static float[] randomArray(SplittableRandom random, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return x;
    }
}
