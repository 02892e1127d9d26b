package dev.knobs.nn.random;

import java.util.SplittableRandom;

/**
 * Deriving independent seeds from one run seed.
 *
 * <p>A run has one seed. Every consumer of randomness (initialiser, shuffler, dropout,
 * augmentation) gets its own stream derived from it, and work that runs in parallel derives a
 * stream per item from coordinates such as (seed, step, item) rather than sharing one generator,
 * whose numbers would go to whichever thread asked first. That is why the same seed gives the
 * same numbers for any thread count.
 *
 * <p>The scrambler is the finaliser of SplitMix64 (Steele, Lea and Flood, "Fast splittable
 * pseudorandom number generators", OOPSLA 2014), a bijection on 64-bit values in which flipping
 * one input bit flips each output bit with probability close to 1/2:
 * <pre>
 *   z = (z ^ (z &gt;&gt;&gt; 30)) · 0xbf58476d1ce4e5b9
 *   z = (z ^ (z &gt;&gt;&gt; 27)) · 0x94d049bb133111eb
 *   z =  z ^ (z &gt;&gt;&gt; 31)
 * </pre>
 * Coordinates are folded in one at a time, {@code h = mix(h + GOLDEN·(k + 1))}, so that
 * neighbouring epochs, steps or positions give unrelated seeds.
 */
public final class Seeds {
    /** 2^64 divided by the golden ratio, the increment of SplitMix64. */
    private static final long GOLDEN = 0x9e3779b97f4a7c15L;

    private Seeds() {}

    /** The SplitMix64 finaliser of {@code z}. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Folds coordinate {@code k} into the seed {@code h}. */
    public static long fold(long h, long k) {
        return mix(h + GOLDEN * (k + 1));
    }

    /** A seed for item {@code b} of stream {@code a}. */
    public static long mix(long a, long b) {
        return fold(mix(a), b);
    }

    /** A seed for item {@code c} of step {@code b} of stream {@code a}. */
    public static long mix(long a, long b, long c) {
        return fold(mix(a, b), c);
    }

    /** A generator for item {@code b} of stream {@code a}. */
    public static SplittableRandom random(long a, long b) {
        return new SplittableRandom(mix(a, b));
    }
}
