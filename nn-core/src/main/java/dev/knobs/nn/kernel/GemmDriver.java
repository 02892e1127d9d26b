package dev.knobs.nn.kernel;

import java.util.Arrays;

/**
 * The blocking, packing and threading around a {@link MicroKernel}; {@link Gemm} explains the
 * scheme with a diagram. This class never touches the Vector API, so the scalar fallback can use
 * it on a JVM without the module.
 */
final class GemmDriver {
    /** Rows of C per tile and per packed A panel. */
    static final int ROWS = MicroKernel.ROWS;
    /**
     * Largest block of the shared dimension k. A packed B panel of 512 x 48 floats (96 KB) then
     * fits in the 1 MB level-2 cache next to the A block, and the tile is loaded and stored
     * only once per 512 multiply-adds.
     */
    static final int KC = 512;
    /**
     * Depths packed per pass when B must be transposed ({@code abt}): the panel rows written in one
     * pass (256 x 192 bytes) stay in the level-1 cache until all their columns are filled, while
     * each row of B is still read in long runs of 1 KB that the hardware prefetcher can follow.
     */
    static final int TRANSPOSE_BLOCK = 256;
    /** Floats in one packed block of A (512 KB, half of a 1 MB level-2 cache); sets how many rows a block spans. */
    static final int A_BLOCK_FLOATS = 128 * 1024;
    /** Products smaller than this many multiply-adds run in the calling thread: waking workers would cost more. */
    static final long SERIAL_FMAS = 1L << 18;

    /** The three forms: one math product C = A·B, with A and B stored in different layouts. */
    enum Form {
        AB("ab", "C = A·B", "A: [m,k]", "B: [k,n]"),
        ATB("atb", "C = Aᵀ·B", "A: [k,m]", "B: [k,n]"),
        ABT("abt", "C = A·Bᵀ", "A: [m,k]", "B: [n,k]");

        final String label;
        final String math;
        final String aShape;
        final String bShape;

        Form(String label, String math, String aShape, String bShape) {
            this.label = label;
            this.math = math;
            this.aShape = aShape;
            this.bShape = bShape;
        }

        /** True if A's elements for consecutive p (one row of the math matrix A) are adjacent in memory. */
        boolean aRowsContiguous() {
            return this != ATB;
        }

        /** True if B's elements for consecutive j (one row of the math matrix B) are adjacent in memory. */
        boolean bRowsContiguous() {
            return this != ABT;
        }
    }

    /** One thread's reusable buffers: packed A block, packed B panel, and a tile for the edges of C. */
    private static final class Workspace {
        float[] a = new float[0];
        float[] b = new float[0];
        float[] tile = new float[0];

        static float[] atLeast(float[] buffer, int size) {
            return buffer.length >= size ? buffer : new float[size];
        }
    }

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private GemmDriver() {}

    /** C [m,n] = the product in the given form; arguments already validated, c overwritten. */
    static void multiply(MicroKernel kernel, Form form, int m, int k, int n, float[] a, float[] b, float[] c) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            Arrays.fill(c, 0, m * n, 0f);
            return;
        }
        // Split C between threads by columns (each thread packs its own part of B) or, when C is
        // too narrow for that, by panels of rows. Never split k: each element of C is one FMA chain.
        int lanes = kernel.lanes();
        int vectors = ceilDiv(n, lanes);
        int panels = ceilDiv(m, ROWS);
        int tasks = (long) m * n * k < SERIAL_FMAS ? 1 : Parallel.threads();
        boolean byColumns = vectors >= kernel.maxVectors() * tasks;
        if (!byColumns) {
            tasks = Math.min(tasks, panels);
        }
        if (tasks == 1) {
            block(kernel, form, m, k, n, a, b, c, 0, m, 0, n);
            return;
        }
        int parts = tasks;
        Parallel.forEach(parts, t -> {
            if (byColumns) {
                int from = lanes * (int) ((long) vectors * t / parts);
                int to = Math.min(n, lanes * (int) ((long) vectors * (t + 1) / parts));
                block(kernel, form, m, k, n, a, b, c, 0, m, from, to);
            } else {
                int from = ROWS * (int) ((long) panels * t / parts);
                int to = Math.min(m, ROWS * (int) ((long) panels * (t + 1) / parts));
                block(kernel, form, m, k, n, a, b, c, from, to, 0, n);
            }
        });
    }

    /** Computes rows [i0, i1) x columns [j0, j1) of C with the calling thread's buffers. */
    private static void block(MicroKernel kernel, Form form, int m, int k, int n, float[] a, float[] b, float[] c,
                              int i0, int i1, int j0, int j1) {
        Workspace ws = WORKSPACE.get();
        int lanes = kernel.lanes();
        int panelWidth = kernel.maxVectors() * lanes;
        int kBlocks = ceilDiv(k, KC);
        int kc = ceilDiv(k, kBlocks);
        int mc = Math.max(ROWS, A_BLOCK_FLOATS / kc / ROWS * ROWS);
        ws.a = Workspace.atLeast(ws.a, ceilDiv(Math.min(mc, i1 - i0), ROWS) * ROWS * kc);
        ws.b = Workspace.atLeast(ws.b, kc * panelWidth);
        ws.tile = Workspace.atLeast(ws.tile, ROWS * panelWidth);

        for (int ic = i0; ic < i1; ic += mc) {                       // 1. a block of rows of A and C
            int mcur = Math.min(mc, i1 - ic);
            for (int pc = 0; pc < k; pc += kc) {                     // 2. a block of the shared dimension
                int kcur = Math.min(kc, k - pc);
                boolean accumulate = pc > 0;
                packA(form, a, m, k, ic, mcur, pc, kcur, ws.a);
                for (int jc = j0; jc < j1; jc += panelWidth) {       // 3. a panel of columns of B and C
                    int ncur = Math.min(panelWidth, j1 - jc);
                    int vectors = ceilDiv(ncur, lanes);
                    int width = vectors * lanes;
                    packB(form, b, k, n, pc, kcur, jc, ncur, width, ws.b);
                    for (int q = 0; q * ROWS < mcur; q++) {          // 4. a tile of ROWS rows
                        int i = ic + q * ROWS;
                        int rows = Math.min(ROWS, mcur - q * ROWS);
                        int aOff = q * ROWS * kcur;
                        if (rows == ROWS && ncur == width) {
                            kernel.tile(kcur, ws.a, aOff, ws.b, 0, vectors, c, i * n + jc, n, accumulate);
                        } else {
                            edgeTile(kernel, kcur, ws, aOff, vectors, width, c, i, rows, jc, ncur, n, accumulate);
                        }
                    }
                }
            }
        }
    }

    /** A tile that sticks out of C: computed in a scratch tile, then its valid part copied. */
    private static void edgeTile(MicroKernel kernel, int kc, Workspace ws, int aOff, int vectors, int width,
                                 float[] c, int i, int rows, int j, int cols, int n, boolean accumulate) {
        float[] t = ws.tile;
        if (accumulate) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(c, (i + r) * n + j, t, r * width, cols);
            }
        }
        kernel.tile(kc, ws.a, aOff, ws.b, 0, vectors, t, 0, width, accumulate);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(t, r * width, c, (i + r) * n + j, cols);
        }
    }

    /**
     * Packs rows [i0, i0 + rows) and depths [p0, p0 + kc) of A into panels of {@link #ROWS} rows:
     * panel q holds {@code ap[q * ROWS * kc + p * ROWS + r] = A(i0 + q * ROWS + r, p0 + p)};
     * rows past the end are zero.
     */
    static void packA(Form form, float[] a, int m, int k, int i0, int rows, int p0, int kc, float[] ap) {
        for (int q = 0; q * ROWS < rows; q++) {
            int base = q * ROWS * kc;
            int valid = Math.min(ROWS, rows - q * ROWS);
            int iq = i0 + q * ROWS;
            if (form.aRowsContiguous()) {                     // A stored [m,k]: read along rows
                for (int r = 0; r < valid; r++) {
                    int src = (iq + r) * k + p0;
                    for (int p = 0; p < kc; p++) {
                        ap[base + p * ROWS + r] = a[src + p];
                    }
                }
            } else {                                          // A stored [k,m]: ROWS adjacent floats per p
                for (int p = 0; p < kc; p++) {
                    int src = (p0 + p) * m + iq;
                    int dst = base + p * ROWS;
                    for (int r = 0; r < valid; r++) {
                        ap[dst + r] = a[src + r];
                    }
                }
            }
            for (int r = valid; r < ROWS; r++) {
                for (int p = 0; p < kc; p++) {
                    ap[base + p * ROWS + r] = 0f;
                }
            }
        }
    }

    /**
     * Packs columns [j0, j0 + cols) and depths [p0, p0 + kc) of B into one panel of the given width:
     * {@code bp[p * width + j] = B(p0 + p, j0 + j)}; columns past {@code cols} are zero.
     */
    static void packB(Form form, float[] b, int k, int n, int p0, int kc, int j0, int cols, int width, float[] bp) {
        if (form.bRowsContiguous()) {                         // B stored [k,n]: a row segment per p
            for (int p = 0; p < kc; p++) {
                System.arraycopy(b, (p0 + p) * n + j0, bp, p * width, cols);
                for (int j = cols; j < width; j++) {
                    bp[p * width + j] = 0f;
                }
            }
        } else {                                              // B stored [n,k]: a transpose
            for (int pb = 0; pb < kc; pb += TRANSPOSE_BLOCK) {
                int pe = Math.min(kc, pb + TRANSPOSE_BLOCK);
                for (int j = 0; j < cols; j++) {
                    int src = (j0 + j) * k + p0;
                    for (int p = pb; p < pe; p++) {
                        bp[p * width + j] = b[src + p];
                    }
                }
            }
            for (int j = cols; j < width; j++) {
                for (int p = 0; p < kc; p++) {
                    bp[p * width + j] = 0f;
                }
            }
        }
    }

    static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }
}
