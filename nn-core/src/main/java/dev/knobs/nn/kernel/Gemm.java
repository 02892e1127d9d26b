package dev.knobs.nn.kernel;

import dev.knobs.nn.kernel.GemmDriver.Form;
import java.util.Locale;
import java.util.Objects;

/**
 * Matrix multiply in the three forms backpropagation needs. All matrices are row-major
 * {@code float[]}; the output {@code c} is overwritten (never accumulated into).
 *
 * <pre>
 *   ab : C = A·B     A: [m,k]  B: [k,n]  C: [m,n]   (dX = dZ·W)
 *   atb: C = Aᵀ·B    A: [k,m]  B: [k,n]  C: [m,n]   (dW = dZᵀ·X)
 *   abt: C = A·Bᵀ    A: [m,k]  B: [n,k]  C: [m,n]   (Z  = X·Wᵀ)
 * </pre>
 *
 * TODO full explanation.
 */
public final class Gemm {
    private static final MicroKernel SCALAR = new ScalarMicroKernel();
    private static final MicroKernel CHOSEN = choose();

    private Gemm() {}

    /** C = A·B. A: [m,k], B: [k,n], C: [m,n] overwritten. */
    public static void ab(int m, int k, int n, float[] a, float[] b, float[] c) {
        multiply(CHOSEN, Form.AB, m, k, n, a, b, c);
    }

    /** C = Aᵀ·B. A: [k,m], B: [k,n], C: [m,n] overwritten. */
    public static void atb(int m, int k, int n, float[] a, float[] b, float[] c) {
        multiply(CHOSEN, Form.ATB, m, k, n, a, b, c);
    }

    /** C = A·Bᵀ. A: [m,k], B: [n,k], C: [m,n] overwritten. */
    public static void abt(int m, int k, int n, float[] a, float[] b, float[] c) {
        multiply(CHOSEN, Form.ABT, m, k, n, a, b, c);
    }

    /** "vector" or "scalar": the implementation in use. */
    public static String implementation() {
        return CHOSEN.name();
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
        GemmDriver.multiply(kernel, form, m, k, n, a, b, c);
    }

    private static void check(Form form, int m, int k, int n, float[] a, float[] b, float[] c) {
        String where = "Gemm." + form.label + " (" + form.math + ", " + form.aShape + ", " + form.bShape
                + ", C: [m,n]) with m=" + m + ", k=" + k + ", n=" + n;
        if (m < 0 || k < 0 || n < 0) {
            throw new IllegalArgumentException(where + ": sizes must not be negative");
        }
        Objects.requireNonNull(a, () -> where + ": a is null");
        Objects.requireNonNull(b, () -> where + ": b is null");
        Objects.requireNonNull(c, () -> where + ": c is null");
        checkLength(where, "a", a, (long) m * k, "m*k");
        checkLength(where, "b", b, (long) k * n, form == Form.ABT ? "n*k" : "k*n");
        checkLength(where, "c", c, (long) m * n, "m*n");
        if (c == a || c == b) {
            throw new IllegalArgumentException(where + ": c must be a different array from a and b");
        }
    }

    private static void checkLength(String where, String name, float[] x, long needed, String formula) {
        if (x.length < needed) {
            throw new IllegalArgumentException(where + ": " + name + " has " + x.length
                    + " floats but needs at least " + formula + " = " + needed);
        }
    }

    private static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** Creates the Vector API kernel on first use only, so a scalar run never loads those classes. */
    private static final class VectorHolder {
        static final MicroKernel KERNEL = vectorModulePresent() ? new VectorMicroKernel() : null;
    }

    private static MicroKernel choose() {
        String wanted = System.getProperty("knobs.kernel", "auto").trim().toLowerCase(Locale.ROOT);
        switch (wanted) {
            case "auto":
            case "":
                return vectorModulePresent() ? VectorHolder.KERNEL : SCALAR;
            case "scalar":
                return SCALAR;
            case "vector":
                if (!vectorModulePresent()) {
                    throw new IllegalStateException("-Dknobs.kernel=vector needs the Vector API:"
                            + " run java with --add-modules=jdk.incubator.vector");
                }
                return VectorHolder.KERNEL;
            default:
                throw new IllegalArgumentException("-Dknobs.kernel must be auto, vector or scalar, got '"
                        + System.getProperty("knobs.kernel") + "'");
        }
    }
}
