package dev.knobs.nn.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fast {@link MicroKernel}, written with the Vector API ({@code jdk.incubator.vector}).
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
 * in all, until the kernel has been compiled.
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
    public void tile(int kc, float[] ap, int aOff, float[] bp, int bOff, int vectors,
                     float[] c, int cOff, int ldc, boolean accumulate) {
        switch (vectors) {
            case 3:
                tile3(kc, ap, aOff, bp, bOff, c, cOff, ldc, accumulate);
                break;
            case 2:
                tile2(kc, ap, aOff, bp, bOff, c, cOff, ldc, accumulate);
                break;
            case 1:
                tile1(kc, ap, aOff, bp, bOff, c, cOff, ldc, accumulate);
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
    private static void tile3(int kc, float[] ap, int aOff, float[] bp, int bOff,
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
            int b = bOff + p * (3 * L);
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
    private static void tile2(int kc, float[] ap, int aOff, float[] bp, int bOff,
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
            int b = bOff + p * (2 * L);
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
    private static void tile1(int kc, float[] ap, int aOff, float[] bp, int bOff,
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
            int b = bOff + p * L;
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
}
