package dev.knobs.nn.random;

import java.util.SplittableRandom;

/**
 * Deriving independent seeds from one run seed.
 *
 * <p>A run has one seed. Every consumer of randomness (initialiser, shuffler, dropout,
 * augmentation) gets its own stream derived from it, and work that runs in parallel derives a
 * stream per item from (seed, step, item) rather than sharing one generator. That is why the same
 * seed gives the same numbers for any thread count.
 */
public final class Seeds {
    private Seeds() {}

    /**
     * The SplitMix64 finaliser (Steele, Lea and Flood 2014): a bijection on 64-bit values whose
     * output bits each depend on every input bit, so nearby inputs give unrelated seeds.
     */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A seed for item {@code b} of stream {@code a}. */
    public static long mix(long a, long b) {
        return mix(mix(a) + 0x9e3779b97f4a7c15L * (b + 1));
    }

    /** A seed for item {@code c} of step {@code b} of stream {@code a}. */
    public static long mix(long a, long b, long c) {
        return mix(mix(a, b), c);
    }

    /** A generator for item {@code b} of stream {@code a}. */
    public static SplittableRandom random(long a, long b) {
        return new SplittableRandom(mix(a, b));
    }
}
