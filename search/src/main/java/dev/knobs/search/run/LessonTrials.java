package dev.knobs.search.run;

import dev.knobs.lessons.common.KnobSet;
import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.LessonResult;
import dev.knobs.lessons.common.Mode;
import dev.knobs.nn.io.Json;
import dev.knobs.search.strategy.TrialSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Trials that are lesson runs: the lesson with the trial's knobs, {@code --epochs} its budget,
 * trained from scratch, in process ({@link Lesson#execute}), into the trial's run folder. Every trial
 * of a search uses the same seed, so two configurations differ only by their knobs.
 *
 * <p>Where the validation accuracy comes from: with a hold-out ({@link Holdout}), the lesson trains
 * on the first {@code 60,000 - holdout} training images and its "test" accuracy is measured on the
 * held-out ones, which is then the trial's validation accuracy; MNIST's test set is never loaded.
 * Without one, it is the validation accuracy the lesson reports for its chosen configuration, which
 * lessons that do not hold out validation images of their own (01 and 12) do not have.
 *
 * <p>A trial is one network: a lesson that can train a committee (12's {@code members}) is run with
 * {@code --members 1} unless the search space sets it.
 *
 * @param lesson  the lesson's folder name
 * @param mode    smoke, standard or full
 * @param seed    every trial's seed
 * @param threads kernel threads per trial
 * @param holdout training images held out for validation, or 0 to use the lesson's own validation set
 */
public record LessonTrials(String lesson, Mode mode, long seed, int threads, int holdout) implements TrialWork {

    @Override
    public TrialRun run(TrialSpec spec, Path out) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(log, true, StandardCharsets.UTF_8);
        int code = Lesson.execute(arguments(spec, out).toArray(String[]::new), Lessons.byId(lesson), print, print);
        print.flush();
        return new TrialRun(code, log.toString(StandardCharsets.UTF_8));
    }

    /** The lesson's command line for a trial: what a person would type to run it again. */
    public List<String> arguments(TrialSpec spec, Path out) {
        List<String> args = new ArrayList<>(List.of("--mode", mode.toString(), "--seed", Long.toString(seed),
                "--threads", Integer.toString(threads), "--out", out.toString()));
        if (holdout > 0) {
            args.addAll(List.of("--data-dir", Holdout.folder(holdout).toString()));
        }
        if (spec.epochs() > 0) {
            args.addAll(List.of("--epochs", Integer.toString(spec.epochs())));
        }
        if (KnobSet.of(Lessons.byId(lesson).knobs()).names().contains("members") && !spec.knobs().containsKey("members")) {
            args.addAll(List.of("--members", "1"));                 // a trial is one network, not a committee
        }
        for (Map.Entry<String, String> k : spec.knobs().entrySet()) {
            args.addAll(List.of("--" + k.getKey(), k.getValue()));
        }
        return args;
    }

    @Override
    public void prepare() {
        Lessons.byId(lesson);
        if (holdout > 0) {
            Holdout.folder(holdout);
        } else {
            dev.knobs.data.Mnist.fetch();
        }
    }

    @Override
    public TrialWork forTest() {
        return new LessonTrials(lesson, mode, seed, threads, 0);
    }

    @Override
    public double validationAccuracy(Path folder) {
        LessonResult.Chosen chosen = chosen(folder);
        double v = holdout > 0 ? chosen.testAccuracy() : chosen.validationAccuracy();
        if (Double.isNaN(v)) {
            throw new IllegalStateException("lesson " + lesson + " reports no validation accuracy (it trains on all its "
                    + "training images); search it with --holdout 10000");
        }
        return v;
    }

    @Override
    public double testAccuracy(Path folder) {
        LessonResult r = Json.read(folder.resolve("result.json"), LessonResult.class);
        return r.testAccuracy();
    }

    private static LessonResult.Chosen chosen(Path folder) {
        LessonResult r = Json.read(folder.resolve("result.json"), LessonResult.class);
        if (r.chosen() == null) {
            throw new IllegalStateException("the run in " + folder.getFileName() + " recorded no chosen configuration");
        }
        return r.chosen();
    }
}
