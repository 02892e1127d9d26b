package dev.knobs.search;

import dev.knobs.lessons.common.ProgressBar;
import dev.knobs.lessons.common.UsageException;
import dev.knobs.nn.io.AtomicFiles;
import dev.knobs.search.run.Delivery;
import dev.knobs.search.run.Journal;
import dev.knobs.search.run.SearchSettings;
import dev.knobs.search.run.TrialBackend;
import dev.knobs.search.run.TrialWork;
import dev.knobs.search.strategy.Scheduler;
import dev.knobs.search.strategy.Strategy;
import dev.knobs.search.strategy.TrialResult;
import dev.knobs.search.strategy.TrialSpec;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * Runs a search: asks the strategy's {@link Scheduler} for trials while a slot of the
 * {@link TrialBackend} is free, records each finished trial in the {@link Journal} (atomically,
 * before anything else happens), prints one line per trial and a progress bar, and at the end
 * chooses the configuration with the best validation accuracy at the largest budget reached.
 *
 * <p>The test set is looked at once, after the choice: the chosen configuration is trained again
 * on all training images and measured on MNIST's test images ({@link TrialWork#forTest()}), or,
 * when the trials already measured it without it having been used, its trial's measurement is
 * read. No trial's test accuracy ever takes part in the choice.
 */
public final class Search {
    /** The name of the chosen configuration's final run folder inside the search folder. */
    public static final String FINAL_RUN = "final";

    private final SearchSettings settings;
    private final Scheduler scheduler;
    private final TrialWork work;
    private final TrialBackend backend;
    private final Path folder;
    private final PrintStream out;
    private Duration timeLimit;
    private boolean finalRun = true;
    private Consumer<Map<String, String>> check = values -> {};

    /**
     * @param settings  what the search is (it goes into the journal)
     * @param scheduler the strategy's scheduler, made from the same settings
     * @param work      what a trial does
     * @param backend   where trials run
     * @param folder    the search folder: the journal, one run folder per trial, the plots
     * @param out       where progress goes
     */
    public Search(SearchSettings settings, Scheduler scheduler, TrialWork work, TrialBackend backend, Path folder,
                  PrintStream out) {
        this.settings = settings;
        this.scheduler = scheduler;
        this.work = work;
        this.backend = backend;
        this.folder = folder.toAbsolutePath().normalize();
        this.out = out;
    }

    /** Starts no trial after {@code limit} of search time (trials running then finish); null: no limit. */
    public Search timeLimit(Duration limit) {
        this.timeLimit = limit;
        return this;
    }

    /** Skips the final run that measures the chosen configuration's test accuracy. */
    public Search withoutFinalRun() {
        this.finalRun = false;
        return this;
    }

    /** Checks every drawn configuration before it runs (the lesson's knob checks); a refused one is a failed trial. */
    public Search check(Consumer<Map<String, String>> check) {
        this.check = check;
        return this;
    }

    /**
     * Runs the search, or goes on with an interrupted one.
     *
     * @param resume true to continue the search whose journal is in the folder
     * @return the journal at the end, with the choice and its test accuracy
     */
    public Journal run(boolean resume) throws InterruptedException {
        Journal journal;
        if (resume) {
            journal = Journal.resume(folder, settings);
            scheduler.restore(journal.trials());
        } else {
            if (Journal.exists(folder)) {
                throw new UsageException("a search is already in " + folder + "; add --resume to go on with it, or give "
                        + "another --name");
            }
            journal = Journal.start(settings);
            journal.write(folder);
        }
        Strategy strategy = Strategy.parse(settings.strategy());
        boolean rungs = strategy.hasRungs();
        long startNanos = System.nanoTime();
        double before = journal.seconds();
        BlockingQueue<Delivery> finished = new LinkedBlockingQueue<>();
        ProgressBar bar = progressBar(journal);
        TrialResult best = journal.trials().stream().filter(r -> !r.failed()).min(TrialResult.BEST_FIRST).orElse(null);
        if (resume) {
            out.printf("resuming: %d trials finished before, %s of search time%n", journal.trials().size(),
                    Clock.of(before));
        }
        int running = 0;
        while (true) {
            while (running < backend.slots() && withinTime(before, startNanos)) {
                TrialSpec spec = scheduler.next();
                if (spec == null) {
                    break;
                }
                Path trialFolder = folder.resolve(spec.folderName(rungs));
                String refused = refusal(spec);
                if (refused != null) {
                    finished.add(new Delivery(spec, null, refused, 0, "-", 0, 0));
                } else {
                    backend.start(work, spec, trialFolder, finished::add);
                }
                running++;
            }
            if (running == 0) {
                break;
            }
            Delivery d = finished.take();
            running--;
            double now = before + (System.nanoTime() - startNanos) / 1e9;
            TrialResult result = record(d, rungs, now);
            scheduler.finished(result);
            journal = journal.with(result, now);
            journal.write(folder);
            if (!result.failed() && (best == null || TrialResult.BEST_FIRST.compare(result, best) < 0)) {
                best = result;
            }
            out.println(line(result, best));
            bar.advance(units(result), best == null ? "" : String.format(Locale.ROOT, "best val %.2f%%",
                    100 * best.validationAccuracy()));
        }
        bar.finish(null);
        return choose(journal, before + (System.nanoTime() - startNanos) / 1e9);
    }

    private String refusal(TrialSpec spec) {
        try {
            check.accept(spec.knobs());
            return null;
        } catch (RuntimeException e) {
            return "refused before it ran: " + e.getMessage();
        }
    }

    private boolean withinTime(double before, long startNanos) {
        return timeLimit == null || before + (System.nanoTime() - startNanos) / 1e9 < timeLimit.toMillis() / 1e3;
    }

    /** The journal entry of a delivered trial: its validation accuracy read from its run folder, or why it failed. */
    private TrialResult record(Delivery d, boolean rungs, double now) {
        TrialSpec s = d.spec();
        String name = s.folderName(rungs);
        Path trialFolder = folder.resolve(name);
        String failure = d.failure();
        double accuracy = Double.NaN;
        if (d.run() != null) {
            AtomicFiles.write(trialFolder.resolve("trial.log"), d.run().log().getBytes(StandardCharsets.UTF_8));
            if (d.run().exitCode() != 0) {
                failure = "exit code " + d.run().exitCode() + ": " + d.run().reason();
            } else {
                try {
                    accuracy = work.validationAccuracy(trialFolder);
                } catch (RuntimeException e) {
                    failure = e.getMessage();
                }
            }
        }
        return new TrialResult(s.trial(), s.rung(), s.epochs(), s.knobs(), name, failure != null,
                failure != null ? Double.NaN : accuracy, round(d.seconds()), round(now - d.seconds()), round(now),
                d.attempts(), d.where(), failure, round(d.cpuSeconds()));
    }

    private String line(TrialResult r, TrialResult best) {
        String budget = r.epochs() > 0 ? String.format("%3d ep", r.epochs()) : "";
        String head = String.format(Locale.ROOT, "  trial %03d%s %s", r.trial(), r.rung() > 1 || scheduler.rungs().size() > 1
                ? " rung " + r.rung() : "", budget);
        if (r.failed()) {
            return head + "  FAILED: " + r.failure();
        }
        return String.format(Locale.ROOT, "%s  val %6.2f%%  best %6.2f%% (trial %03d)  %6.1f s (CPU %.0f s)  %s", head,
                100 * r.validationAccuracy(), 100 * best.validationAccuracy(), best.trial(), r.seconds(), r.cpuSeconds(),
                dev.knobs.search.strategy.Labels.of(r.knobs()));
    }

    private ProgressBar progressBar(Journal journal) {
        long planned = scheduler.plannedEpochs();
        if (planned > 0) {
            long done = journal.trials().stream().mapToLong(TrialResult::epochs).sum();
            ProgressBar bar = new ProgressBar("search", planned, "trial-epochs (at most)", out);
            bar.advance(done, null);
            return bar;
        }
        if (timeLimit != null) {
            return new ProgressBar("search", timeLimit.toSeconds(), "s of the time budget", out);
        }
        return new ProgressBar("search", Math.max(1, settings.trials()), "trials", out);
    }

    private long units(TrialResult r) {
        if (scheduler.plannedEpochs() > 0) {
            return r.epochs();
        }
        if (timeLimit != null) {
            return Math.round(r.seconds());
        }
        return 1;
    }

    /**
     * The choice: among the trials at the largest budget reached, the best validation accuracy
     * (ties: the lower trial number); then its test accuracy, measured once.
     */
    private Journal choose(Journal journal, double seconds) throws InterruptedException {
        TrialResult chosen = chosen(journal);
        if (chosen == null) {
            out.println("No trial finished with a validation accuracy: nothing to choose.");
            return journal;
        }
        if (journal.chosen() == chosen.trial() && !Double.isNaN(journal.testAccuracy())) {
            return journal;
        }
        double test;
        String run;
        if (!finalRun) {
            test = Double.NaN;
            run = null;
        } else if (work.forTest().equals(work)) {
            test = work.testAccuracy(folder.resolve(chosen.folder()));
            run = chosen.folder();
        } else {
            out.printf("Measuring the chosen configuration (trial %03d) on the test set, once: trained again on all "
                    + "training images%s.%n", chosen.trial(), chosen.epochs() > 0 ? " for " + chosen.epochs() + " epochs" : "");
            BlockingQueue<Delivery> done = new LinkedBlockingQueue<>();
            TrialSpec spec = new TrialSpec(chosen.trial(), chosen.rung(), chosen.epochs(), chosen.knobs());
            Path finalFolder = folder.resolve(FINAL_RUN);
            backend.start(work.forTest(), spec, finalFolder, done::add);
            Delivery d = done.take();
            if (d.run() == null || d.run().exitCode() != 0) {
                String why = d.run() == null ? d.failure() : d.run().reason();
                if (d.run() != null) {
                    AtomicFiles.write(finalFolder.resolve("trial.log"), d.run().log().getBytes(StandardCharsets.UTF_8));
                }
                throw new IllegalStateException("the final run of the chosen configuration failed: " + why);
            }
            AtomicFiles.write(finalFolder.resolve("trial.log"), d.run().log().getBytes(StandardCharsets.UTF_8));
            test = work.testAccuracy(finalFolder);
            run = FINAL_RUN;
        }
        Journal done = journal.chosen(chosen.trial(), test, run, seconds);
        done.write(folder);
        return done;
    }

    /** The trial a journal's search chooses: the best validation accuracy at the largest budget any trial reached. */
    public static TrialResult chosen(Journal journal) {
        int top = journal.trials().stream().filter(r -> !r.failed()).mapToInt(TrialResult::rung).max().orElse(0);
        return journal.trials().stream().filter(r -> !r.failed() && r.rung() == top)
                .min(TrialResult.BEST_FIRST.thenComparing(Comparator.comparingInt(TrialResult::rung))).orElse(null);
    }

    private static double round(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }
}
