package dev.knobs.grader.checks;

import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.layer.Mlp;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Exercise 09.2, what a network costs: parameter counts worked out by hand (which catch forgotten
 * biases) and compared with nn-core's network built from the same widths, and the FLOPs of a
 * training step by hand (which catch the first layer's input gradient counted, or multiply-adds
 * counted as one flop) and on random widths and batches.
 */
public final class NetworkCostChecks implements ExerciseChecks<NetworkCostChecks.Cost> {

    /** How the checks ask for a network's cost: the skeleton's two static methods. */
    public interface Cost {
        /** Weights and biases of the fully connected network with these widths. */
        long parameters(int[] widths);

        /** FLOPs of the matrix multiplies of one training step on {@code batch} examples. */
        long stepFlops(int[] widths, int batch);
    }

    /**
     * The reference: nn-core's own count of the network built from the widths (the sum of its
     * parameters' sizes), and the FLOPs of the bench module's {@code TrainBench.epochFlops} for one
     * step of {@code batch} examples: 2 flops per multiply-add, {@code in x out} of them per
     * example forward, as many for the weight gradient, as many again for the input gradient
     * except in the first layer.
     */
    public static Cost reference() {
        return new Cost() {
            @Override
            public long parameters(int[] widths) {
                return Mlp.relu(new HeNormal(), widths).build(new SplittableRandom(0)).parameterCount();
            }

            @Override
            public long stepFlops(int[] widths, int batch) {
                long perExample = 0;
                for (int l = 0; l + 1 < widths.length; l++) {
                    perExample += (l == 0 ? 2L : 3L) * widths[l] * widths[l + 1];
                }
                return 2 * perExample * batch;
            }
        };
    }

    @Override
    public Cost adapt(Class<?> type) {
        Reflect.Call parameters = Reflect.staticMethod(type, "parameters", int[].class);
        Reflect.Call flops = Reflect.staticMethod(type, "stepFlops", int[].class, int.class);
        return new Cost() {
            @Override
            public long parameters(int[] widths) {
                return (Long) parameters.call((Object) widths);
            }

            @Override
            public long stepFlops(int[] widths, int batch) {
                return (Long) flops.call(widths, batch);
            }
        };
    }

    @Override
    public void run(Cost f, Checker checker) {
        checker.check("parameters by hand: 784-1024-1024-10 has 1,863,690, 2-3-1 has 13", () -> {
            // 784·1024 + 1024 + 1024·1024 + 1024 + 1024·10 + 10 = 1,863,690; 2·3 + 3 + 3·1 + 1 = 13.
            parameters(f, new int[] {784, 1024, 1024, 10}, 1_863_690);
            parameters(f, new int[] {2, 3, 1}, 13);
            parameters(f, new int[] {784, 10}, 7_850);
        });
        checker.check("parameters agree with nn-core's network built from the same widths", () -> {
            SplittableRandom rng = new SplittableRandom(9);
            for (int trial = 0; trial < 25; trial++) {
                int[] widths = rng.ints(2 + rng.nextInt(5), 1, 61).toArray();
                parameters(f, widths, reference().parameters(widths));
            }
        });
        checker.check("FLOPs of a training step by hand: 2-3-1 and 784-1024-1024-10", () -> {
            // 2-3-1: forward 6 + 3, weight gradients 6 + 3, input gradient of the second layer only 3:
            // 21 multiply-adds, 42 flops per example.
            flops(f, new int[] {2, 3, 1}, 1, 42);
            flops(f, new int[] {2, 3, 1}, 4, 168);
            // 2 · 128 · (2 · 802,816 + 3 · 1,048,576 + 3 · 10,240)
            flops(f, new int[] {784, 1024, 1024, 10}, 128, 1_224_212_480L);
        });
        checker.check("FLOPs agree with the formula on random widths and batches, in proportion to the batch", () -> {
            SplittableRandom rng = new SplittableRandom(10);
            for (int trial = 0; trial < 25; trial++) {
                int[] widths = rng.ints(2 + rng.nextInt(5), 1, 2049).toArray();
                int batch = 1 + rng.nextInt(512);
                flops(f, widths, batch, reference().stepFlops(widths, batch));
                long one = f.stepFlops(widths, batch);
                long twice = f.stepFlops(widths, 2 * batch);
                Expect.that(twice == 2 * one, "a batch twice as large is twice the work: " + Arrays.toString(widths)
                        + " gives " + one + " FLOPs at batch " + batch + " and " + twice + " at batch " + 2 * batch);
            }
        });
    }

    private static void parameters(Cost f, int[] widths, long expected) {
        long got = f.parameters(widths.clone());
        if (got != expected) {
            long weights = 0;
            for (int l = 0; l + 1 < widths.length; l++) {
                weights += (long) widths[l] * widths[l + 1];
            }
            throw new CheckFailure("parameters of " + arch(widths) + ": expected " + expected + ", got " + got
                    + (got == weights ? " (that is the weights alone: each layer also has one bias per output, n_out)"
                    : ""));
        }
    }

    private static void flops(Cost f, int[] widths, int batch, long expected) {
        long got = f.stepFlops(widths.clone(), batch);
        if (got != expected) {
            long products = 0;
            for (int l = 0; l + 1 < widths.length; l++) {
                products += (long) widths[l] * widths[l + 1];
            }
            String hint = "";
            if (got == 2 * 3 * products * batch) {
                hint = " (that counts the first layer's input gradient: its input is the images, which nothing "
                        + "upstream learns from, so it is not computed)";
            } else if (2 * got == expected) {
                hint = " (that is half: a multiply-add is 2 flops)";
            } else if (got == 2 * products * batch) {
                hint = " (that is the forward pass alone: a training step also computes the weight gradients and "
                        + "the input gradients)";
            }
            throw new CheckFailure("FLOPs of one training step of " + arch(widths) + " at batch " + batch
                    + ": expected " + expected + ", got " + got + hint);
        }
    }

    private static String arch(int[] widths) {
        return Mlp.architecture(widths);
    }
}
