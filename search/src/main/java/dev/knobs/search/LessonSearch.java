package dev.knobs.search;

import dev.knobs.lessons.common.LessonDefinition;
import dev.knobs.lessons.common.Percent;
import dev.knobs.lessons.common.UsageException;
import dev.knobs.search.report.SearchReport;
import dev.knobs.search.run.Journal;
import dev.knobs.search.run.LessonTrials;
import dev.knobs.search.run.Lessons;
import dev.knobs.search.run.SearchSettings;
import dev.knobs.search.run.TrialBackend;
import dev.knobs.search.space.LessonKnobs;
import dev.knobs.search.space.Space;
import dev.knobs.search.space.SpaceParser;
import dev.knobs.search.strategy.Scheduler;
import dev.knobs.search.strategy.Strategy;
import dev.knobs.search.strategy.TrialResult;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * A search over the knobs of one lesson, from request to report: checks the request (the space
 * against the lesson's knobs, the budgets), runs the {@link Search} on a backend, writes the
 * {@link SearchReport} and says what was chosen and how well it did on the test set.
 */
public final class LessonSearch {
    /** The checked request, ready to run. */
    private final SearchRequest request;
    private final Space space;
    private final LessonKnobs knobs;
    private final SearchSettings settings;

    private LessonSearch(SearchRequest request) {
        this.request = request;
        LessonDefinition<?, ?> lesson = Lessons.byId(request.lesson());
        this.knobs = LessonKnobs.of(lesson, request.mode());
        this.space = SpaceParser.parse(request.space(), knobs);
        check(request, space);
        this.settings = new SearchSettings(request.lesson(), request.strategy().toString(), space.text(), request.seed(),
                request.mode().toString(), request.trials(), request.eta(), request.minEpochs(), request.maxEpochs(),
                request.gridPoints(), request.holdout());
    }

    /**
     * Checks a request: an unknown lesson or knob, a bad range, or budgets that do not fit the
     * strategy are refused with one line ({@link UsageException}).
     */
    public static LessonSearch of(SearchRequest request) {
        return new LessonSearch(request);
    }

    public Space space() {
        return space;
    }

    public SearchSettings settings() {
        return settings;
    }

    /** The strategy's scheduler for this request. */
    public Scheduler scheduler() {
        int trials = request.trials() > 0 ? request.trials() : Integer.MAX_VALUE;
        return request.strategy().scheduler(space, request.seed(), trials, request.eta(), request.minEpochs(),
                request.maxEpochs(), request.gridPoints());
    }

    /** What every trial runs: the lesson with the trial's knobs. */
    public LessonTrials work() {
        return new LessonTrials(request.lesson(), request.mode(), request.seed(), request.threads(), request.holdout());
    }

    /** Runs the search on {@code backend}, printing to {@code out}, and writes its report. */
    public Result run(TrialBackend backend, PrintStream out) throws InterruptedException {
        Scheduler scheduler = scheduler();
        header(backend, scheduler, out);
        Search search = new Search(settings, scheduler, work(), backend, request.folder(), out).timeLimit(request.time())
                .check(knobs::check);
        if (!request.finalRun()) {
            search.withoutFinalRun();
        }
        Journal journal = search.run(request.resume());
        SearchReport report = SearchReport.write(journal, space, scheduler.rungs(), request.folder());
        out.println();
        out.print(report.table());
        summary(journal, report, out);
        return new Result(journal, report);
    }

    /** A finished search: its journal and its report. */
    public record Result(Journal journal, SearchReport report) {
        /** The chosen trial, or null when none finished. */
        public TrialResult chosen() {
            return Search.chosen(journal);
        }
    }

    private void header(TrialBackend backend, Scheduler scheduler, PrintStream out) {
        Strategy s = request.strategy();
        out.printf("Search of lesson %s: %s, %s, seed %d, %s mode%n", request.lesson(), s, budget(scheduler),
                request.seed(), request.mode());
        out.println("space: " + space.text());
        out.println("trials run on " + backend.describe());
        out.println(request.holdout() > 0
                ? "validation: the last " + String.format(Locale.ROOT, "%,d", request.holdout()) + " training images, held "
                + "out; trials train on the others and never see the test set"
                : "validation: each lesson's own validation set (chosen.validationAccuracy)");
        if (request.time() != null) {
            out.println("time budget " + Clock.of(request.time().toSeconds()) + ": which trials finish depends on "
                    + "the machine's speed, so a search bounded by time is not reproducible");
        } else if (s == Strategy.ASHA && backend.slots() > 1) {
            out.println("ASHA with " + backend.slots() + " trials at once: promotions depend on which trial finishes "
                    + "first, so the trials may differ from run to run (one at a time, --parallel 1, they do not)");
        }
        out.println("folder: " + request.folder());
        out.println();
    }

    private String budget(Scheduler scheduler) {
        String n = request.trials() > 0 ? request.trials() + " configurations" : request.strategy() == Strategy.GRID
                ? space.gridSize(request.gridPoints()) + " grid points" : "configurations until the time is up";
        List<Integer> rungs = scheduler.rungs();
        if (request.strategy().hasRungs()) {
            return n + ", rungs of " + String.join(", ", rungs.stream().map(String::valueOf).toList()) + " epochs (η = "
                    + request.eta() + ")";
        }
        return n + (rungs.get(0) > 0 ? ", " + rungs.get(0) + " epochs each" : ", the lesson's epochs each");
    }

    private void summary(Journal journal, SearchReport report, PrintStream out) {
        TrialResult chosen = Search.chosen(journal);
        out.println();
        if (!report.influence().isEmpty()) {
            out.println("knobs by influence (share of the spread in validation accuracy at the smallest budget, η²): "
                    + String.join(", ", report.influence().stream().map(i -> String.format(Locale.ROOT, "%s %.2f",
                    i.knob(), i.eta2())).toList()));
        }
        out.println("plots and tables: " + request.folder());
        if (chosen == null) {
            return;
        }
        out.printf(Locale.ROOT, "Chosen on validation accuracy: trial %03d, %s%s: validation %s%n", chosen.trial(),
                dev.knobs.search.strategy.Labels.of(chosen.knobs()), chosen.epochs() > 0 ? ", " + chosen.epochs()
                + " epochs" : "", Percent.pct(chosen.validationAccuracy()));
        if (!Double.isNaN(journal.testAccuracy())) {
            out.printf(Locale.ROOT, "Test accuracy of the chosen configuration, measured once, after the choice: %s (%s)%n",
                    Percent.pct(journal.testAccuracy()), journal.finalRun());
        }
        double cpu = journal.trials().stream().mapToDouble(TrialResult::cpuSeconds).sum();
        out.printf(Locale.ROOT, "SEARCH lesson=%s strategy=%s trials=%d epochs=%d best_validation=%.4f test=%.4f "
                        + "seconds=%.1f trial_cpu_seconds=%.1f%n", request.lesson(), request.strategy(),
                journal.trials().size(), journal.trials().stream().mapToInt(TrialResult::epochs).sum(),
                chosen.validationAccuracy(), journal.testAccuracy(), journal.seconds(), cpu);
    }

    private static void check(SearchRequest r, Space space) {
        if (r.strategy().hasRungs()) {
            if (r.maxEpochs() < 1) {
                throw new UsageException("--strategy " + r.strategy() + " needs --epochs N, the largest budget (the top "
                        + "rung)");
            }
            if (r.minEpochs() < 1 || r.minEpochs() > r.maxEpochs()) {
                throw new UsageException("--min-epochs must be from 1 to --epochs (" + r.maxEpochs() + "), got "
                        + r.minEpochs());
            }
            if (r.eta() < 2) {
                throw new UsageException("--eta must be at least 2, got " + r.eta());
            }
            if (space.knobs().contains("epochs")) {
                throw new UsageException("space: epochs is the budget that " + r.strategy() + " sets for each rung; leave "
                        + "it out of the space and give --epochs N, the largest budget");
            }
        } else if (r.maxEpochs() > 0 && space.knobs().contains("epochs")) {
            throw new UsageException("space: epochs is searched, so --epochs cannot also fix it");
        }
        if (r.trials() <= 0 && r.time() == null && r.strategy() != Strategy.GRID) {
            throw new UsageException("give a budget: --trials N, or --time DURATION (e.g. 20m)");
        }
        if (r.parallel() < 0 || r.threads() < 1 || r.retries() < 0) {
            throw new UsageException("--parallel and --threads must be at least 1, --retries at least 0");
        }
    }
}
