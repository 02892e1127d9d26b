package dev.knobs.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.lessons.common.Mode;
import dev.knobs.search.run.Lessons;
import dev.knobs.search.space.LessonKnobs;
import dev.knobs.search.space.Space;
import dev.knobs.search.space.SpaceParser;
import dev.knobs.search.strategy.AshaScheduler;
import dev.knobs.search.strategy.Configurations;
import dev.knobs.search.strategy.HalvingScheduler;
import dev.knobs.search.strategy.Rungs;
import dev.knobs.search.strategy.Scheduler;
import dev.knobs.search.strategy.Strategy;
import dev.knobs.search.strategy.TrialResult;
import dev.knobs.search.strategy.TrialSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The strategies on their own: which trials they hand out, given results the test makes up. */
class SchedulerTest {
    static final LessonKnobs L12 = LessonKnobs.of(Lessons.byId("12-towards-99"), Mode.SMOKE);
    static final Space SPACE = SpaceParser.parse("peak-lr=log(0.01,1) hidden-dropout=uniform(0,0.5) "
            + "hidden=choice(64 | 64,64 | 128)", L12);

    @Test
    void gridTriesEveryCombinationOnce() {
        Scheduler grid = Strategy.GRID.scheduler(SPACE, 1, Integer.MAX_VALUE, 3, 1, 2, 3);
        List<TrialSpec> all = runSequentially(grid, s -> 0.5);
        assertEquals(27, all.size(), "3 learning rates x 3 dropouts x 3 widths");
        Set<Map<String, String>> distinct = new HashSet<>();
        all.forEach(s -> distinct.add(s.knobs()));
        assertEquals(27, distinct.size());
        Set<String> rates = new HashSet<>();
        all.forEach(s -> rates.add(s.knobs().get("peak-lr")));
        assertEquals(Set.of("0.01", "0.1", "1"), rates, "log(0.01,1) on 3 points: evenly spaced in the logarithm");
        assertTrue(all.stream().allMatch(s -> s.epochs() == 2 && s.rung() == 1));
    }

    @Test
    void randomSearchCoversTheSpaceAsDeclared() {
        List<TrialSpec> all = runSequentially(Strategy.RANDOM.scheduler(SPACE, 5, 600, 3, 1, 0, 3), s -> 0.5);
        assertEquals(600, all.size());
        double below = all.stream().filter(s -> Double.parseDouble(s.knobs().get("peak-lr")) < 0.1).count() / 600.0;
        assertEquals(0.5, below, 0.07, "log-uniform on [0.01, 1]: half the draws below 0.1");
        double lowDropout = all.stream().filter(s -> Double.parseDouble(s.knobs().get("hidden-dropout")) < 0.125).count()
                / 600.0;
        assertEquals(0.25, lowDropout, 0.06, "uniform on [0, 0.5]: a quarter below 0.125");
        Map<String, Integer> widths = new HashMap<>();
        all.forEach(s -> widths.merge(s.knobs().get("hidden"), 1, Integer::sum));
        assertEquals(Set.of("64", "64,64", "128"), widths.keySet());
        widths.values().forEach(n -> assertEquals(200, n, 45));
        assertTrue(all.stream().allMatch(s -> s.epochs() == 0), "no --epochs: every trial runs the lesson's own");
    }

    @Test
    void theSameSeedDrawsTheSameConfigurationsWhateverTheStrategy() {
        Configurations a = Configurations.random(SPACE, 42);
        Configurations b = Configurations.random(SPACE, 42);
        Configurations c = Configurations.random(SPACE, 43);
        for (int i = 1; i <= 20; i++) {
            assertEquals(a.get(i), b.get(i));
        }
        assertTrue(!a.get(1).equals(c.get(1)) || !a.get(2).equals(c.get(2)));
        List<TrialSpec> random = runSequentially(Strategy.RANDOM.scheduler(SPACE, 42, 9, 3, 1, 9, 3), s -> 0.5);
        List<TrialSpec> asha = runSequentially(Strategy.ASHA.scheduler(SPACE, 42, 9, 3, 1, 9, 3), s -> 0.5);
        for (TrialSpec s : asha) {
            assertEquals(random.get(s.trial() - 1).knobs(), s.knobs(), "ASHA's trial " + s.trial() + " is random's");
        }
    }

    @Test
    void rungsGrowByEtaUpToTheLargestBudget() {
        assertEquals(List.of(1, 3, 9, 27), Rungs.of(1, 27, 3));
        assertEquals(List.of(1, 3, 10), Rungs.of(1, 10, 3));
        assertEquals(List.of(2, 4, 8), Rungs.of(2, 8, 2));
        assertEquals(List.of(1, 2), Rungs.of(1, 2, 3));
        assertEquals(List.of(5), Rungs.of(5, 5, 3));
    }

    /**
     * ASHA, one trial at a time, with made-up accuracies by trial (each 0.01 better per rung, so
     * the order never changes). Traced by hand from algorithm 2 of Li et al. (2018), η = 3:
     * after 3 trials the best of rung 1 (trial 2) goes on; after 5, trial 5; after 9, trial 9;
     * then rung 2 holds 3 trials and its best (trial 5) goes on to the top.
     */
    @Test
    void ashaPromotesAsSoonAsATrialIsAmongTheBestThirdAndStopsTheRest() {
        double[] base = {0, 0.50, 0.90, 0.60, 0.70, 0.95, 0.40, 0.80, 0.30, 0.85};
        Scheduler asha = new AshaScheduler(Configurations.random(SPACE, 1), 9, 3, List.of(1, 3, 9));
        List<TrialSpec> order = runSequentially(asha, s -> base[s.trial()] + 0.01 * (s.rung() - 1));
        List<String> seen = order.stream().map(s -> s.trial() + "@" + s.rung()).toList();
        assertEquals(List.of("1@1", "2@1", "3@1", "2@2", "4@1", "5@1", "5@2", "6@1", "7@1", "8@1", "9@1", "9@2", "5@3"),
                seen);
        assertEquals(List.of(1, 3, 9), order.stream().filter(s -> s.trial() == 5).map(TrialSpec::epochs).toList());
    }

    /** Synchronous halving: 9 trials, the best 3 after all 9 finished, then the best 1 of those 3. */
    @Test
    void synchronousHalvingWaitsForEachRung() {
        double[] base = {0, 0.50, 0.90, 0.60, 0.70, 0.95, 0.40, 0.80, 0.30, 0.85};
        Scheduler halving = new HalvingScheduler(Configurations.random(SPACE, 1), 9, 3, List.of(1, 3, 9));
        List<String> seen = runSequentially(halving, s -> base[s.trial()] + 0.01 * (s.rung() - 1)).stream()
                .map(s -> s.trial() + "@" + s.rung()).toList();
        assertEquals(List.of("1@1", "2@1", "3@1", "4@1", "5@1", "6@1", "7@1", "8@1", "9@1", "5@2", "2@2", "9@2", "5@3"),
                seen);
        Scheduler waiting = new HalvingScheduler(Configurations.random(SPACE, 1), 3, 3, List.of(1, 3));
        TrialSpec a = waiting.next();
        waiting.next();
        waiting.next();
        assertNull(waiting.next(), "all of rung 1 started: nothing to start until they finish");
        waiting.finished(result(a, 0.5));
        assertNull(waiting.next(), "rung 2 waits for the whole of rung 1");
    }

    @Test
    void aFailedTrialRanksLastAndIsNeverPromoted() {
        double[] base = {0, 0.50, 0.90, Double.NaN, 0.70, 0.95, 0.40, 0.80, 0.30, 0.85};
        for (Scheduler s : List.<Scheduler>of(new HalvingScheduler(Configurations.random(SPACE, 1), 9, 3, List.of(1, 3)),
                new AshaScheduler(Configurations.random(SPACE, 1), 9, 3, List.of(1, 3)))) {
            List<TrialSpec> order = new ArrayList<>();
            for (TrialSpec spec = s.next(); spec != null; spec = s.next()) {
                order.add(spec);
                double a = base[spec.trial()];
                s.finished(new TrialResult(spec.trial(), spec.rung(), spec.epochs(), spec.knobs(), "f", Double.isNaN(a), a,
                        1, 0, 1, 1, "test", Double.isNaN(a) ? "failed" : null, 1));
            }
            assertEquals(Set.of(5, 2, 9), Set.copyOf(order.stream().filter(t -> t.rung() == 2).map(TrialSpec::trial)
                    .toList()), s.getClass().getSimpleName());
        }
    }

    /** Runs a scheduler one trial at a time, each finishing before the next starts. */
    static List<TrialSpec> runSequentially(Scheduler s, ToDoubleFunction<TrialSpec> accuracy) {
        List<TrialSpec> order = new ArrayList<>();
        for (TrialSpec spec = s.next(); spec != null; spec = s.next()) {
            order.add(spec);
            s.finished(result(spec, accuracy.applyAsDouble(spec)));
        }
        return order;
    }

    static TrialResult result(TrialSpec s, double accuracy) {
        return new TrialResult(s.trial(), s.rung(), s.epochs(), s.knobs(), s.folderName(true), false, accuracy, 1, 0, 1, 1,
                "test", null, 1);
    }
}
