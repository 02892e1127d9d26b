package dev.knobs.nn.kernel;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

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
     * Depths per pass of {@link #transposeScalar}: the panel rows written in one pass (256 x 192
     * bytes) stay in the level-1 cache until all their columns are filled, while each row of B is
     * still read in runs of 1 KB that the hardware prefetcher can follow.
     */
    static final int TRANSPOSE_BLOCK = 256;
    /**
     * Floats in one packed block of A, all depths (4 MB); sets how many rows a block spans. Every
     * block packs every panel of B again, so a block should cover a whole inference batch: with
     * 512 KB blocks, a batch of 1,000 images through a 1024-wide layer packed its weights 8 times.
     * The micro-kernel reads one 8-row panel of the block at a time, in order, so a block larger
     * than the level-2 cache streams from the level-3 cache without slowing the tiles.
     */
    static final int A_BLOCK_FLOATS = 1024 * 1024;
    /**
     * Largest block of depths in {@link #oneColumnPanel}. Its packed B is one vector wide (2048 x 16
     * floats, 128 KB, in the level-2 cache), and a tile loads and stores C once per block, so one
     * block for the output layer's k = 1024 is fastest (128x1024x10, one core: 65.6 GFLOP/s, against
     * 63.0 with blocks of 512 and 60.1 with 256, measured).
     */
    static final int ONE_PANEL_KC = 2048;
    /**
     * Floats of packed A that {@link #transposedProduct} multiplies by all of B before it moves on
     * (512 KB, in the level-2 cache): every pair of panels of B then runs through that many panels
     * of A while its 16 rows are in the level-1 cache. Measured on two cores, block sizes taking
     * turns in one JVM: 1,000 rows of inference at k = 784, 297 GFLOP/s without blocks, 307 with
     * blocks of 256 KB, 316-317 with 384 or 512 KB, 315 with 640 KB; 500x1024x1024 301, 319, 322-323,
     * 312; a training batch (128 rows, one or two blocks) 332 to 337 whatever the size.
     */
    static final int TRANSPOSED_BLOCK_FLOATS = 128 * 1024;
    /** Products smaller than this many multiply-adds run in the calling thread: waking workers would cost more. */
    static final long SERIAL_FMAS = 1L << 18;
    /**
     * Products at most this deep run in the calling thread too, however large C: each tile then
     * does a few multiply-adds per load and store of C, so the work is moving C, and a second
     * thread added more waiting than speed (the output layer's input gradient, 128x10x1024:
     * 108 GFLOP/s on one thread, 37 on two, measured).
     */
    static final int SERIAL_DEPTH = 16;
    /**
     * Products at most this wide run in the calling thread too: C is one column panel, and packing
     * all of A for it costs as much as its arithmetic (the output layer's forward product,
     * 128x1024x10, when it still packed A: 43 GFLOP/s on one thread, 33 on two, measured). Such
     * products with A stored by rows now skip that packing ({@link #oneColumnPanel}).
     */
    static final int SERIAL_WIDTH = 16;
    /**
     * Tile tasks per thread, at least. Tasks are claimed as threads become free, so a thread that
     * was descheduled, or started late, simply takes fewer.
     */
    static final int TASKS_PER_THREAD = 2;

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

    /**
     * One thread's reusable buffers: the packed A block (used when this thread calls
     * {@link #multiply}; all threads then read it), its packed B panel, and a tile for the edges of C.
     */
    private static final class Workspace {
        float[] a = new float[0];
        float[] b = new float[0];
        float[] tile = new float[0];
        /** This thread's own packed operand ({@link #own}), and the call it was packed for. */
        private float[] own = new float[0];
        private Object ownFor;

        static float[] atLeast(float[] buffer, int size) {
            return buffer.length >= size ? buffer : new float[size];
        }

        /**
         * This thread's own packed copy of an operand every task of {@code call} reads (all of B
         * in {@link #updateByRows}, all of A in {@link #transposedProduct}): {@code pack} fills a
         * buffer of at least {@code size} floats at the thread's first task of the call, and later
         * tasks get the same buffer. Why each thread packs for itself: see
         * {@link #transposedProduct}.
         */
        float[] own(Object call, int size, Consumer<float[]> pack) {
            if (ownFor != call) {
                own = atLeast(own, size);
                pack.accept(own);
                ownFor = call;
            }
            return own;
        }
    }

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private GemmDriver() {}

    /**
     * A momentum update that rides on the product: once a tile of C (the gradient) is final, while
     * it is still in the level-1 cache, {@code v = mu·v + c; w -= lr·v} over the same elements.
     */
    record Momentum(float[] w, float[] v, float mu, float lr) {}

    /** C [m,n] = the product in the given form; arguments already validated, c overwritten. */
    static void multiply(MicroKernel kernel, Form form, int m, int k, int n, float[] a, float[] b, float[] c) {
        multiply(kernel, form, m, k, n, a, b, c, null);
    }

    /** As above, then the momentum update on C's elements if {@code update} is not null. */
    static void multiply(MicroKernel kernel, Form form, int m, int k, int n, float[] a, float[] b, float[] c,
                         Momentum update) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            Arrays.fill(c, 0, m * n, 0f);
            if (update != null) {
                kernel.momentum(c, update.w(), update.v(), 0, m * n, update.mu(), update.lr());
            }
            return;
        }
        int panelWidth = kernel.maxVectors() * kernel.lanes();
        int columnPanels = ceilDiv(n, panelWidth);
        int kc = ceilDiv(k, ceilDiv(k, KC));                  // equal blocks of at most KC
        int depthBlocks = ceilDiv(k, kc);
        int mc = Math.max(ROWS, A_BLOCK_FLOATS / k / ROWS * ROWS);
        if (update == null && n <= kernel.lanes() && form.aRowsContiguous()) {
            oneColumnPanel(kernel, form, m, k, n, a, b, c, ceilDiv(k, ceilDiv(k, ONE_PANEL_KC)));
            return;
        }
        boolean parallel = (long) m * n * k >= SERIAL_FMAS && k > SERIAL_DEPTH && n > SERIAL_WIDTH
                && Parallel.threads() > 1;
        if (update == null && form == Form.ABT && m <= n) {
            transposedProduct(kernel, m, k, n, a, b, c, kc, parallel);
            return;
        }
        if (update != null && depthBlocks == 1 && mc >= m && ceilDiv(m, ROWS) >= TASKS_PER_THREAD * Parallel.threads()) {
            updateByRows(kernel, form, m, k, n, a, b, c, update, parallel, panelWidth, columnPanels);
            return;
        }
        Workspace callers = WORKSPACE.get();
        callers.a = Workspace.atLeast(callers.a, ceilDiv(Math.min(mc, m), ROWS) * ROWS * k);
        float[] ap = callers.a;                                 // shared by all threads, read only in step 4
        for (int i0 = 0; i0 < m; i0 += mc) {                    // 1. a block of rows of A and C
            int ic = i0;
            int mcur = Math.min(mc, m - ic);
            int rowPanels = ceilDiv(mcur, ROWS);
            int padded = rowPanels * ROWS;                      // the depth block from p0 starts at ap[p0 * padded]
            // Enough tasks for every thread: one per column panel, times row groups when C is narrow.
            int rowGroups = parallel
                    ? Math.min(rowPanels, ceilDiv(TASKS_PER_THREAD * Parallel.threads(), columnPanels)) : 1;
            run(parallel, depthBlocks * rowPanels, t -> {      // 2. pack the A block, every depth block
                int q = t % rowPanels;
                int pc = t / rowPanels * kc;
                int kcur = Math.min(kc, k - pc);
                packA(form, a, m, k, ic + q * ROWS, Math.min(ROWS, mcur - q * ROWS), pc, kcur, ap,
                        pc * padded + q * ROWS * kcur);
            });
            run(parallel, columnPanels * rowGroups, t -> {      // 3. a column panel of tiles
                int j = t / rowGroups * panelWidth;
                int group = t % rowGroups;
                int qFrom = (int) ((long) rowPanels * group / rowGroups);
                int qTo = (int) ((long) rowPanels * (group + 1) / rowGroups);
                for (int pc = 0; pc < k; pc += kc) {            // 4. its depth blocks, in order
                    tiles(kernel, form, k, n, b, c, ap, pc * padded, ic, mcur, qFrom, qTo, pc,
                            Math.min(kc, k - pc), j, Math.min(panelWidth, n - j), pc > 0, pc + kc >= k ? update : null);
                }
            });
        }
    }

    /**
     * The product followed by the momentum update, when C is one block of rows and of depths (a
     * weight gradient: k is the batch), tall enough to give every thread a share of its rows. The
     * update reads and writes two arrays as large as C that are in no cache, so it runs at the
     * speed of main memory, which is fastest when each row is swept from left to right in one go:
     * 48 columns at a time, the way {@link #multiply} goes through C, made the fused update cost
     * as much as the product itself (measured). So here a task is a
     * group of row panels, not a column panel: each task computes whole row panels of C from left
     * to right and updates their 8 rows while they are still in the caches. Every element of C
     * gets the same chain of operations as in {@link #multiply}, and the same update, so the
     * numbers are identical.
     *
     * <p>Every thread packs all of B for itself, at its first task of the call, and each panel of
     * A just before its tiles, as {@link #transposedProduct} does and for the same reason: panels
     * packed once and shared were written by one core and read by both, and taken back on the
     * next call. (B, the layer's input, is the small operand: 128 x 784 for the first layer.)
     */
    private static void updateByRows(MicroKernel kernel, Form form, int m, int k, int n, float[] a, float[] b,
                                     float[] c, Momentum update, boolean parallel, int panelWidth, int columnPanels) {
        int rowPanels = ceilDiv(m, ROWS);
        int lanes = kernel.lanes();
        int groups = parallel ? Math.min(rowPanels, TASKS_PER_THREAD * Parallel.threads()) : 1;
        Object call = new Object();
        run(parallel, groups, group -> {                        // 1. whole row panels of C
            Workspace ws = WORKSPACE.get();
            ws.tile = Workspace.atLeast(ws.tile, ROWS * panelWidth);
            ws.a = Workspace.atLeast(ws.a, ROWS * k);
            float[] bp = ws.own(call, columnPanels * panelWidth * k, buffer -> {   // 2. all of B, by this thread
                for (int j = 0; j < n; j += panelWidth) {       // panel j at [j * k]
                    int cols = Math.min(panelWidth, n - j);
                    packB(kernel, form, b, k, n, 0, k, j, cols, ceilDiv(cols, lanes) * lanes, buffer, j * k);
                }
            });
            int qFrom = (int) ((long) rowPanels * group / groups);
            int qTo = (int) ((long) rowPanels * (group + 1) / groups);
            for (int q = qFrom; q < qTo; q++) {
                int i = q * ROWS;
                int rows = Math.min(ROWS, m - i);
                packA(form, a, m, k, i, rows, 0, k, ws.a, 0);   // 3. its panel of A
                for (int j = 0; j < n; j += panelWidth) {       // 4. its tiles, left to right
                    int cols = Math.min(panelWidth, n - j);
                    tile(kernel, k, ws.a, 0, bp, j * k, ceilDiv(cols, lanes) * lanes, ws, c, i, rows, j, cols, n,
                            false);
                }
                kernel.momentum(c, update.w(), update.v(), i * n, rows * n, update.mu(), update.lr());   // 5. their update
            }
        });
    }

    /**
     * A product at most one vector wide with A stored by rows (the output layer's forward product,
     * 128x1024x10), in the calling thread. Each panel of A would be used by one tile only, so
     * packing A would cost as much as the arithmetic; instead the tiles read A where it is
     * ({@link MicroKernel#tileUnpackedA}), and only B, small, is packed, once. The depth blocks of
     * each tile go in order, so every element gets the same chain as in {@link #multiply}. A last
     * panel of fewer than {@link #ROWS} rows is packed and multiplied as usual. Measured on
     * 128x1024x10, one core: 64 GFLOP/s, against 43 with A packed.
     */
    private static void oneColumnPanel(MicroKernel kernel, Form form, int m, int k, int n, float[] a, float[] b,
                                       float[] c, int kc) {
        Workspace ws = WORKSPACE.get();
        int width = kernel.lanes();
        ws.b = Workspace.atLeast(ws.b, k * width);
        ws.tile = Workspace.atLeast(ws.tile, ROWS * width);
        ws.a = Workspace.atLeast(ws.a, ROWS * kc);
        packB(kernel, form, b, k, n, 0, k, 0, n, width, ws.b, 0);
        for (int i = 0; i < m; i += ROWS) {
            int rows = Math.min(ROWS, m - i);
            for (int pc = 0; pc < k; pc += kc) {
                int kcur = Math.min(kc, k - pc);
                boolean accumulate = pc > 0;
                if (rows < ROWS) {
                    packA(form, a, m, k, i, rows, pc, kcur, ws.a, 0);
                    tile(kernel, kcur, ws.a, 0, ws.b, pc * width, width, ws, c, i, rows, 0, n, n, accumulate);
                } else if (n == width) {
                    kernel.tileUnpackedA(kcur, a, i * k + pc, k, ws.b, pc * width, 1, c, i * n, n, accumulate);
                } else {
                    float[] t = ws.tile;                        // C is narrower than the tile: via the scratch tile
                    if (accumulate) {
                        intoScratch(c, i, ROWS, 0, n, n, t, width);
                    }
                    kernel.tileUnpackedA(kcur, a, i * k + pc, k, ws.b, pc * width, 1, t, 0, width, accumulate);
                    outOfScratch(t, width, c, i, ROWS, 0, n, n);
                }
            }
        }
    }

    /**
     * {@code abt} with no more rows in A than in B (a layer's forward product X·Wᵀ: 128 images
     * against 1,024 rows of weights), computed as its transpose Cᵀ = B·Aᵀ. The roles swap so that
     * the large operand, B, is the one read where it is stored: its rows are broadcast by
     * {@link MicroKernel#tileUnpackedA}, and only A, small, is packed (transposed, by each thread
     * for itself, see below). In the usual order both would be packed for every product, B by a transpose
     * that moved all the weights (on 128x784x1024, two threads: 140 of 840 µs, and 65 more for A).
     * Measured in one JVM, the two orders taking turns: 156 against 175 GFLOP/s on one core, 302
     * against 343 on two (128x784x1024); 152 against 177 and 272 against 323 (128x1024x1024).
     *
     * <p>As many rows as B goes this way too: with per-thread packing (below), 128x256x128 (the
     * small network's second layer) ran 1.18 to 1.32 times as fast as in the usual order, and
     * 256x784x256 1.15 to 1.23, 512x512x512 1.03 to 1.08 (the bench's {@code CompareBuilds}, both
     * ways round); a large square, 1024x1024x1024, 2 to 4% slower, but no layer of the course
     * meets one.
     *
     * <p>Each thread packs all of A for itself, at its first task of the call. Packed once and
     * shared, A was written by both threads and then read by both, so on the next call every line
     * a thread wrote was still held by the other core and had to be taken back from it: on two
     * threads the shared packing of 128 x 784 took 55 to 58 µs, longer than one thread packing it
     * all (31 to 32 µs). The builds before and after, in one JVM taking turns, each loaded first
     * once (the bench's {@code CompareBuilds}): 128x784x256 (the small network's first layer) 1.14
     * and 1.19 times as fast, 128x784x1024 1.07 and 1.05; the inside of training agreed (0.253 to
     * 0.302 ms a call before, 0.223 to 0.281 after), a comparison spanning two more changes did not
     * (0.97 and 0.93), and it changes no number.
     *
     * <p>Panels of A are taken in blocks ({@link #TRANSPOSED_BLOCK_FLOATS}). For each block, tasks
     * are groups of consecutive pairs of panels of 8 rows of B, wide enough that two threads seldom
     * write the same cache line of C. For each panel of A, a pair computes its two tiles of Cᵀ (8
     * rows of B x 48 rows of A each) in a 16-row scratch tile, depth block after depth block, and
     * writes them to C transposed: 16 rows of Cᵀ give every row of C 16 adjacent floats, a whole
     * vector.
     *
     * <p>{@code fma(B(j,p), A(i,p), c)} is {@code fma(A(i,p), B(j,p), c)}: every element of C is the
     * same chain as in {@link #multiply}, so the numbers are identical. A last panel of B with fewer
     * than {@link #ROWS} rows is packed and multiplied as usual.
     */
    private static void transposedProduct(MicroKernel kernel, int m, int k, int n, float[] a, float[] b, float[] c,
                                          int kc, boolean parallel) {
        int lanes = kernel.lanes();
        int panelWidth = kernel.maxVectors() * lanes;
        int aPanels = ceilDiv(m, panelWidth);
        int pairs = ceilDiv(n, 2 * ROWS);
        int groups = parallel ? Math.min(pairs, TASKS_PER_THREAD * Parallel.threads()) : 1;
        int blockPanels = Math.max(1, TRANSPOSED_BLOCK_FLOATS / (panelWidth * k));
        Object call = new Object();
        for (int s0 = 0; s0 < aPanels; s0 += blockPanels) {     // 1. a block of panels of A, in the level-2 cache
            int sFrom = s0;
            int sTo = Math.min(aPanels, s0 + blockPanels);
            run(parallel, groups, group -> {                    // 2. a group of 16-row pairs of panels of B
                Workspace ws = WORKSPACE.get();
                ws.tile = Workspace.atLeast(ws.tile, 2 * ROWS * panelWidth);
                ws.a = Workspace.atLeast(ws.a, ROWS * kc);
                float[] ap = ws.own(call, aPanels * panelWidth * k, buffer -> {   // 3. all of A, by this thread
                    for (int s = 0; s < aPanels; s++) {         // panel s at [s * panelWidth * k], as abt packs B
                        int cols = Math.min(panelWidth, m - s * panelWidth);
                        packB(kernel, Form.ABT, a, k, m, 0, k, s * panelWidth, cols, ceilDiv(cols, lanes) * lanes,
                                buffer, s * panelWidth * k);
                    }
                });
                float[] t = ws.tile;
                int pairTo = (int) ((long) pairs * (group + 1) / groups);
                for (int pair = (int) ((long) pairs * group / groups); pair < pairTo; pair++) {
                    int j = pair * 2 * ROWS;
                    int rows = Math.min(2 * ROWS, n - j);
                    for (int s = sFrom; s < sTo; s++) {         // 4. its tiles of Cᵀ, two panels of B each
                        int i = s * panelWidth;
                        int cols = Math.min(panelWidth, m - i);
                        int vectors = ceilDiv(cols, lanes);
                        int width = vectors * lanes;
                        for (int half = 0; half < rows; half += ROWS) {
                            int jh = j + half;
                            int rowsHere = Math.min(ROWS, rows - half);
                            for (int pc = 0; pc < k; pc += kc) { // 5. their depth blocks, in order
                                int kcur = Math.min(kc, k - pc);
                                int bp = i * k + pc * width;
                                if (rowsHere == ROWS) {
                                    kernel.tileUnpackedA(kcur, b, jh * k + pc, k, ap, bp, vectors, t, half * width,
                                            width, pc > 0);
                                } else {
                                    packA(Form.ABT, b, n, k, jh, rowsHere, pc, kcur, ws.a, 0);
                                    kernel.tile(kcur, ws.a, 0, ap, bp, width, vectors, t, half * width, width, pc > 0);
                                }
                            }
                        }
                        kernel.storeTransposed(t, width, rows, cols, c, i * n + j, n);
                    }
                }
            });
        }
    }

    /** Runs {@code body} for tasks {@code [0, tasks)} on the workers, or in this thread. */
    private static void run(boolean parallel, int tasks, IntConsumer body) {
        if (parallel) {
            Parallel.forEach(tasks, body);
        } else {
            for (int t = 0; t < tasks; t++) {
                body.accept(t);
            }
        }
    }

    /**
     * Packs the B panel of columns {@code [j, j + cols)} and depths {@code [pc, pc + kc)} into this
     * thread's buffer, then multiplies the packed A panels {@code [qFrom, qTo)} of that depth block
     * (starting at {@code ap[aBase]}) of the row block starting at {@code ic} by it.
     *
     * <p>A panel that serves at most two tiles (a C of at most 16 rows, like the output layer's
     * weight gradient, 10x128x1024) is read where it is stored instead, when B is stored by rows
     * ({@code ab}, {@code atb}) and the panel is whole vectors wide: packing it would move as many
     * floats as the two tiles use. Measured on 10x128x1024 {@code atb}, the two ways taking turns
     * in one JVM: 73 against 106 GFLOP/s on one core, 72 against 108 on two. Panels that serve 16
     * tiles or more stay packed: read in place, {@code ab} 128x1024x1024 was no faster (-4 to +4%)
     * and {@code atb} 1024x128x1024 slower (-11%; the rows of B, 4 KB apart, all fall into the
     * same few sets of the level-1 cache, where a packed panel sits whole).
     */
    private static void tiles(MicroKernel kernel, Form form, int k, int n, float[] b, float[] c, float[] ap,
                              int aBase, int ic, int mcur, int qFrom, int qTo, int pc, int kc, int j, int cols,
                              boolean accumulate, Momentum update) {
        Workspace ws = WORKSPACE.get();
        int lanes = kernel.lanes();
        int vectors = ceilDiv(cols, lanes);
        int width = vectors * lanes;
        ws.b = Workspace.atLeast(ws.b, kc * kernel.maxVectors() * lanes);
        ws.tile = Workspace.atLeast(ws.tile, ROWS * kernel.maxVectors() * lanes);
        boolean inPlace = form.bRowsContiguous() && cols == width && qTo - qFrom <= 2;
        if (!inPlace) {
            packB(kernel, form, b, k, n, pc, kc, j, cols, width, ws.b, 0);
        }
        float[] bp = inPlace ? b : ws.b;                        // the B panel: in place, or packed
        int bOff = inPlace ? pc * n + j : 0;
        int ldb = inPlace ? n : width;
        for (int q = qFrom; q < qTo; q++) {                     // 5. one tile of ROWS rows
            int i = ic + q * ROWS;
            int rows = Math.min(ROWS, mcur - q * ROWS);
            tile(kernel, kc, ap, aBase + q * ROWS * kc, bp, bOff, ldb, ws, c, i, rows, j, cols, n, accumulate);
            if (update != null) {                               // the tile is final: update its weights
                for (int r = 0; r < rows; r++) {
                    kernel.momentum(c, update.w(), update.v(), (i + r) * n + j, cols, update.mu(), update.lr());
                }
            }
        }
    }

    /**
     * The tile of C at row {@code i} and column {@code j}, {@code rows x cols}, from the A panel at
     * {@code ap[aOff]} and the B panel at {@code bp[bOff]}. A tile that sticks out of C is computed
     * in this thread's scratch tile, then its valid part copied.
     */
    private static void tile(MicroKernel kernel, int kc, float[] ap, int aOff, float[] bp, int bOff, int ldb,
                             Workspace ws, float[] c, int i, int rows, int j, int cols, int n, boolean accumulate) {
        int vectors = ceilDiv(cols, kernel.lanes());
        int width = vectors * kernel.lanes();
        if (rows == ROWS && cols == width) {
            kernel.tile(kc, ap, aOff, bp, bOff, ldb, vectors, c, i * n + j, n, accumulate);
            return;
        }
        float[] t = ws.tile;
        if (accumulate) {
            intoScratch(c, i, rows, j, cols, n, t, width);
        }
        kernel.tile(kc, ap, aOff, bp, bOff, ldb, vectors, t, 0, width, accumulate);
        outOfScratch(t, width, c, i, rows, j, cols, n);
    }

    /** Copies the {@code rows x cols} block of C at row {@code i}, column {@code j}, into the scratch tile {@code t}. */
    private static void intoScratch(float[] c, int i, int rows, int j, int cols, int n, float[] t, int width) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(c, (i + r) * n + j, t, r * width, cols);
        }
    }

    /** Copies the valid {@code rows x cols} part of the scratch tile {@code t} back into C at row {@code i}, column {@code j}. */
    private static void outOfScratch(float[] t, int width, float[] c, int i, int rows, int j, int cols, int n) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(t, r * width, c, (i + r) * n + j, cols);
        }
    }

    /**
     * Packs one panel of A: rows {@code [i0, i0 + rows)} ({@code rows <= ROWS}) and depths
     * {@code [p0, p0 + kc)} go to {@code ap[off + p * ROWS + r] = A(i0 + r, p0 + p)}; rows past
     * {@code rows} are zero.
     *
     * <p>A whole panel of A stored by rows is read depth by depth, its 8 rows side by side, so the
     * panel is written in order. Row by row, each cache line of the panel was written in 8 visits
     * far apart: on two threads, packing the 128 x 1024 gradient for {@code ab} took 80 to 94 µs a
     * product, 47 to 62 depth by depth (measured in one JVM, the two ways taking turns).
     */
    static void packA(Form form, float[] a, int m, int k, int i0, int rows, int p0, int kc, float[] ap, int off) {
        if (form.aRowsContiguous() && rows == ROWS) {           // A stored [m,k]: 8 rows read side by side
            int src = i0 * k + p0;
            for (int p = 0; p < kc; p++) {
                int dst = off + p * ROWS;
                int s = src + p;
                ap[dst] = a[s];
                ap[dst + 1] = a[s + k];
                ap[dst + 2] = a[s + 2 * k];
                ap[dst + 3] = a[s + 3 * k];
                ap[dst + 4] = a[s + 4 * k];
                ap[dst + 5] = a[s + 5 * k];
                ap[dst + 6] = a[s + 6 * k];
                ap[dst + 7] = a[s + 7 * k];
            }
            return;
        }
        if (form.aRowsContiguous()) {                           // fewer rows: one row at a time
            for (int r = 0; r < rows; r++) {
                int src = (i0 + r) * k + p0;
                for (int p = 0; p < kc; p++) {
                    ap[off + p * ROWS + r] = a[src + p];
                }
            }
        } else {                                                // A stored [k,m]: rows adjacent per p
            for (int p = 0; p < kc; p++) {
                int src = (p0 + p) * m + i0;
                int dst = off + p * ROWS;
                for (int r = 0; r < rows; r++) {
                    ap[dst + r] = a[src + r];
                }
            }
        }
        for (int r = rows; r < ROWS; r++) {
            for (int p = 0; p < kc; p++) {
                ap[off + p * ROWS + r] = 0f;
            }
        }
    }

    /**
     * Packs columns [j0, j0 + cols) and depths [p0, p0 + kc) of B into one panel of the given width
     * at {@code off}: {@code bp[off + p * width + j] = B(p0 + p, j0 + j)}; columns past {@code cols}
     * are zero.
     */
    static void packB(MicroKernel kernel, Form form, float[] b, int k, int n, int p0, int kc, int j0, int cols,
                      int width, float[] bp, int off) {
        if (form.bRowsContiguous()) {                         // B stored [k,n]: a row segment per p
            kernel.packRows(b, p0 * n + j0, n, kc, cols, bp, off, width);
        } else {                                              // B stored [n,k]: a transpose
            kernel.packTransposed(b, k, j0, cols, p0, kc, bp, off, width);
        }
        if (cols < width) {
            for (int p = 0; p < kc; p++) {
                Arrays.fill(bp, off + p * width + cols, off + p * width + width, 0f);
            }
        }
    }

    /**
     * The transpose for {@code abt}, one float at a time, over columns [jFrom, jTo) and depths
     * [pFrom, pTo) of the panel: {@code bp[off + p * width + j] = b[(j0 + j) * k + p0 + p]}. Done in
     * passes of {@link #TRANSPOSE_BLOCK} depths, so that the panel rows being filled stay in the
     * level-1 cache.
     */
    static void transposeScalar(float[] b, int k, int j0, int jFrom, int jTo, int p0, int pFrom, int pTo,
                                float[] bp, int off, int width) {
        for (int pb = pFrom; pb < pTo; pb += TRANSPOSE_BLOCK) {
            int pe = Math.min(pTo, pb + TRANSPOSE_BLOCK);
            for (int j = jFrom; j < jTo; j++) {
                int src = (j0 + j) * k + p0;
                for (int p = pb; p < pe; p++) {
                    bp[off + p * width + j] = b[src + p];
                }
            }
        }
    }

    /**
     * {@link MicroKernel#storeTransposed} one float at a time, over columns {@code [jFrom, jTo)} of
     * the tile: {@code c[cOff + j * ldc + r] = t[r * width + j]}. Row of C by row of C: going down a
     * column of C instead touched a new cache line with every float, lines 4 KB apart that the
     * level-1 cache keeps in the same few slots.
     */
    static void storeTransposedScalar(float[] t, int width, int rows, int jFrom, int jTo, float[] c, int cOff,
                                      int ldc) {
        for (int j = jFrom; j < jTo; j++) {
            for (int r = 0; r < rows; r++) {
                c[cOff + j * ldc + r] = t[r * width + j];
            }
        }
    }

    static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }
}
