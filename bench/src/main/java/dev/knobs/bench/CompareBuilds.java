package dev.knobs.bench;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Two builds of nn-core in one JVM, taking turns on one matrix product: the way to tell whether a
 * kernel change is faster on a machine whose speed changes from one second to the next.
 *
 * <p>Two benchmark runs a minute apart met different moments of the machine (in one sitting the
 * same code measured 256 and 330 GFLOP/s a few minutes apart), so "before" and "after" in separate
 * JVMs compare moments more than code. Here each build is loaded by a class loader of its own
 * (nn-core's classes in two copies, each with its own workers), and the two run the same product
 * on the same arrays for {@value #TURN_NANOS} ns each, in turn, {@code turns} times: each ratio
 * compares two runs a third of a second apart. The order alternates from turn to turn: the
 * build that always ran second measured 5 to 9% faster than the same code run first (a build
 * against itself). Load each comparison both ways round too (swap the two jars): the two
 * copies' arrays and workers sit in different places in memory, which can favour one of them.
 *
 * <pre>
 *   mvn -B -q -pl bench exec:java -Dbench.mainClass=dev.knobs.bench.CompareBuilds \
 *       -Dexec.args="before.jar after.jar atbMomentum 256 128 784"
 *   compare atbMomentum 256x128x784, 8 turns of 0.3 s each
 *   turn 1: before.jar 210.3 GFLOP/s, after.jar 262.0 GFLOP/s, ratio 1.25
 *   ...
 *   after / before: median 1.24 (1.06 to 1.48)
 * </pre>
 *
 * Each jar (or class folder) must hold nn-core's classes, as {@code knobs-nn-core-*.jar} or a
 * benchmark jar does. The forms are those of {@code Gemm}: {@code ab}, {@code atb}, {@code abt},
 * and {@code atbMomentum} (the weight gradient with the momentum step riding on it); m, k and n
 * are the product's sizes as {@code Gemm} takes them. Threads: each build's default, the cores.
 */
public final class CompareBuilds {
    /** How long each build runs the product in one turn. */
    static final long TURN_NANOS = 300_000_000L;
    /** Turns when none are given. */
    static final int DEFAULT_TURNS = 8;
    static final List<String> FORMS = List.of("ab", "atb", "abt", "atbMomentum");

    private CompareBuilds() {}

    /** Arguments: the two builds, the form, m, k, n, and optionally the number of turns. */
    public static void main(String[] args) {
        try {
            run(System.out, args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("usage: CompareBuilds BEFORE.jar AFTER.jar FORM M K N [TURNS]   (FORM: " + FORMS + ")");
            System.exit(2);
        }
    }

    static void run(PrintStream out, String[] args) {
        if (args.length < 6 || args.length > 7) {
            throw new IllegalArgumentException("expected 6 or 7 arguments, got " + args.length);
        }
        String form = args[2];
        if (!FORMS.contains(form)) {
            throw new IllegalArgumentException("unknown form '" + form + "'; use one of " + FORMS);
        }
        int m = positive("m", args[3]);
        int k = positive("k", args[4]);
        int n = positive("n", args[5]);
        int turns = args.length == 7 ? positive("turns", args[6]) : DEFAULT_TURNS;
        Method[] builds = {product(Path.of(args[0]), form), product(Path.of(args[1]), form)};
        SplittableRandom random = new SplittableRandom(1);
        float[] a = random(random, m * k);
        float[] b = random(random, k * n);
        float[] c = new float[m * n];
        Object[] call = form.equals("atbMomentum")
                ? new Object[] {m, k, n, a, b, c, new float[m * n], new float[m * n], 0.9f, 1e-9f}
                : new Object[] {m, k, n, a, b, c};
        double flops = 2.0 * m * k * n;
        out.printf(Locale.ROOT, "compare %s %dx%dx%d, %d turns of %.1f s each%n", form, m, k, n, turns, TURN_NANOS / 1e9);
        for (int i = 0; i < 100; i++) {                       // let the JIT compile both builds' kernels
            invoke(builds[0], call);
            invoke(builds[1], call);
        }
        double[] ratios = new double[turns];
        for (int t = 0; t < turns; t++) {
            boolean beforeFirst = t % 2 == 0;                 // the order alternates: neither build always runs second
            double first = rate(builds[beforeFirst ? 0 : 1], call, flops);
            double second = rate(builds[beforeFirst ? 1 : 0], call, flops);
            double before = beforeFirst ? first : second;
            double after = beforeFirst ? second : first;
            ratios[t] = after / before;
            out.printf(Locale.ROOT, "turn %d: %s %.1f GFLOP/s, %s %.1f GFLOP/s, ratio %.2f%n", t + 1,
                    Path.of(args[0]).getFileName(), before, Path.of(args[1]).getFileName(), after, ratios[t]);
        }
        out.println("after / before: " + summary(ratios));
    }

    /** "median 1.24 (1.06 to 1.48)" of the ratios. */
    static String summary(double[] ratios) {
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "median %.2f (%.2f to %.2f)", TrainBench.median(sorted), sorted[0],
                sorted[sorted.length - 1]);
    }

    /** GFLOP/s of the product over one turn. */
    private static double rate(Method product, Object[] call, double flops) {
        long start = System.nanoTime();
        long calls = 0;
        do {
            invoke(product, call);
            calls++;
        } while (System.nanoTime() - start < TURN_NANOS);
        return flops * calls / (System.nanoTime() - start);
    }

    /**
     * {@code Gemm.<form>} of the nn-core in {@code build}, loaded apart from the one this class
     * came with: the class loader's parent is the platform loader, which knows the JDK's modules
     * (the Vector API among them) but none of the project's classes.
     */
    static Method product(Path build, String form) {
        if (!Files.exists(build)) {
            throw new IllegalArgumentException(build + " does not exist: give two jars (or class folders) of nn-core");
        }
        try {
            URLClassLoader loader = new URLClassLoader(new URL[] {build.toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
            Class<?> gemm = loader.loadClass("dev.knobs.nn.kernel.Gemm");
            List<Class<?>> types = new ArrayList<>(List.of(int.class, int.class, int.class, float[].class,
                    float[].class, float[].class));
            if (form.equals("atbMomentum")) {
                types.addAll(List.of(float[].class, float[].class, float.class, float.class));
            }
            return gemm.getMethod(form, types.toArray(new Class<?>[0]));
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException(build + " holds no nn-core (no dev.knobs.nn.kernel.Gemm in it)");
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("the nn-core in " + build + " has no Gemm." + form);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(build + " is not a usable path: " + e.getMessage());
        }
    }

    private static void invoke(Method product, Object[] call) {
        try {
            product.invoke(null, call);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the product failed: " + e.getCause(), e.getCause());
        }
    }

    private static int positive(String name, String value) {
        try {
            int v = Integer.parseInt(value.trim());
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // the message below says what was wrong
        }
        throw new IllegalArgumentException(name + " must be a whole number of at least 1, got '" + value + "'");
    }

    private static float[] random(SplittableRandom random, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return x;
    }
}
