package dev.knobs.nn.kernel;

import dev.knobs.nn.kernel.GemmDriver.Form;
import java.util.Locale;

/**
 * Matrix multiply in the three forms backpropagation needs. All matrices are row-major
 * {@code float[]}; the output {@code c} is overwritten (never accumulated into); {@code a} and
 * {@code b} are only read.
 *
 * <pre>
 *   ab : C = A·B     A: [m,k]  B: [k,n]  C: [m,n]   (dX = dZ·W)
 *   atb: C = Aᵀ·B    A: [k,m]  B: [k,n]  C: [m,n]   (dW = dZᵀ·X)
 *   abt: C = A·Bᵀ    A: [m,k]  B: [n,k]  C: [m,n]   (Z  = X·Wᵀ)
 * </pre>
 *
 * In each form {@code C(i,j) = sum over p of A(i,p)·B(p,j)} for the <em>math</em> matrices; the
 * forms differ only in how A and B sit in memory. Arrays may be longer than needed (only the first
 * {@code m*k}, {@code k*n}, {@code m*n} floats are used), so a buffer sized for a full mini-batch
 * also serves a smaller last one.
 *
 * <h2>Why this class is long</h2>
 * This is the one place of hand-optimised code in the project: training spends most of its time
 * here. On one AMD Zen 4 core with AVX-512, a textbook triple loop reaches about 6 GFLOP/s; this
 * one about 85, out of a peak near 115, by following the scheme of Goto and van de Geijn, "Anatomy of
 * High-Performance Matrix Multiplication" (ACM TOMS, 2008), as organised in BLIS (Van Zee and van
 * de Geijn, 2015). The idea: a CPU multiplies far faster than it fetches from memory, so each
 * number fetched must be used many times while it is close (in a register or a cache).
 *
 * <pre>
 *                                 B panel (kc x 48): row p = 48 adjacent floats = 3 vectors
 *                                 +---------------+---------------+---------------+
 *                             p=0 | b0            | b1            | b2            |
 *                             p=1 |               |               |               |
 *                             ... |               |               |               |
 *                                 +---------------+---------------+---------------+
 *  A panel (8 x kc):              C tile (8 x 48) held in 24 vector registers
 *  column p = 8 adjacent floats   +---------------+---------------+---------------+
 *  +---------------------+  row 0 | c00           | c01           | c02           |
 *  | A(0,0) A(0,1) ...   |  row 1 | c10           | c11           | c12           |
 *  | A(1,0) A(1,1) ...   |   ...  |               |               |               |
 *  | ...                 |  row 7 | c70           | c71           | c72           |
 *  | A(7,0) A(7,1) ...   |        +---------------+---------------+---------------+
 *  +---------------------+
 *
 *  for p = 0 .. kc-1:                          one rank-1 update per step
 *      b0, b1, b2 = row p of the B panel       3 vector loads
 *      for r = 0 .. 7:
 *          x = A(r, p) in every lane           1 broadcast
 *          cr0 += x*b0;  cr1 += x*b1;  cr2 += x*b2    3 fused multiply-adds
 * </pre>
 *
 * <ol>
 *   <li><b>Register tile (the micro-kernel).</b> An 8 x 48 tile of C lives in 24 vector
 *       registers for the whole sum over p. Per step p it loads 3 vectors of B and 8 numbers of A
 *       and does 24 fused multiply-adds: every B vector is used 8 times, every A number 3 times,
 *       and C is read and written once per block instead of once per product. See
 *       {@link VectorMicroKernel}.</li>
 *   <li><b>Packing.</b> Before the tiles run, a block of A is copied into panels of 8 rows
 *       (column p as 8 adjacent floats) and a block of B into a panel of 48 columns (row p as 48
 *       adjacent floats). The micro-kernel then reads both strictly in order, one cache line after
 *       the next, whatever the form: {@code ab}, {@code atb} and {@code abt} differ only in how
 *       they pack (for {@code abt} packing B is a transpose, done 16 x 16 floats at a time in
 *       registers). Panels are padded with zeros, so edges (n not a multiple of 48, m not a
 *       multiple of 8, any k) need no special arithmetic; edge tiles go through a small scratch
 *       tile.</li>
 *   <li><b>Blocking k.</b> The sum over p is cut into blocks of at most {@code KC = 512}. A packed
 *       B panel (512 x 48 floats = 96 KB) then stays in the level-2 cache while every row panel of
 *       the A block (at most 4 MB, all depths; read one 8-row panel at a time, in order) multiplies
 *       it.</li>
 *   <li><b>Threads.</b> Each A block is packed once, its panels shared out between threads;
 *       then the column panels of C are handed out as tasks, and each thread packs the B panel of
 *       its task into its own reusable buffer and runs the tiles below it, one depth block after
 *       the other. So threads wait for each other only twice per A block, not twice per depth
 *       block. Tasks are claimed as
 *       threads become free, so a thread slowed down by another program simply takes fewer. The
 *       sum over p is never split between threads, so every element of C is one chain of fused
 *       multiply-adds in increasing p, whatever the thread count: results are bit-identical for
 *       1, 2 or 16 threads.</li>
 * </ol>
 *
 * The loops, outermost first (see {@link GemmDriver}):
 *
 * <pre>
 *   1. for each block of rows of A and C         (an A block is at most 4 MB)
 *   2.   pack the A block into 8-row panels, every depth block   one task per panel
 *   3.   for each panel of 48 columns of C:                      one task per panel (for narrow C:
 *   4.     for each block of depths p (KC = 512):  pack B          per panel and group of rows)
 *   5.       for each panel of 8 rows:             micro-kernel
 *              C tile (+)= A panel · B panel
 * </pre>
 *
 * {@link #atbMomentum} on a tall C of one depth block goes by rows instead: A and every B panel
 * packed first, then tasks of whole 8-row panels of C, each swept left to right and its weights
 * updated in one pass (see {@code GemmDriver.updateByRows} for why). A product at most one
 * vector wide with A stored by rows (the output layer's forward product, 10 columns) packs only
 * B: each A panel would serve a single tile, so its tiles read A where it is stored
 * ({@code GemmDriver.oneColumnPanel}). Likewise a C of at most 16 rows (the output layer's
 * weight gradient, 10 rows) reads B where it is stored when B is stored by rows ({@code ab},
 * {@code atb}): each B panel would serve only two tiles ({@code GemmDriver.tiles}). And
 * {@code abt} with fewer rows in A than in B (a layer's forward product, X·Wᵀ: 128 images,
 * 1,024 rows of weights) runs as its transpose, Cᵀ = B·Aᵀ: the
 * weights are then the operand read where they are stored, and only the batch is packed
 * ({@code GemmDriver.transposedProduct}); the tiles of Cᵀ go to C through a 16 x 16 transpose.
 *
 * <h2>Two implementations</h2>
 * The micro-kernel uses the Vector API ({@code jdk.incubator.vector}, run Java with
 * {@code --add-modules=jdk.incubator.vector}). Without that module, or in a
 * {@link Compute} with the scalar kernel, a plain-Java micro-kernel ({@link ScalarMicroKernel},
 * about 14 GFLOP/s per core) runs instead and the Vector API classes are never loaded. Both compute
 * each element as the same FMA chain, so they agree bit for bit, and bit for bit with the textbook
 * triple loop of {@link Reference}. {@link #implementation()} says which one is in use.
 */
public final class Gemm {
    private static final MicroKernel SCALAR = new ScalarMicroKernel();
    /** {@link #atbMomentum}'s name in {@link Profile#products}. */
    private static final String ATB_MOMENTUM = Form.ATB.label + "+momentum";

    private Gemm() {}

    /**
     * C = A·B. Modifies only {@code c}.
     *
     * @param m rows of C (and of A)
     * @param k the shared dimension summed over
     * @param n columns of C (and of B)
     * @param a A: [m,k], read only
     * @param b B: [k,n], read only
     * @param c C: [m,n], overwritten
     * @throws IllegalArgumentException if a size is negative, an array is too short, or c is a or b
     */
    public static void ab(int m, int k, int n, float[] a, float[] b, float[] c) {
        multiply(Compute.current().microKernel(), Form.AB, m, k, n, a, b, c);
    }

    /**
     * C = Aᵀ·B. Modifies only {@code c}.
     *
     * @param m rows of C (columns of the stored a)
     * @param k the shared dimension summed over
     * @param n columns of C (and of B)
     * @param a A stored transposed: [k,m], read only
     * @param b B: [k,n], read only
     * @param c C: [m,n], overwritten
     * @throws IllegalArgumentException if a size is negative, an array is too short, or c is a or b
     */
    public static void atb(int m, int k, int n, float[] a, float[] b, float[] c) {
        multiply(Compute.current().microKernel(), Form.ATB, m, k, n, a, b, c);
    }

    /**
     * The weight gradient and a momentum step on the weights in one pass: {@code g = Aᵀ·B} as
     * {@link #atb}, and as each row panel of {@code g} is finished (each tile, when {@code g} is
     * short or k deep), while it is still in the caches, {@code v = mu·v + g; w = w - lr·v} on its
     * elements. Saves the optimiser's separate pass, which read {@code g} back from memory. The
     * update's own reads and writes of {@code w} and {@code v} go to main memory; whole rows at a
     * time they cost about half as much as tile by tile (measured on the big network's layers).
     *
     * <p><b>Must equal</b>, bit for bit: {@code atb(m, k, n, a, b, g)} followed by
     * {@code Momentum.step}'s loop {@code v[i] = mu * v[i] + g[i]; w[i] -= lr * v[i]} over the
     * first {@code m*n} elements ({@code GemmTest} checks it). {@code g} still receives the gradient.
     *
     * @param g the gradient, overwritten; {@code w} and {@code v} ({@code [m,n]}, not {@code a} or
     *          {@code b}) are updated
     */
    public static void atbMomentum(int m, int k, int n, float[] a, float[] b, float[] g, float[] w, float[] v,
                                   float mu, float lr) {
        check(Form.ATB, m, k, n, a, b, g);
        checkLength(Form.ATB, m, k, n, "w", w, (long) m * n, "m*n");
        checkLength(Form.ATB, m, k, n, "v", v, (long) m * n, "m*n");
        long t = Profile.start();
        GemmDriver.multiply(Compute.current().microKernel(), Form.ATB, m, k, n, a, b, g,
                new GemmDriver.Momentum(w, v, mu, lr));
        Profile.stopProduct(ATB_MOMENTUM, m, k, n, t);
    }

    /**
     * C = A·Bᵀ. Modifies only {@code c}.
     *
     * @param m rows of C (and of A)
     * @param k the shared dimension summed over
     * @param n columns of C (rows of the stored b)
     * @param a A: [m,k], read only
     * @param b B stored transposed: [n,k], read only
     * @param c C: [m,n], overwritten
     * @throws IllegalArgumentException if a size is negative, an array is too short, or c is a or b
     */
    public static void abt(int m, int k, int n, float[] a, float[] b, float[] c) {
        multiply(Compute.current().microKernel(), Form.ABT, m, k, n, a, b, c);
    }

    /**
     * The implementation the current {@link Compute} uses.
     *
     * @return "vector" (Vector API micro-kernel) or "scalar" (plain-Java fallback)
     */
    public static String implementation() {
        return Compute.current().kernel().label();
    }

    /** The plain-Java kernel (always available). For tests that compare implementations. */
    static MicroKernel scalarKernel() {
        return SCALAR;
    }

    /** The Vector API kernel, or null if the module is absent. For tests that compare implementations. */
    static MicroKernel vectorKernelOrNull() {
        return VectorHolder.KERNEL;
    }

    /** Validates the arguments, then multiplies with the given kernel. */
    static void multiply(MicroKernel kernel, Form form, int m, int k, int n, float[] a, float[] b, float[] c) {
        check(form, m, k, n, a, b, c);
        long t = Profile.start();
        GemmDriver.multiply(kernel, form, m, k, n, a, b, c);
        Profile.stopProduct(form.label, m, k, n, t);
    }

    private static void check(Form form, int m, int k, int n, float[] a, float[] b, float[] c) {
        if (m < 0 || k < 0 || n < 0) {
            throw new IllegalArgumentException(where(form, m, k, n) + ": sizes must not be negative");
        }
        if (a == null || b == null || c == null) {
            throw new NullPointerException(where(form, m, k, n) + ": " + (a == null ? "a" : b == null ? "b" : "c")
                    + " is null");
        }
        checkLength(form, m, k, n, "a", a, (long) m * k, "m*k");
        checkLength(form, m, k, n, "b", b, (long) k * n, form == Form.ABT ? "n*k" : "k*n");
        checkLength(form, m, k, n, "c", c, (long) m * n, "m*n");
        if (c == a || c == b) {
            throw new IllegalArgumentException(where(form, m, k, n)
                    + ": c must be a different array from a and b (the output would overwrite an input)");
        }
    }

    private static void checkLength(Form form, int m, int k, int n, String name, float[] x, long needed,
                                    String formula) {
        if (x.length < needed) {
            throw new IllegalArgumentException(where(form, m, k, n) + ": " + name + " has " + x.length
                    + " floats but needs at least " + formula + " = " + needed);
        }
    }

    /** For example {@code Gemm.abt (C = A·Bᵀ, A: [m,k], B: [n,k], C: [m,n]) with m=128, k=784, n=10}. */
    private static String where(Form form, int m, int k, int n) {
        return "Gemm." + form.label + " (" + form.math + ", " + form.aShape + ", " + form.bShape
                + ", C: [m,n]) with m=" + m + ", k=" + k + ", n=" + n;
    }

    /** Creates the Vector API kernel on first use only, so a scalar run never loads those classes. */
    private static final class VectorHolder {
        static final MicroKernel KERNEL = Compute.vectorAvailable() ? new VectorMicroKernel() : null;
    }
}
