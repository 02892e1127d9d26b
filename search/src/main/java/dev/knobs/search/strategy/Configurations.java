package dev.knobs.search.strategy;

import dev.knobs.search.space.Space;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The configurations a search tries, by number: the grid's points in order, or random draws from
 * the space. Draw {@code i} comes from its own generator, seeded by the search seed and {@code i},
 * so it is the same whatever ran before it, in whichever order or on whichever machine: random
 * search and ASHA with the same seed try the same configurations.
 */
public final class Configurations {
    private final Space space;
    private final long seed;
    private final List<Map<String, String>> grid;

    private Configurations(Space space, long seed, List<Map<String, String>> grid) {
        this.space = space;
        this.seed = seed;
        this.grid = grid;
    }

    /** Random draws from {@code space}. */
    public static Configurations random(Space space, long seed) {
        return new Configurations(space, seed, null);
    }

    /** The grid of {@code space} with {@code points} values per numeric knob. */
    public static Configurations grid(Space space, int points) {
        return new Configurations(space, 0, space.grid(points));
    }

    /** Configuration number {@code i}, from 1. */
    public Map<String, String> get(int i) {
        if (grid != null) {
            return grid.get(i - 1);
        }
        return space.sample(new SplittableRandom(mix(seed, i)));
    }

    /** How many there are: the grid's size, or as many as asked for. */
    public int available() {
        return grid != null ? grid.size() : Integer.MAX_VALUE;
    }

    /** A 64-bit mix of seed and index (the finaliser of SplitMix64), so nearby seeds give unrelated draws. */
    static long mix(long seed, long i) {
        long z = seed * 0x9E3779B97F4A7C15L + i;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
