package dev.knobs.nn.augment;

/**
 * Turns coordinates such as (seed, epoch, step, position) into one well-scrambled 64-bit seed.
 *
 * <p>Why not one generator shared by the whole batch: with several threads, the order in which
 * images take numbers from it would change from run to run. Instead each image gets its own
 * generator whose seed is a fixed function of where the image is, so any thread count and any
 * order give the same pictures.
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
public final class SeedMix {
    /** 2^64 divided by the golden ratio, the increment of SplitMix64. */
    private static final long GOLDEN = 0x9e3779b97f4a7c15L;

    private SeedMix() {}

    /** The SplitMix64 finaliser of {@code z}. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A seed for one mini-batch: a fixed function of the run's {@code seed}, the {@code epoch} and the {@code step} within it. */
    public static long stepSeed(long seed, long epoch, long step) {
        return fold(fold(mix(seed), epoch), step);
    }

    /** A seed for the image at {@code position} of a mini-batch whose seed is {@code stepSeed}. */
    public static long imageSeed(long stepSeed, long position) {
        return fold(stepSeed, position);
    }

    private static long fold(long h, long k) {
        return mix(h + GOLDEN * (k + 1));
    }
}
