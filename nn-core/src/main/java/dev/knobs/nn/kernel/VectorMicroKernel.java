package dev.knobs.nn.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fast {@link MicroKernel}, written with the Vector API ({@code jdk.incubator.vector}).
 *
 * <p><b>Must equal:</b> {@link ScalarMicroKernel}, and through {@link Gemm} the textbook loop of
 * {@link Reference}, bit for bit: every element of C is the same chain of fused multiply-adds in
 * increasing p. {@code GemmTest} holds it to both on every form, odd shapes and thread counts.
 *
 * <p>On AVX-512 a vector holds 16 floats, so the widest tile is 8 rows x 3 vectors = 8 x 48
 * floats of C held in 24 of the 32 vector registers, plus 3 registers for a row of B and one for
 * a broadcast value of A. Each step {@code p} loads 3 vectors of B and 8 scalars of A and does 24
 * fused multiply-adds (FMAs): enough independent FMAs to hide their latency, and few enough loads
 * that the FMA unit, not memory, sets the speed.
 *
 * <pre>
 *                 B(p, 0..47) = b0 | b1 | b2
 *   A(0, p) x  [ c00 | c01 | c02 ]
 *   A(1, p) x  [ c10 | c11 | c12 ]      cRV += A(R, p) * bV   for every p
 *     ...      [ ... | ... | ... ]
 *   A(7, p) x  [ c70 | c71 | c72 ]
 * </pre>
 *
 * <p>The Vector API is fast only once the JIT compiler has turned every {@code FloatVector} into
 * a register; anything that forces a vector to exist as a Java object makes the kernel about 30
 * times slower (measured). Hence the accumulators are separate local variables, not an array,
 * and a tile starts from {@code FloatVector.zero(S)} rather than from a shared static zero vector
 * (an object). For the same reason the first products in a JVM are slow, about a second of work
 * in all, until the kernel has been compiled; the constructor does that second of work on tiny
 * tiles ({@link #warmUp}), for the reason given there.
 *
 * <p>Narrower tiles (2 and 1 vectors) cover the right edge of C, and are the widest tile on x86
 * CPUs without AVX-512 (see {@link #MAX_VECTORS}). This class is loaded only when the module is
 * present; {@link Gemm} never touches it otherwise.
 */
final class VectorMicroKernel implements MicroKernel {
    /** The widest vector shape the CPU runs natively: 16 floats with AVX-512, 8 with AVX2. */
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Floats per vector, a constant to the JIT compiler so panel strides fold into addresses. */
    private static final int L = S.length();
    /**
     * Vectors across the widest tile. Three (24 accumulators) needs 28 vector registers: AVX-512
     * and ARM have 32. An x86 CPU without AVX-512 has 16, and the 8 x 3 tile would spill to memory
     * (half speed, measured); the 8 x 1 tile fits, so such machines use that.
     */
    private static final int MAX_VECTORS = S.vectorBitSize() < 512 && isX86() ? 1 : 3;

    /** Calls of each tile method in {@link #warmUp}: past the 5,000 at which HotSpot compiles a method in full. */
    static final int WARM_UP_CALLS = 12_000;

    /** The kernel, compiled for this JVM before its first product ({@link #warmUp}). */
    VectorMicroKernel() {
        warmUp();
    }

    /**
     * Calls every tile method {@value #WARM_UP_CALLS} times on a tile of depth 2, from and not from
     * C in turn, on scratch arrays: about a second, once per JVM.
     *
     * <p>Why: HotSpot compiles a method either whole, once it has been called often enough, or "on
     * stack replacement" (OSR), when a single call spends long in one loop. A first product of
     * depth 512 is such a call, and an OSR compilation of a tile method starts from the
     * interpreter's variables, whose exact vector class it cannot know: every {@code FloatVector}
     * operation in it falls back to plain Java (seen with {@code -XX:+PrintCompilation
     * -XX:+PrintInlining -XX:+PrintIntrinsics}: "missing constant", "failed to inline
     * (intrinsic)"). Usually the whole-method compilation replaces it soon after, but in some JVMs
     * that compilation failed the same way, and every product of the run went about 20 times
     * slower (a big-network epoch of 45 s instead of 4; in one sitting 10 of 35 JVMs, and 4 in a
     * row in a busy spell). Called thousands of times on a depth of 2, each method reaches the
     * call count for a whole-method compilation long before its loop could ask for an OSR one:
     * 0 of 35 JVMs went slow, alternating with the 35 above.
     */
    private void warmUp() {
        int kc = 2;
        float[] a = new float[ROWS * kc];
        float[] b = new float[MAX_VECTORS * L * kc];
        float[] c = new float[ROWS * MAX_VECTORS * L];
        for (int i = 0; i < WARM_UP_CALLS; i++) {
            boolean accumulate = (i & 1) == 1;
            for (int vectors = 1; vectors <= MAX_VECTORS; vectors++) {
                tile(kc, a, 0, b, 0, vectors * L, vectors, c, 0, vectors * L, accumulate);
                tileUnpackedA(kc, a, 0, kc, b, 0, vectors, c, 0, vectors * L, accumulate);
            }
        }
    }

    @Override
    public int lanes() {
        return L;
    }

    @Override
    public int maxVectors() {
        return MAX_VECTORS;
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public void tile(int kc, float[] ap, int aOff, float[] bp, int bOff, int ldb, int vectors,
                     float[] c, int cOff, int ldc, boolean accumulate) {
        switch (vectors) {
            case 3:
                tile3(kc, ap, aOff, bp, bOff, ldb, c, cOff, ldc, accumulate);
                break;
            case 2:
                tile2(kc, ap, aOff, bp, bOff, ldb, c, cOff, ldc, accumulate);
                break;
            case 1:
                tile1(kc, ap, aOff, bp, bOff, ldb, c, cOff, ldc, accumulate);
                break;
            default:
                throw new IllegalArgumentException("tile width must be 1 to 3 vectors, got " + vectors);
        }
    }

    private static boolean isX86() {
        String arch = System.getProperty("os.arch", "");
        return arch.equals("amd64") || arch.equals("x86_64") || arch.equals("x86") || arch.equals("i386");
    }

    /** The {@code 8 x 3 vector} tile: 24 accumulators, 3 B vectors and one broadcast A value in registers. */
    private static void tile3(int kc, float[] ap, int aOff, float[] bp, int bOff, int ldb,
                              float[] c, int cOff, int ldc, boolean accumulate) {
        // 1. Load the tile of C (or start from zero).
        int o0 = cOff;
        int o1 = cOff + 1 * ldc;
        int o2 = cOff + 2 * ldc;
        int o3 = cOff + 3 * ldc;
        int o4 = cOff + 4 * ldc;
        int o5 = cOff + 5 * ldc;
        int o6 = cOff + 6 * ldc;
        int o7 = cOff + 7 * ldc;
        FloatVector c00 = accumulate ? FloatVector.fromArray(S, c, o0) : FloatVector.zero(S);
        FloatVector c01 = accumulate ? FloatVector.fromArray(S, c, o0 + L) : FloatVector.zero(S);
        FloatVector c02 = accumulate ? FloatVector.fromArray(S, c, o0 + 2 * L) : FloatVector.zero(S);
        FloatVector c10 = accumulate ? FloatVector.fromArray(S, c, o1) : FloatVector.zero(S);
        FloatVector c11 = accumulate ? FloatVector.fromArray(S, c, o1 + L) : FloatVector.zero(S);
        FloatVector c12 = accumulate ? FloatVector.fromArray(S, c, o1 + 2 * L) : FloatVector.zero(S);
        FloatVector c20 = accumulate ? FloatVector.fromArray(S, c, o2) : FloatVector.zero(S);
        FloatVector c21 = accumulate ? FloatVector.fromArray(S, c, o2 + L) : FloatVector.zero(S);
        FloatVector c22 = accumulate ? FloatVector.fromArray(S, c, o2 + 2 * L) : FloatVector.zero(S);
        FloatVector c30 = accumulate ? FloatVector.fromArray(S, c, o3) : FloatVector.zero(S);
        FloatVector c31 = accumulate ? FloatVector.fromArray(S, c, o3 + L) : FloatVector.zero(S);
        FloatVector c32 = accumulate ? FloatVector.fromArray(S, c, o3 + 2 * L) : FloatVector.zero(S);
        FloatVector c40 = accumulate ? FloatVector.fromArray(S, c, o4) : FloatVector.zero(S);
        FloatVector c41 = accumulate ? FloatVector.fromArray(S, c, o4 + L) : FloatVector.zero(S);
        FloatVector c42 = accumulate ? FloatVector.fromArray(S, c, o4 + 2 * L) : FloatVector.zero(S);
        FloatVector c50 = accumulate ? FloatVector.fromArray(S, c, o5) : FloatVector.zero(S);
        FloatVector c51 = accumulate ? FloatVector.fromArray(S, c, o5 + L) : FloatVector.zero(S);
        FloatVector c52 = accumulate ? FloatVector.fromArray(S, c, o5 + 2 * L) : FloatVector.zero(S);
        FloatVector c60 = accumulate ? FloatVector.fromArray(S, c, o6) : FloatVector.zero(S);
        FloatVector c61 = accumulate ? FloatVector.fromArray(S, c, o6 + L) : FloatVector.zero(S);
        FloatVector c62 = accumulate ? FloatVector.fromArray(S, c, o6 + 2 * L) : FloatVector.zero(S);
        FloatVector c70 = accumulate ? FloatVector.fromArray(S, c, o7) : FloatVector.zero(S);
        FloatVector c71 = accumulate ? FloatVector.fromArray(S, c, o7 + L) : FloatVector.zero(S);
        FloatVector c72 = accumulate ? FloatVector.fromArray(S, c, o7 + 2 * L) : FloatVector.zero(S);
        // 2. One rank-1 update per p: tile += (column p of the A panel) x (row p of the B panel).
        for (int p = 0; p < kc; p++) {
            int b = bOff + p * ldb;
            int a = aOff + p * ROWS;
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
            FloatVector b2 = FloatVector.fromArray(S, bp, b + 2 * L);
            FloatVector x;
            x = FloatVector.broadcast(S, ap[a]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01); c02 = x.fma(b2, c02);
            x = FloatVector.broadcast(S, ap[a + 1]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11); c12 = x.fma(b2, c12);
            x = FloatVector.broadcast(S, ap[a + 2]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21); c22 = x.fma(b2, c22);
            x = FloatVector.broadcast(S, ap[a + 3]);
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31); c32 = x.fma(b2, c32);
            x = FloatVector.broadcast(S, ap[a + 4]);
            c40 = x.fma(b0, c40); c41 = x.fma(b1, c41); c42 = x.fma(b2, c42);
            x = FloatVector.broadcast(S, ap[a + 5]);
            c50 = x.fma(b0, c50); c51 = x.fma(b1, c51); c52 = x.fma(b2, c52);
            x = FloatVector.broadcast(S, ap[a + 6]);
            c60 = x.fma(b0, c60); c61 = x.fma(b1, c61); c62 = x.fma(b2, c62);
            x = FloatVector.broadcast(S, ap[a + 7]);
            c70 = x.fma(b0, c70); c71 = x.fma(b1, c71); c72 = x.fma(b2, c72);
        }
        // 3. Store the tile.
        c00.intoArray(c, o0); c01.intoArray(c, o0 + L); c02.intoArray(c, o0 + 2 * L);
        c10.intoArray(c, o1); c11.intoArray(c, o1 + L); c12.intoArray(c, o1 + 2 * L);
        c20.intoArray(c, o2); c21.intoArray(c, o2 + L); c22.intoArray(c, o2 + 2 * L);
        c30.intoArray(c, o3); c31.intoArray(c, o3 + L); c32.intoArray(c, o3 + 2 * L);
        c40.intoArray(c, o4); c41.intoArray(c, o4 + L); c42.intoArray(c, o4 + 2 * L);
        c50.intoArray(c, o5); c51.intoArray(c, o5 + L); c52.intoArray(c, o5 + 2 * L);
        c60.intoArray(c, o6); c61.intoArray(c, o6 + L); c62.intoArray(c, o6 + 2 * L);
        c70.intoArray(c, o7); c71.intoArray(c, o7 + L); c72.intoArray(c, o7 + 2 * L);
    }

    /** The {@code 8 x 2 vector} tile: 16 accumulators, 2 B vectors and one broadcast A value in registers. */
    private static void tile2(int kc, float[] ap, int aOff, float[] bp, int bOff, int ldb,
                              float[] c, int cOff, int ldc, boolean accumulate) {
        // 1. Load the tile of C (or start from zero).
        int o0 = cOff;
        int o1 = cOff + 1 * ldc;
        int o2 = cOff + 2 * ldc;
        int o3 = cOff + 3 * ldc;
        int o4 = cOff + 4 * ldc;
        int o5 = cOff + 5 * ldc;
        int o6 = cOff + 6 * ldc;
        int o7 = cOff + 7 * ldc;
        FloatVector c00 = accumulate ? FloatVector.fromArray(S, c, o0) : FloatVector.zero(S);
        FloatVector c01 = accumulate ? FloatVector.fromArray(S, c, o0 + L) : FloatVector.zero(S);
        FloatVector c10 = accumulate ? FloatVector.fromArray(S, c, o1) : FloatVector.zero(S);
        FloatVector c11 = accumulate ? FloatVector.fromArray(S, c, o1 + L) : FloatVector.zero(S);
        FloatVector c20 = accumulate ? FloatVector.fromArray(S, c, o2) : FloatVector.zero(S);
        FloatVector c21 = accumulate ? FloatVector.fromArray(S, c, o2 + L) : FloatVector.zero(S);
        FloatVector c30 = accumulate ? FloatVector.fromArray(S, c, o3) : FloatVector.zero(S);
        FloatVector c31 = accumulate ? FloatVector.fromArray(S, c, o3 + L) : FloatVector.zero(S);
        FloatVector c40 = accumulate ? FloatVector.fromArray(S, c, o4) : FloatVector.zero(S);
        FloatVector c41 = accumulate ? FloatVector.fromArray(S, c, o4 + L) : FloatVector.zero(S);
        FloatVector c50 = accumulate ? FloatVector.fromArray(S, c, o5) : FloatVector.zero(S);
        FloatVector c51 = accumulate ? FloatVector.fromArray(S, c, o5 + L) : FloatVector.zero(S);
        FloatVector c60 = accumulate ? FloatVector.fromArray(S, c, o6) : FloatVector.zero(S);
        FloatVector c61 = accumulate ? FloatVector.fromArray(S, c, o6 + L) : FloatVector.zero(S);
        FloatVector c70 = accumulate ? FloatVector.fromArray(S, c, o7) : FloatVector.zero(S);
        FloatVector c71 = accumulate ? FloatVector.fromArray(S, c, o7 + L) : FloatVector.zero(S);
        // 2. One rank-1 update per p: tile += (column p of the A panel) x (row p of the B panel).
        for (int p = 0; p < kc; p++) {
            int b = bOff + p * ldb;
            int a = aOff + p * ROWS;
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
            FloatVector x;
            x = FloatVector.broadcast(S, ap[a]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, ap[a + 1]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, ap[a + 2]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, ap[a + 3]);
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, ap[a + 4]);
            c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, ap[a + 5]);
            c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, ap[a + 6]);
            c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, ap[a + 7]);
            c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
        }
        // 3. Store the tile.
        c00.intoArray(c, o0); c01.intoArray(c, o0 + L);
        c10.intoArray(c, o1); c11.intoArray(c, o1 + L);
        c20.intoArray(c, o2); c21.intoArray(c, o2 + L);
        c30.intoArray(c, o3); c31.intoArray(c, o3 + L);
        c40.intoArray(c, o4); c41.intoArray(c, o4 + L);
        c50.intoArray(c, o5); c51.intoArray(c, o5 + L);
        c60.intoArray(c, o6); c61.intoArray(c, o6 + L);
        c70.intoArray(c, o7); c71.intoArray(c, o7 + L);
    }

    /** The {@code 8 x 1 vector} tile: 8 accumulators, 1 B vectors and one broadcast A value in registers. */
    private static void tile1(int kc, float[] ap, int aOff, float[] bp, int bOff, int ldb,
                              float[] c, int cOff, int ldc, boolean accumulate) {
        // 1. Load the tile of C (or start from zero).
        int o0 = cOff;
        int o1 = cOff + 1 * ldc;
        int o2 = cOff + 2 * ldc;
        int o3 = cOff + 3 * ldc;
        int o4 = cOff + 4 * ldc;
        int o5 = cOff + 5 * ldc;
        int o6 = cOff + 6 * ldc;
        int o7 = cOff + 7 * ldc;
        FloatVector c00 = accumulate ? FloatVector.fromArray(S, c, o0) : FloatVector.zero(S);
        FloatVector c10 = accumulate ? FloatVector.fromArray(S, c, o1) : FloatVector.zero(S);
        FloatVector c20 = accumulate ? FloatVector.fromArray(S, c, o2) : FloatVector.zero(S);
        FloatVector c30 = accumulate ? FloatVector.fromArray(S, c, o3) : FloatVector.zero(S);
        FloatVector c40 = accumulate ? FloatVector.fromArray(S, c, o4) : FloatVector.zero(S);
        FloatVector c50 = accumulate ? FloatVector.fromArray(S, c, o5) : FloatVector.zero(S);
        FloatVector c60 = accumulate ? FloatVector.fromArray(S, c, o6) : FloatVector.zero(S);
        FloatVector c70 = accumulate ? FloatVector.fromArray(S, c, o7) : FloatVector.zero(S);
        // 2. One rank-1 update per p: tile += (column p of the A panel) x (row p of the B panel).
        for (int p = 0; p < kc; p++) {
            int b = bOff + p * ldb;
            int a = aOff + p * ROWS;
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector x;
            x = FloatVector.broadcast(S, ap[a]);
            c00 = x.fma(b0, c00);
            x = FloatVector.broadcast(S, ap[a + 1]);
            c10 = x.fma(b0, c10);
            x = FloatVector.broadcast(S, ap[a + 2]);
            c20 = x.fma(b0, c20);
            x = FloatVector.broadcast(S, ap[a + 3]);
            c30 = x.fma(b0, c30);
            x = FloatVector.broadcast(S, ap[a + 4]);
            c40 = x.fma(b0, c40);
            x = FloatVector.broadcast(S, ap[a + 5]);
            c50 = x.fma(b0, c50);
            x = FloatVector.broadcast(S, ap[a + 6]);
            c60 = x.fma(b0, c60);
            x = FloatVector.broadcast(S, ap[a + 7]);
            c70 = x.fma(b0, c70);
        }
        // 3. Store the tile.
        c00.intoArray(c, o0);
        c10.intoArray(c, o1);
        c20.intoArray(c, o2);
        c30.intoArray(c, o3);
        c40.intoArray(c, o4);
        c50.intoArray(c, o5);
        c60.intoArray(c, o6);
        c70.intoArray(c, o7);
    }

    /**
     * {@link MicroKernel#tileUnpackedA}: {@link #tile3}, {@link #tile2} or {@link #tile1} with each
     * of the 8 rows of A read from where it is stored, 8 streams that advance one float per step
     * (the hardware prefetcher follows them). Copies of the packed tiles, not versions of them with
     * strides: a packed tile reads its 8 values at constant offsets from one index, and given row
     * and depth strides as arguments {@link #tile1} ran 27% slower on packed panels (80 against 110
     * GFLOP/s on one core, measured), and {@link #tile3}, the tile of nearly every product, 4% slower
     * (206 to 208 against 211 to 217 GFLOP/s on one core, 16 panels of depth 512 taking turns in
     * one JVM; as fast as this copy on unpacked rows).
     */
    @Override
    public void tileUnpackedA(int kc, float[] a, int aOff, int lda, float[] bp, int bOff, int vectors,
                              float[] c, int cOff, int ldc, boolean accumulate) {
        switch (vectors) {
            case 3:
                tileUnpackedA3(kc, a, aOff, lda, bp, bOff, c, cOff, ldc, accumulate);
                break;
            case 2:
                tileUnpackedA2(kc, a, aOff, lda, bp, bOff, c, cOff, ldc, accumulate);
                break;
            case 1:
                tileUnpackedA1(kc, a, aOff, lda, bp, bOff, c, cOff, ldc, accumulate);
                break;
            default:
                throw new IllegalArgumentException("tile width must be 1 to 3 vectors, got " + vectors);
        }
    }

    /** {@link #tile3} with A unpacked: row r of A is {@code a[aOff + r * lda + p]}. */
    private static void tileUnpackedA3(int kc, float[] a, int aOff, int lda, float[] bp, int bOff,
                                       float[] c, int cOff, int ldc, boolean accumulate) {
        int o0 = cOff;
        int o1 = cOff + 1 * ldc;
        int o2 = cOff + 2 * ldc;
        int o3 = cOff + 3 * ldc;
        int o4 = cOff + 4 * ldc;
        int o5 = cOff + 5 * ldc;
        int o6 = cOff + 6 * ldc;
        int o7 = cOff + 7 * ldc;
        FloatVector c00 = accumulate ? FloatVector.fromArray(S, c, o0) : FloatVector.zero(S);
        FloatVector c01 = accumulate ? FloatVector.fromArray(S, c, o0 + L) : FloatVector.zero(S);
        FloatVector c02 = accumulate ? FloatVector.fromArray(S, c, o0 + 2 * L) : FloatVector.zero(S);
        FloatVector c10 = accumulate ? FloatVector.fromArray(S, c, o1) : FloatVector.zero(S);
        FloatVector c11 = accumulate ? FloatVector.fromArray(S, c, o1 + L) : FloatVector.zero(S);
        FloatVector c12 = accumulate ? FloatVector.fromArray(S, c, o1 + 2 * L) : FloatVector.zero(S);
        FloatVector c20 = accumulate ? FloatVector.fromArray(S, c, o2) : FloatVector.zero(S);
        FloatVector c21 = accumulate ? FloatVector.fromArray(S, c, o2 + L) : FloatVector.zero(S);
        FloatVector c22 = accumulate ? FloatVector.fromArray(S, c, o2 + 2 * L) : FloatVector.zero(S);
        FloatVector c30 = accumulate ? FloatVector.fromArray(S, c, o3) : FloatVector.zero(S);
        FloatVector c31 = accumulate ? FloatVector.fromArray(S, c, o3 + L) : FloatVector.zero(S);
        FloatVector c32 = accumulate ? FloatVector.fromArray(S, c, o3 + 2 * L) : FloatVector.zero(S);
        FloatVector c40 = accumulate ? FloatVector.fromArray(S, c, o4) : FloatVector.zero(S);
        FloatVector c41 = accumulate ? FloatVector.fromArray(S, c, o4 + L) : FloatVector.zero(S);
        FloatVector c42 = accumulate ? FloatVector.fromArray(S, c, o4 + 2 * L) : FloatVector.zero(S);
        FloatVector c50 = accumulate ? FloatVector.fromArray(S, c, o5) : FloatVector.zero(S);
        FloatVector c51 = accumulate ? FloatVector.fromArray(S, c, o5 + L) : FloatVector.zero(S);
        FloatVector c52 = accumulate ? FloatVector.fromArray(S, c, o5 + 2 * L) : FloatVector.zero(S);
        FloatVector c60 = accumulate ? FloatVector.fromArray(S, c, o6) : FloatVector.zero(S);
        FloatVector c61 = accumulate ? FloatVector.fromArray(S, c, o6 + L) : FloatVector.zero(S);
        FloatVector c62 = accumulate ? FloatVector.fromArray(S, c, o6 + 2 * L) : FloatVector.zero(S);
        FloatVector c70 = accumulate ? FloatVector.fromArray(S, c, o7) : FloatVector.zero(S);
        FloatVector c71 = accumulate ? FloatVector.fromArray(S, c, o7 + L) : FloatVector.zero(S);
        FloatVector c72 = accumulate ? FloatVector.fromArray(S, c, o7 + 2 * L) : FloatVector.zero(S);
        int a0 = aOff;
        int a1 = aOff + 1 * lda;
        int a2 = aOff + 2 * lda;
        int a3 = aOff + 3 * lda;
        int a4 = aOff + 4 * lda;
        int a5 = aOff + 5 * lda;
        int a6 = aOff + 6 * lda;
        int a7 = aOff + 7 * lda;
        for (int p = 0; p < kc; p++) {
            int b = bOff + p * (3 * L);
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
            FloatVector b2 = FloatVector.fromArray(S, bp, b + 2 * L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[a0 + p]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01); c02 = x.fma(b2, c02);
            x = FloatVector.broadcast(S, a[a1 + p]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11); c12 = x.fma(b2, c12);
            x = FloatVector.broadcast(S, a[a2 + p]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21); c22 = x.fma(b2, c22);
            x = FloatVector.broadcast(S, a[a3 + p]);
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31); c32 = x.fma(b2, c32);
            x = FloatVector.broadcast(S, a[a4 + p]);
            c40 = x.fma(b0, c40); c41 = x.fma(b1, c41); c42 = x.fma(b2, c42);
            x = FloatVector.broadcast(S, a[a5 + p]);
            c50 = x.fma(b0, c50); c51 = x.fma(b1, c51); c52 = x.fma(b2, c52);
            x = FloatVector.broadcast(S, a[a6 + p]);
            c60 = x.fma(b0, c60); c61 = x.fma(b1, c61); c62 = x.fma(b2, c62);
            x = FloatVector.broadcast(S, a[a7 + p]);
            c70 = x.fma(b0, c70); c71 = x.fma(b1, c71); c72 = x.fma(b2, c72);
        }
        c00.intoArray(c, o0); c01.intoArray(c, o0 + L); c02.intoArray(c, o0 + 2 * L);
        c10.intoArray(c, o1); c11.intoArray(c, o1 + L); c12.intoArray(c, o1 + 2 * L);
        c20.intoArray(c, o2); c21.intoArray(c, o2 + L); c22.intoArray(c, o2 + 2 * L);
        c30.intoArray(c, o3); c31.intoArray(c, o3 + L); c32.intoArray(c, o3 + 2 * L);
        c40.intoArray(c, o4); c41.intoArray(c, o4 + L); c42.intoArray(c, o4 + 2 * L);
        c50.intoArray(c, o5); c51.intoArray(c, o5 + L); c52.intoArray(c, o5 + 2 * L);
        c60.intoArray(c, o6); c61.intoArray(c, o6 + L); c62.intoArray(c, o6 + 2 * L);
        c70.intoArray(c, o7); c71.intoArray(c, o7 + L); c72.intoArray(c, o7 + 2 * L);
    }

    /** {@link #tile2} with A unpacked: row r of A is {@code a[aOff + r * lda + p]}. */
    private static void tileUnpackedA2(int kc, float[] a, int aOff, int lda, float[] bp, int bOff,
                                       float[] c, int cOff, int ldc, boolean accumulate) {
        int o0 = cOff;
        int o1 = cOff + 1 * ldc;
        int o2 = cOff + 2 * ldc;
        int o3 = cOff + 3 * ldc;
        int o4 = cOff + 4 * ldc;
        int o5 = cOff + 5 * ldc;
        int o6 = cOff + 6 * ldc;
        int o7 = cOff + 7 * ldc;
        FloatVector c00 = accumulate ? FloatVector.fromArray(S, c, o0) : FloatVector.zero(S);
        FloatVector c01 = accumulate ? FloatVector.fromArray(S, c, o0 + L) : FloatVector.zero(S);
        FloatVector c10 = accumulate ? FloatVector.fromArray(S, c, o1) : FloatVector.zero(S);
        FloatVector c11 = accumulate ? FloatVector.fromArray(S, c, o1 + L) : FloatVector.zero(S);
        FloatVector c20 = accumulate ? FloatVector.fromArray(S, c, o2) : FloatVector.zero(S);
        FloatVector c21 = accumulate ? FloatVector.fromArray(S, c, o2 + L) : FloatVector.zero(S);
        FloatVector c30 = accumulate ? FloatVector.fromArray(S, c, o3) : FloatVector.zero(S);
        FloatVector c31 = accumulate ? FloatVector.fromArray(S, c, o3 + L) : FloatVector.zero(S);
        FloatVector c40 = accumulate ? FloatVector.fromArray(S, c, o4) : FloatVector.zero(S);
        FloatVector c41 = accumulate ? FloatVector.fromArray(S, c, o4 + L) : FloatVector.zero(S);
        FloatVector c50 = accumulate ? FloatVector.fromArray(S, c, o5) : FloatVector.zero(S);
        FloatVector c51 = accumulate ? FloatVector.fromArray(S, c, o5 + L) : FloatVector.zero(S);
        FloatVector c60 = accumulate ? FloatVector.fromArray(S, c, o6) : FloatVector.zero(S);
        FloatVector c61 = accumulate ? FloatVector.fromArray(S, c, o6 + L) : FloatVector.zero(S);
        FloatVector c70 = accumulate ? FloatVector.fromArray(S, c, o7) : FloatVector.zero(S);
        FloatVector c71 = accumulate ? FloatVector.fromArray(S, c, o7 + L) : FloatVector.zero(S);
        int a0 = aOff;
        int a1 = aOff + 1 * lda;
        int a2 = aOff + 2 * lda;
        int a3 = aOff + 3 * lda;
        int a4 = aOff + 4 * lda;
        int a5 = aOff + 5 * lda;
        int a6 = aOff + 6 * lda;
        int a7 = aOff + 7 * lda;
        for (int p = 0; p < kc; p++) {
            int b = bOff + p * (2 * L);
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[a0 + p]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[a1 + p]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[a2 + p]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[a3 + p]);
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[a4 + p]);
            c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[a5 + p]);
            c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, a[a6 + p]);
            c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, a[a7 + p]);
            c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
        }
        c00.intoArray(c, o0); c01.intoArray(c, o0 + L);
        c10.intoArray(c, o1); c11.intoArray(c, o1 + L);
        c20.intoArray(c, o2); c21.intoArray(c, o2 + L);
        c30.intoArray(c, o3); c31.intoArray(c, o3 + L);
        c40.intoArray(c, o4); c41.intoArray(c, o4 + L);
        c50.intoArray(c, o5); c51.intoArray(c, o5 + L);
        c60.intoArray(c, o6); c61.intoArray(c, o6 + L);
        c70.intoArray(c, o7); c71.intoArray(c, o7 + L);
    }

    /** {@link #tile1} with A unpacked: row r of A is {@code a[aOff + r * lda + p]}. */
    private static void tileUnpackedA1(int kc, float[] a, int aOff, int lda, float[] bp, int bOff,
                                       float[] c, int cOff, int ldc, boolean accumulate) {
        int o0 = cOff;
        int o1 = cOff + 1 * ldc;
        int o2 = cOff + 2 * ldc;
        int o3 = cOff + 3 * ldc;
        int o4 = cOff + 4 * ldc;
        int o5 = cOff + 5 * ldc;
        int o6 = cOff + 6 * ldc;
        int o7 = cOff + 7 * ldc;
        FloatVector c00 = accumulate ? FloatVector.fromArray(S, c, o0) : FloatVector.zero(S);
        FloatVector c10 = accumulate ? FloatVector.fromArray(S, c, o1) : FloatVector.zero(S);
        FloatVector c20 = accumulate ? FloatVector.fromArray(S, c, o2) : FloatVector.zero(S);
        FloatVector c30 = accumulate ? FloatVector.fromArray(S, c, o3) : FloatVector.zero(S);
        FloatVector c40 = accumulate ? FloatVector.fromArray(S, c, o4) : FloatVector.zero(S);
        FloatVector c50 = accumulate ? FloatVector.fromArray(S, c, o5) : FloatVector.zero(S);
        FloatVector c60 = accumulate ? FloatVector.fromArray(S, c, o6) : FloatVector.zero(S);
        FloatVector c70 = accumulate ? FloatVector.fromArray(S, c, o7) : FloatVector.zero(S);
        int a0 = aOff;
        int a1 = aOff + 1 * lda;
        int a2 = aOff + 2 * lda;
        int a3 = aOff + 3 * lda;
        int a4 = aOff + 4 * lda;
        int a5 = aOff + 5 * lda;
        int a6 = aOff + 6 * lda;
        int a7 = aOff + 7 * lda;
        for (int p = 0; p < kc; p++) {
            int b = bOff + p * L;
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector x;
            x = FloatVector.broadcast(S, a[a0 + p]);
            c00 = x.fma(b0, c00);
            x = FloatVector.broadcast(S, a[a1 + p]);
            c10 = x.fma(b0, c10);
            x = FloatVector.broadcast(S, a[a2 + p]);
            c20 = x.fma(b0, c20);
            x = FloatVector.broadcast(S, a[a3 + p]);
            c30 = x.fma(b0, c30);
            x = FloatVector.broadcast(S, a[a4 + p]);
            c40 = x.fma(b0, c40);
            x = FloatVector.broadcast(S, a[a5 + p]);
            c50 = x.fma(b0, c50);
            x = FloatVector.broadcast(S, a[a6 + p]);
            c60 = x.fma(b0, c60);
            x = FloatVector.broadcast(S, a[a7 + p]);
            c70 = x.fma(b0, c70);
        }
        c00.intoArray(c, o0);
        c10.intoArray(c, o1);
        c20.intoArray(c, o2);
        c30.intoArray(c, o3);
        c40.intoArray(c, o4);
        c50.intoArray(c, o5);
        c60.intoArray(c, o6);
        c70.intoArray(c, o7);
    }

    /** {@link MicroKernel#momentum} a vector at a time: the same multiplications and additions, lane by lane. */
    @Override
    public void momentum(float[] g, float[] w, float[] v, int off, int len, float mu, float lr) {
        int i = off;
        for (int end = off + S.loopBound(len); i < end; i += L) {
            FloatVector vv = FloatVector.fromArray(S, v, i).mul(mu).add(FloatVector.fromArray(S, g, i));
            vv.intoArray(v, i);
            FloatVector.fromArray(S, w, i).sub(vv.mul(lr)).intoArray(w, i);
        }
        MicroKernel.super.momentum(g, w, v, i, off + len - i, mu, lr);
    }

    // ---- The transpose for abt, 16 x 16 floats at a time ----------------------------------------

    /**
     * Packs B for {@code abt} (see {@link MicroKernel#packTransposed}). With 16-float vectors, whole
     * 16 x 16 blocks are transposed in registers ({@link #transpose16}), about twice as fast as
     * moving one float at a time (measured); the ragged edges, and other vector sizes, use the
     * scalar loop.
     */
    @Override
    public void packTransposed(float[] b, int k, int j0, int cols, int p0, int kc, float[] bp, int off, int width) {
        if (L != 16) {
            GemmDriver.transposeScalar(b, k, j0, 0, cols, p0, 0, kc, bp, off, width);
            return;
        }
        int blockCols = cols / 16 * 16;
        int blockDepth = kc / 16 * 16;
        for (int j = 0; j < blockCols; j += 16) {
            for (int p = 0; p < blockDepth; p += 16) {
                transpose16(b, (j0 + j) * k + p0 + p, k, bp, off + p * width + j, width);
            }
        }
        GemmDriver.transposeScalar(b, k, j0, 0, blockCols, p0, blockDepth, kc, bp, off, width);
        GemmDriver.transposeScalar(b, k, j0, blockCols, cols, p0, 0, kc, bp, off, width);
    }

    /**
     * Packs B for {@code ab} and {@code atb} (see {@link MicroKernel#packRows}): rows whole vectors
     * wide are copied a vector at a time. One {@code System.arraycopy} per row of 48 floats cost
     * more in its call than in its copy: on 128x1024x1024 {@code ab}, packing the weights took
     * 186-199 µs a product on one core against 251-268 (measured in one JVM, the two ways taking
     * turns), the product 3-4% faster.
     */
    @Override
    public void packRows(float[] b, int from, int n, int kc, int cols, float[] bp, int off, int width) {
        if (cols == 3 * L) {
            for (int p = 0; p < kc; p++) {
                int src = from + p * n;
                int dst = off + p * width;
                FloatVector.fromArray(S, b, src).intoArray(bp, dst);
                FloatVector.fromArray(S, b, src + L).intoArray(bp, dst + L);
                FloatVector.fromArray(S, b, src + 2 * L).intoArray(bp, dst + 2 * L);
            }
        } else if (cols == L) {
            for (int p = 0; p < kc; p++) {
                FloatVector.fromArray(S, b, from + p * n).intoArray(bp, off + p * width);
            }
        } else {
            MicroKernel.super.packRows(b, from, n, kc, cols, bp, off, width);
        }
    }

    /**
     * {@link MicroKernel#storeTransposed}: a tile of 16 rows goes to C in 16 x 16 blocks transposed
     * in registers ({@link #transpose16}), each row of C receiving one whole vector; columns past
     * the last whole block, and tiles of fewer rows, one float at a time.
     */
    @Override
    public void storeTransposed(float[] t, int width, int rows, int cols, float[] c, int cOff, int ldc) {
        int done = 0;
        if (L == 16 && rows == 16) {
            for (; done + 16 <= cols; done += 16) {
                transpose16(t, done, width, c, cOff + done * ldc, ldc);
            }
        }
        GemmDriver.storeTransposedScalar(t, width, rows, done, cols, c, cOff, ldc);
    }

    /*
     * transpose16 swaps ever smaller blocks: first the two off-diagonal 8 x 8 blocks, then within
     * each 8 x 8 block the 4 x 4 ones, then 2 x 2, then single floats. At the stage of size d, rows
     * r and r + d exchange halves: the lanes of row r whose index has bit d set take row r + d's
     * lanes shifted up by d (UP), and the lanes of row r + d without bit d take row r's lanes
     * shifted down by d (DN). Each exchange is two lane permutations and two blends, written out
     * in place: calling small methods instead made it too big for the JIT compiler to keep the
     * vectors in registers (measured: twice as slow).
     */
    private static final VectorShuffle<Float> UP8 =
            L == 16 ? VectorShuffle.fromValues(S, 0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 4, 5, 6, 7) : null;
    private static final VectorShuffle<Float> DN8 =
            L == 16 ? VectorShuffle.fromValues(S, 8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15) : null;
    private static final VectorMask<Float> BIT8 =
            L == 16 ? VectorMask.fromLong(S, 0xFF00L) : null;
    private static final VectorShuffle<Float> UP4 =
            L == 16 ? VectorShuffle.fromValues(S, 0, 1, 2, 3, 0, 1, 2, 3, 8, 9, 10, 11, 8, 9, 10, 11) : null;
    private static final VectorShuffle<Float> DN4 =
            L == 16 ? VectorShuffle.fromValues(S, 4, 5, 6, 7, 4, 5, 6, 7, 12, 13, 14, 15, 12, 13, 14, 15) : null;
    private static final VectorMask<Float> BIT4 =
            L == 16 ? VectorMask.fromLong(S, 0xF0F0L) : null;
    private static final VectorShuffle<Float> UP2 =
            L == 16 ? VectorShuffle.fromValues(S, 0, 1, 0, 1, 4, 5, 4, 5, 8, 9, 8, 9, 12, 13, 12, 13) : null;
    private static final VectorShuffle<Float> DN2 =
            L == 16 ? VectorShuffle.fromValues(S, 2, 3, 2, 3, 6, 7, 6, 7, 10, 11, 10, 11, 14, 15, 14, 15) : null;
    private static final VectorMask<Float> BIT2 =
            L == 16 ? VectorMask.fromLong(S, 0xCCCCL) : null;
    private static final VectorShuffle<Float> UP1 =
            L == 16 ? VectorShuffle.fromValues(S, 0, 0, 2, 2, 4, 4, 6, 6, 8, 8, 10, 10, 12, 12, 14, 14) : null;
    private static final VectorShuffle<Float> DN1 =
            L == 16 ? VectorShuffle.fromValues(S, 1, 1, 3, 3, 5, 5, 7, 7, 9, 9, 11, 11, 13, 13, 15, 15) : null;
    private static final VectorMask<Float> BIT1 =
            L == 16 ? VectorMask.fromLong(S, 0xAAAAL) : null;

    /**
     * Reads 16 rows of 16 floats ({@code b[src + r * k + i]}) and writes them transposed:
     * {@code bp[dst + i * ldb + r]}. Needs 16-float vectors.
     */
    private static void transpose16(float[] b, int src, int k, float[] bp, int dst, int ldb) {
        // 1. Load 16 rows.
        FloatVector v0 = FloatVector.fromArray(S, b, src);
        FloatVector v1 = FloatVector.fromArray(S, b, src + 1 * k);
        FloatVector v2 = FloatVector.fromArray(S, b, src + 2 * k);
        FloatVector v3 = FloatVector.fromArray(S, b, src + 3 * k);
        FloatVector v4 = FloatVector.fromArray(S, b, src + 4 * k);
        FloatVector v5 = FloatVector.fromArray(S, b, src + 5 * k);
        FloatVector v6 = FloatVector.fromArray(S, b, src + 6 * k);
        FloatVector v7 = FloatVector.fromArray(S, b, src + 7 * k);
        FloatVector v8 = FloatVector.fromArray(S, b, src + 8 * k);
        FloatVector v9 = FloatVector.fromArray(S, b, src + 9 * k);
        FloatVector v10 = FloatVector.fromArray(S, b, src + 10 * k);
        FloatVector v11 = FloatVector.fromArray(S, b, src + 11 * k);
        FloatVector v12 = FloatVector.fromArray(S, b, src + 12 * k);
        FloatVector v13 = FloatVector.fromArray(S, b, src + 13 * k);
        FloatVector v14 = FloatVector.fromArray(S, b, src + 14 * k);
        FloatVector v15 = FloatVector.fromArray(S, b, src + 15 * k);
        FloatVector t;
        // 2. Exchange 8 x 8 blocks.
        t = v0; v0 = t.blend(v8.rearrange(UP8), BIT8); v8 = t.rearrange(DN8).blend(v8, BIT8);
        t = v1; v1 = t.blend(v9.rearrange(UP8), BIT8); v9 = t.rearrange(DN8).blend(v9, BIT8);
        t = v2; v2 = t.blend(v10.rearrange(UP8), BIT8); v10 = t.rearrange(DN8).blend(v10, BIT8);
        t = v3; v3 = t.blend(v11.rearrange(UP8), BIT8); v11 = t.rearrange(DN8).blend(v11, BIT8);
        t = v4; v4 = t.blend(v12.rearrange(UP8), BIT8); v12 = t.rearrange(DN8).blend(v12, BIT8);
        t = v5; v5 = t.blend(v13.rearrange(UP8), BIT8); v13 = t.rearrange(DN8).blend(v13, BIT8);
        t = v6; v6 = t.blend(v14.rearrange(UP8), BIT8); v14 = t.rearrange(DN8).blend(v14, BIT8);
        t = v7; v7 = t.blend(v15.rearrange(UP8), BIT8); v15 = t.rearrange(DN8).blend(v15, BIT8);
        // 3. Exchange 4 x 4 blocks.
        t = v0; v0 = t.blend(v4.rearrange(UP4), BIT4); v4 = t.rearrange(DN4).blend(v4, BIT4);
        t = v1; v1 = t.blend(v5.rearrange(UP4), BIT4); v5 = t.rearrange(DN4).blend(v5, BIT4);
        t = v2; v2 = t.blend(v6.rearrange(UP4), BIT4); v6 = t.rearrange(DN4).blend(v6, BIT4);
        t = v3; v3 = t.blend(v7.rearrange(UP4), BIT4); v7 = t.rearrange(DN4).blend(v7, BIT4);
        t = v8; v8 = t.blend(v12.rearrange(UP4), BIT4); v12 = t.rearrange(DN4).blend(v12, BIT4);
        t = v9; v9 = t.blend(v13.rearrange(UP4), BIT4); v13 = t.rearrange(DN4).blend(v13, BIT4);
        t = v10; v10 = t.blend(v14.rearrange(UP4), BIT4); v14 = t.rearrange(DN4).blend(v14, BIT4);
        t = v11; v11 = t.blend(v15.rearrange(UP4), BIT4); v15 = t.rearrange(DN4).blend(v15, BIT4);
        // 4. Exchange 2 x 2 blocks.
        t = v0; v0 = t.blend(v2.rearrange(UP2), BIT2); v2 = t.rearrange(DN2).blend(v2, BIT2);
        t = v1; v1 = t.blend(v3.rearrange(UP2), BIT2); v3 = t.rearrange(DN2).blend(v3, BIT2);
        t = v4; v4 = t.blend(v6.rearrange(UP2), BIT2); v6 = t.rearrange(DN2).blend(v6, BIT2);
        t = v5; v5 = t.blend(v7.rearrange(UP2), BIT2); v7 = t.rearrange(DN2).blend(v7, BIT2);
        t = v8; v8 = t.blend(v10.rearrange(UP2), BIT2); v10 = t.rearrange(DN2).blend(v10, BIT2);
        t = v9; v9 = t.blend(v11.rearrange(UP2), BIT2); v11 = t.rearrange(DN2).blend(v11, BIT2);
        t = v12; v12 = t.blend(v14.rearrange(UP2), BIT2); v14 = t.rearrange(DN2).blend(v14, BIT2);
        t = v13; v13 = t.blend(v15.rearrange(UP2), BIT2); v15 = t.rearrange(DN2).blend(v15, BIT2);
        // 5. Exchange single floats.
        t = v0; v0 = t.blend(v1.rearrange(UP1), BIT1); v1 = t.rearrange(DN1).blend(v1, BIT1);
        t = v2; v2 = t.blend(v3.rearrange(UP1), BIT1); v3 = t.rearrange(DN1).blend(v3, BIT1);
        t = v4; v4 = t.blend(v5.rearrange(UP1), BIT1); v5 = t.rearrange(DN1).blend(v5, BIT1);
        t = v6; v6 = t.blend(v7.rearrange(UP1), BIT1); v7 = t.rearrange(DN1).blend(v7, BIT1);
        t = v8; v8 = t.blend(v9.rearrange(UP1), BIT1); v9 = t.rearrange(DN1).blend(v9, BIT1);
        t = v10; v10 = t.blend(v11.rearrange(UP1), BIT1); v11 = t.rearrange(DN1).blend(v11, BIT1);
        t = v12; v12 = t.blend(v13.rearrange(UP1), BIT1); v13 = t.rearrange(DN1).blend(v13, BIT1);
        t = v14; v14 = t.blend(v15.rearrange(UP1), BIT1); v15 = t.rearrange(DN1).blend(v15, BIT1);
        // 6. Store: vector i now holds column i of the block.
        v0.intoArray(bp, dst); v1.intoArray(bp, dst + 1 * ldb);
        v2.intoArray(bp, dst + 2 * ldb); v3.intoArray(bp, dst + 3 * ldb);
        v4.intoArray(bp, dst + 4 * ldb); v5.intoArray(bp, dst + 5 * ldb);
        v6.intoArray(bp, dst + 6 * ldb); v7.intoArray(bp, dst + 7 * ldb);
        v8.intoArray(bp, dst + 8 * ldb); v9.intoArray(bp, dst + 9 * ldb);
        v10.intoArray(bp, dst + 10 * ldb); v11.intoArray(bp, dst + 11 * ldb);
        v12.intoArray(bp, dst + 12 * ldb); v13.intoArray(bp, dst + 13 * ldb);
        v14.intoArray(bp, dst + 14 * ldb); v15.intoArray(bp, dst + 15 * ldb);
    }
}
