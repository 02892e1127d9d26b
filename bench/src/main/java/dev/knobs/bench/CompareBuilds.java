package dev.knobs.bench;

import dev.knobs.nn.layer.Mlp;
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
import java.util.function.DoubleSupplier;

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
 *
 * <p>The form {@code step} compares whole training steps instead: {@code step 784-256-128-10}
 * builds the {@code train} part's network and step in each build (ReLU, He init, dropout 0.2,
 * momentum 0.9, η = 0.05, batches of 128) and trains each on the same 16 batches of random
 * pixels and labels, round and round, in examples per second. It shows what no single product
 * does: the small network's step is many short calls and passes, each with its own overheads.
 * <pre>
 *   mvn -B -q -pl bench exec:java -Dbench.mainClass=dev.knobs.bench.CompareBuilds \
 *       -Dexec.args="before.jar after.jar step 784-256-128-10"
 * </pre>
 */
public final class CompareBuilds {
    /** How long each build runs the product in one turn. */
    static final long TURN_NANOS = 300_000_000L;
    /** How long both builds run, taking turns call by call, before the first turn: a training step needs seconds to compile. */
    static final long WARM_UP_NANOS = 2_000_000_000L;
    /** Turns when none are given. */
    static final int DEFAULT_TURNS = 8;
    static final List<String> FORMS = List.of("ab", "atb", "abt", "atbMomentum", "step");
    /** The random batches each build's training step goes round in the form {@code step}. */
    static final int STEP_BATCHES = 16;

    private CompareBuilds() {}

    /** Arguments: the two builds, the form, m, k, n, and optionally the number of turns. */
    public static void main(String[] args) {
        try {
            run(System.out, args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("usage: CompareBuilds BEFORE.jar AFTER.jar FORM M K N [TURNS]   (FORM: " + FORMS.subList(0, 4) + ")");
            System.err.println("       CompareBuilds BEFORE.jar AFTER.jar step ARCHITECTURE [TURNS]   (e.g. 784-256-128-10)");
            System.exit(2);
        }
    }

    static void run(PrintStream out, String[] args) {
        if (args.length < 3) {
            throw new IllegalArgumentException("expected the two builds, a form and its sizes, got " + args.length
                    + " arguments");
        }
        String form = args[2];
        if (!FORMS.contains(form)) {
            throw new IllegalArgumentException("unknown form '" + form + "'; use one of " + FORMS);
        }
        boolean step = form.equals("step");
        int sizes = step ? 1 : 3;
        if (args.length < 3 + sizes || args.length > 4 + sizes) {
            throw new IllegalArgumentException("the form " + form + " takes " + (step ? "an architecture" : "m, k and n")
                    + " and optionally the turns: expected " + (3 + sizes) + " or " + (4 + sizes) + " arguments, got "
                    + args.length);
        }
        int turns = args.length == 4 + sizes ? positive("turns", args[3 + sizes]) : DEFAULT_TURNS;
        Path[] paths = {Path.of(args[0]), Path.of(args[1])};
        Work[] builds = new Work[2];
        String what;
        if (step) {
            int[] widths = widths(args[3]);
            for (int i = 0; i < 2; i++) {
                builds[i] = trainingStep(paths[i], widths);
            }
            what = "step " + args[3] + ", batch " + TrainBench.BATCH;
        } else {
            int m = positive("m", args[3]);
            int k = positive("k", args[4]);
            int n = positive("n", args[5]);
            SplittableRandom random = new SplittableRandom(1);
            float[] a = random(random, m * k, -1);
            float[] b = random(random, k * n, -1);
            float[] c = new float[m * n];
            Object[] call = form.equals("atbMomentum")
                    ? new Object[] {m, k, n, a, b, c, new float[m * n], new float[m * n], 0.9f, 1e-9f}
                    : new Object[] {m, k, n, a, b, c};
            for (int i = 0; i < 2; i++) {
                Method product = product(paths[i], form);
                builds[i] = new Work(() -> {
                    invoke(product, null, call);
                    return c[0];
                }, 2.0 * m * k * n / 1e9, "GFLOP/s");
            }
            what = form + " " + m + "x" + k + "x" + n;
        }
        out.printf(Locale.ROOT, "compare %s, %d turns of %.1f s each%n", what, turns, TURN_NANOS / 1e9);
        long warm = System.nanoTime();
        for (int i = 0; i < 100 || System.nanoTime() - warm < WARM_UP_NANOS; i++) {   // let the JIT compile both builds' code
            builds[0].once().getAsDouble();
            builds[1].once().getAsDouble();
        }
        double[] ratios = new double[turns];
        for (int t = 0; t < turns; t++) {
            boolean beforeFirst = t % 2 == 0;                 // the order alternates: neither build always runs second
            double first = rate(builds[beforeFirst ? 0 : 1]);
            double second = rate(builds[beforeFirst ? 1 : 0]);
            double before = beforeFirst ? first : second;
            double after = beforeFirst ? second : first;
            ratios[t] = after / before;
            String unit = builds[0].unit();
            out.printf(Locale.ROOT, "turn %d: %s %.1f %s, %s %.1f %s, ratio %.2f%n", t + 1, paths[0].getFileName(), before,
                    unit, paths[1].getFileName(), after, unit, ratios[t]);
        }
        out.println("after / before: " + summary(ratios));
    }

    /**
     * What a build runs in a turn: {@code once}, again and again, each call worth {@code units} of
     * {@code unit}; it returns what the call gives (a step's loss, a product's first element).
     */
    record Work(DoubleSupplier once, double units, String unit) {}

    /** "median 1.24 (1.06 to 1.48)" of the ratios. */
    static String summary(double[] ratios) {
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "median %.2f (%.2f to %.2f)", TrainBench.median(sorted), sorted[0],
                sorted[sorted.length - 1]);
    }

    /** Units per second of {@code work} over one turn. */
    private static double rate(Work work) {
        long start = System.nanoTime();
        long calls = 0;
        do {
            work.once().getAsDouble();
            calls++;
        } while (System.nanoTime() - start < TURN_NANOS);
        return work.units() * calls / ((System.nanoTime() - start) / 1e9);
    }

    /** {@code Gemm.<form>} of the nn-core in {@code build} (see {@link #nnCore}). */
    static Method product(Path build, String form) {
        Class<?> gemm = nnCore(build, "dev.knobs.nn.kernel.Gemm");
        List<Class<?>> types = new ArrayList<>(List.of(int.class, int.class, int.class, float[].class,
                float[].class, float[].class));
        if (form.equals("atbMomentum")) {
            types.addAll(List.of(float[].class, float[].class, float.class, float.class));
        }
        try {
            return gemm.getMethod(form, types.toArray(new Class<?>[0]));
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("the nn-core in " + build + " has no Gemm." + form);
        }
    }

    /**
     * One training step of the nn-core in {@code build} on the next of {@link #STEP_BATCHES} random
     * batches, as the {@code train} part runs it: {@code new TrainStep(new Mlp(widths, "relu", 0,
     * {dropout}, new HeNormal()).build(random), new Momentum(mu)).run(x, labels, batch, lr)}, the
     * classes being the build's own. Every build gets the same batches and initial weights.
     */
    static Work trainingStep(Path build, int[] widths) {
        Class<?> mlp = nnCore(build, "dev.knobs.nn.layer.Mlp");
        try {
            ClassLoader loader = mlp.getClassLoader();
            Class<?> initializer = loader.loadClass("dev.knobs.nn.init.Initializer");
            Object heNormal = loader.loadClass("dev.knobs.nn.init.HeNormal").getConstructor().newInstance();
            Object recipe = mlp.getConstructor(int[].class, String.class, float.class, float[].class, initializer)
                    .newInstance(widths, "relu", 0f, new float[] {TrainBench.DROPOUT}, heNormal);
            Object model = mlp.getMethod("build", SplittableRandom.class).invoke(recipe, new SplittableRandom(0));
            Object momentum = loader.loadClass("dev.knobs.nn.optim.Momentum").getConstructor(float.class)
                    .newInstance(TrainBench.MOMENTUM);
            Object step = loader.loadClass("dev.knobs.nn.train.TrainStep")
                    .getConstructor(loader.loadClass("dev.knobs.nn.layer.Sequential"),
                            loader.loadClass("dev.knobs.nn.optim.Optimizer"))
                    .newInstance(model, momentum);
            Method run = step.getClass().getMethod("run", float[].class, int[].class, int.class, float.class);
            Object[][] batches = stepBatches(widths);
            int[] next = {0};
            return new Work(() -> (Float) invoke(run, step, batches[next[0]++ % STEP_BATCHES]), TrainBench.BATCH,
                    "examples/s");
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("the nn-core in " + build + " cannot build the training step: " + e);
        }
    }

    /**
     * {@code name} from the nn-core in {@code build}, loaded apart from the one this class came
     * with: the class loader's parent is the platform loader, which knows the JDK's modules (the
     * Vector API among them) but none of the project's classes. Each call loads the build anew.
     */
    private static Class<?> nnCore(Path build, String name) {
        if (!Files.exists(build)) {
            throw new IllegalArgumentException(build + " does not exist: give two jars (or class folders) of nn-core");
        }
        try {
            URLClassLoader loader = new URLClassLoader(new URL[] {build.toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
            return loader.loadClass(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException(build + " holds no nn-core (no " + name + " in it)");
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(build + " is not a usable path: " + e.getMessage());
        }
    }

    /** The arguments of {@code TrainStep.run} for each of the {@link #STEP_BATCHES} random batches: x, labels, batch, lr. */
    static Object[][] stepBatches(int[] widths) {
        SplittableRandom random = new SplittableRandom(1);
        Object[][] batches = new Object[STEP_BATCHES][];
        for (int i = 0; i < STEP_BATCHES; i++) {
            int[] labels = random.ints(TrainBench.BATCH, 0, widths[widths.length - 1]).toArray();
            batches[i] = new Object[] {random(random, TrainBench.BATCH * widths[0], 0), labels, TrainBench.BATCH,
                    TrainBench.LEARNING_RATE};
        }
        return batches;
    }

    private static int[] widths(String architecture) {
        try {
            int[] widths = Mlp.parseWidths(architecture);
            if (widths.length >= 2 && Arrays.stream(widths).allMatch(w -> w >= 1)) {
                return widths;
            }
        } catch (IllegalArgumentException ignored) {
            // the message below says what was wrong
        }
        throw new IllegalArgumentException("the architecture must be widths joined by '-', at least two, like"
                + " 784-256-128-10, got '" + architecture + "'");
    }

    private static Object invoke(Method method, Object target, Object[] call) {
        try {
            return method.invoke(target, call);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the " + method.getName() + " call failed: " + e.getCause(), e.getCause());
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

    /** {@code size} random floats from {@code from} to 1. */
    private static float[] random(SplittableRandom random, int size, float from) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (from + random.nextDouble() * (1 - from));
        }
        return x;
    }
}
