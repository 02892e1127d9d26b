package dev.knobs.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.lessons.common.RunFolders;
import dev.knobs.search.report.SearchReport;
import dev.knobs.search.run.Delivery;
import dev.knobs.search.run.Journal;
import dev.knobs.search.run.LocalBackend;
import dev.knobs.search.run.SearchSettings;
import dev.knobs.search.run.SyntheticTrials;
import dev.knobs.search.run.TrialBackend;
import dev.knobs.search.run.TrialWork;
import dev.knobs.search.space.Space;
import dev.knobs.search.strategy.Scheduler;
import dev.knobs.search.strategy.Strategy;
import dev.knobs.search.strategy.TrialResult;
import dev.knobs.search.strategy.TrialSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole searches on the synthetic objective (no training): the journal, reproducibility, resuming, failures. */
class SearchTest {
    static final Space SPACE = SchedulerTest.SPACE;
    static final SyntheticTrials OBJECTIVE = new SyntheticTrials(Map.of("peak-lr", 0.1, "hidden-dropout", 0.2), 0);

    @TempDir
    Path dir;

    static SearchSettings settings(Strategy s, int trials) {
        return new SearchSettings("synthetic", s.toString(), SPACE.text(), 42, "smoke", trials, 3, 1, 9, 3, 0);
    }

    static Scheduler scheduler(Strategy s, int trials) {
        return s.scheduler(SPACE, 42, trials, 3, 1, 9, 3);
    }

    static Journal search(Strategy s, int trials, TrialWork work, TrialBackend backend, Path folder, boolean resume)
            throws InterruptedException {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return new Search(settings(s, trials), scheduler(s, trials), work, backend, folder, quiet).run(resume);
    }

    /** What two searches must agree on: every trial, its rung, budget, knobs and accuracy, in order, and the choice. */
    static List<String> table(Journal j) {
        List<String> rows = new java.util.ArrayList<>(j.trials().stream().map(r -> r.trial() + "@" + r.rung() + " "
                + r.epochs() + " " + r.knobs() + " " + r.validationAccuracy() + " " + r.failed()).toList());
        rows.add("chosen " + j.chosen() + " test " + j.testAccuracy());
        return rows;
    }

    @Test
    void theSameSeedGivesTheSameTrialsForEveryStrategy() throws Exception {
        for (Strategy s : List.of(Strategy.GRID, Strategy.RANDOM, Strategy.HALVING, Strategy.ASHA)) {
            int n = s == Strategy.GRID ? Integer.MAX_VALUE : 12;
            Journal a = search(s, n, OBJECTIVE, new LocalBackend(1, 1, 0), dir.resolve(s + "-a"), false);
            Journal b = search(s, n, OBJECTIVE, new LocalBackend(1, 1, 0), dir.resolve(s + "-b"), false);
            assertEquals(table(a), table(b), s.toString());
            if (s.reproducibleInParallel()) {
                Journal c = search(s, n, OBJECTIVE, new LocalBackend(2, 1, 0), dir.resolve(s + "-c"), false);
                assertEquals(table(a).stream().sorted().toList(), table(c).stream().sorted().toList(),
                        s + ": two at a time, the same trials (finishing in another order)");
            }
        }
    }

    @Test
    void ashaOnTheSyntheticObjectiveFollowsItsRuleAtEveryStep() throws Exception {
        Journal j = search(Strategy.ASHA, 27, OBJECTIVE, new LocalBackend(1, 1, 0), dir.resolve("asha"), false);
        List<TrialResult> done = new java.util.ArrayList<>();
        for (TrialResult r : j.trials()) {
            if (r.rung() > 1) {
                int below = r.rung() - 1;
                List<TrialResult> rung = done.stream().filter(d -> d.rung() == below)
                        .sorted(TrialResult.BEST_FIRST).toList();
                List<Integer> best = rung.subList(0, rung.size() / 3).stream().map(TrialResult::trial).toList();
                assertTrue(best.contains(r.trial()), "trial " + r.trial() + " went to rung " + r.rung()
                        + " from among the best third of rung " + below + " " + best);
            }
            assertEquals(OBJECTIVE.accuracy(r.knobs(), r.epochs()), r.validationAccuracy(), 1e-12);
            done.add(r);
        }
        for (int k = 1; k < 3; k++) {
            int rung = k;
            List<TrialResult> at = j.trials().stream().filter(r -> r.rung() == rung).sorted(TrialResult.BEST_FIRST).toList();
            List<Integer> promoted = j.trials().stream().filter(r -> r.rung() == rung + 1).map(TrialResult::trial).toList();
            for (TrialResult r : at.subList(0, at.size() / 3)) {
                assertTrue(promoted.contains(r.trial()), "every trial among the best third of rung " + rung
                        + " at the end went on");
            }
        }
        assertEquals(27, j.trials().stream().filter(r -> r.rung() == 1).count());
        TrialResult chosen = Search.chosen(j);
        assertEquals(3, chosen.rung());
        assertEquals(9, chosen.epochs());
        TrialResult bestFirstRung = j.trials().stream().filter(r -> r.rung() == 1).min(TrialResult.BEST_FIRST).orElseThrow();
        assertEquals(bestFirstRung.trial(), chosen.trial(), "on this objective the order never changes with the budget");
    }

    @Test
    void aResumedSearchEndsWithTheSameTableAsAnUninterruptedOne() throws Exception {
        for (Strategy s : List.of(Strategy.RANDOM, Strategy.HALVING, Strategy.ASHA)) {
            Journal whole = search(s, 12, OBJECTIVE, new LocalBackend(1, 1, 0), dir.resolve(s + "-whole"), false);
            Path folder = dir.resolve(s + "-interrupted");
            assertThrows(Crash.class, () -> search(s, 12, OBJECTIVE, new CrashAfter(5, new LocalBackend(1, 1, 0)),
                    folder, false));
            Journal partial = dev.knobs.nn.io.Json.read(folder.resolve(Journal.FILE), Journal.class);
            assertEquals(5, partial.trials().size(), "the journal holds every trial that finished before the crash");
            Journal resumed = search(s, 12, OBJECTIVE, new LocalBackend(1, 1, 0), folder, true);
            assertEquals(table(whole), table(resumed), s.toString());
        }
    }

    @Test
    void aResumeWithOtherSettingsIsRefused() throws Exception {
        search(Strategy.RANDOM, 3, OBJECTIVE, new LocalBackend(1, 1, 0), dir.resolve("r"), false);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        var e = assertThrows(dev.knobs.lessons.common.UsageException.class, () -> new Search(settings(Strategy.RANDOM, 4),
                scheduler(Strategy.RANDOM, 4), OBJECTIVE, new LocalBackend(1, 1, 0), dir.resolve("r"), quiet).run(true));
        assertTrue(e.getMessage().contains("other settings"), e.getMessage());
        assertThrows(dev.knobs.lessons.common.UsageException.class, () -> search(Strategy.RANDOM, 3, OBJECTIVE,
                new LocalBackend(1, 1, 0), dir.resolve("r"), false), "an existing search is not overwritten");
    }

    @Test
    void aTrialThatKeepsFailingIsRetriedThenReportedAndTheSearchGoesOn() throws Exception {
        SyntheticTrials crashing = new SyntheticTrials(OBJECTIVE.targets(), 2);
        Journal j = search(Strategy.RANDOM, 4, crashing, new LocalBackend(1, 1, 2), dir.resolve("fail"), false);
        TrialResult failed = j.trials().stream().filter(r -> r.trial() == 2).findFirst().orElseThrow();
        assertTrue(failed.failed());
        assertEquals(3, failed.attempts(), "one start and two retries");
        assertTrue(failed.failure().contains("synthetic crash of trial 2"), failed.failure());
        assertEquals(4, j.trials().size());
        assertEquals(3, j.trials().stream().filter(r -> !r.failed()).count());
        assertNotEquals(2, j.chosen());
    }

    @Test
    void eachTrialIsAKeptRunFolderAndTheReportHasItsPlots() throws Exception {
        Path folder = dir.resolve("report");
        Journal j = search(Strategy.ASHA, 9, OBJECTIVE, new LocalBackend(1, 1, 0), folder, false);
        for (TrialResult r : j.trials()) {
            RunFolders.Run run = RunFolders.read(folder.resolve(r.folder()));
            assertEquals(r.validationAccuracy(), run.result().chosen().validationAccuracy(), 1e-12);
            assertTrue(Files.isRegularFile(folder.resolve(r.folder()).resolve("trial.log")));
        }
        SearchReport report = SearchReport.write(j, SPACE, List.of(1, 3, 9), folder);
        for (String f : List.of("trials.txt", "best-by-trials.png", "best-by-time.png", "parallel-coordinates.png",
                "rungs.png", "surface.png", "surface.json", "surface-3d.png")) {
            assertTrue(Files.size(folder.resolve(f)) > 100, f);
        }
        assertEquals(java.util.Set.of("hidden-dropout", "peak-lr", "hidden"), java.util.Set.copyOf(report.influence()
                .stream().map(dev.knobs.search.report.Influence.Share::knob).toList()), "every knob ranked");
        assertEquals("peak-lr", report.influence().get(0).knob(), "the learning rate moves the objective most");
    }

    @Test
    void theSurfaceIsDrawnIn3dTheSameEveryTime() throws Exception {
        Path folder = dir.resolve("picture");
        Journal j = search(Strategy.RANDOM, 20, OBJECTIVE, new LocalBackend(1, 1, 0), folder, false);
        SearchReport report = SearchReport.write(j, SPACE, List.of(9), folder);
        java.awt.image.BufferedImage a = dev.knobs.search.report.SurfacePicture.draw(report.surface());
        java.awt.image.BufferedImage b = dev.knobs.search.report.SurfacePicture.draw(report.surface());
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                assertEquals(a.getRGB(x, y), b.getRGB(x, y), "pixel " + x + "," + y);
                colours.add(a.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 100, "a shaded surface, not a blank picture: " + colours.size() + " colours");
        java.awt.image.BufferedImage saved = javax.imageio.ImageIO.read(folder.resolve("surface-3d.png").toFile());
        assertEquals(a.getRGB(450, 350), saved.getRGB(450, 350), "the report saved this picture");
        Files.createDirectories(Path.of("target"));
        javax.imageio.ImageIO.write(a, "png", Path.of("target", "surface-3d-example.png").toFile());
    }

    /** What a killed JVM looks like to the journal: trials stop being delivered, the search dies. */
    static final class Crash extends RuntimeException {
        Crash() {
            super("the machine went down");
        }
    }

    /** A backend that delivers {@code n} trials and then fails, as a search stopped by Ctrl-C or a crash. */
    static final class CrashAfter implements TrialBackend {
        private final int n;
        private final TrialBackend inner;
        private int started;

        CrashAfter(int n, TrialBackend inner) {
            this.n = n;
            this.inner = inner;
        }

        @Override
        public int slots() {
            return inner.slots();
        }

        @Override
        public void start(TrialWork work, TrialSpec spec, Path folder, Consumer<Delivery> done) {
            if (++started > n) {
                throw new Crash();
            }
            inner.start(work, spec, folder, done);
        }

        @Override
        public String describe() {
            return "crashing";
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
