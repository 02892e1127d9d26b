package dev.knobs.lessons.l12;

import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.Mode;
import dev.knobs.nn.data.RunData;
import dev.knobs.nn.io.AtomicFiles;
import dev.knobs.nn.io.Sha256;
import dev.knobs.nn.kernel.Compute;
import dev.knobs.nn.metrics.Committee;
import dev.knobs.nn.metrics.EpochRecord;
import dev.knobs.nn.metrics.Predictions;
import dev.knobs.nn.random.Seeds;
import dev.knobs.nn.train.Checkpoint;
import dev.knobs.nn.train.Recipe;
import dev.knobs.nn.train.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A committee of networks (Ciresan, Meier and Schmidhuber 2012): {@code members} networks of the
 * same recipe, trained one after another from different seeds, answering together with their
 * averaged probabilities, {@code p̄ = (1/K) Σₖ pₖ}, and the most probable digit of p̄
 * ({@link Committee#average}).
 *
 * <p>Member k (from 0) trains with the lesson's seed for k = 0, so a committee of one is exactly the
 * lesson's single run, and with {@code Seeds.mix(seed, k)} for k ≥ 1: other initial weights, another
 * order of the mini-batches, other dropout masks and other distortions.
 *
 * <p>A long committee is checkpointed: each member saves its state after every epoch in
 * {@code runs/checkpoints/MODE-HASH/member-K.ckpt}, the hash naming the knobs, the seed and the
 * threads. A member that finished keeps its last checkpoint, so a committee started again after an
 * interruption continues the member in progress at its next epoch and does not train the finished
 * ones again; the numbers are the same, bit for bit, as those of a run never interrupted. The
 * folder is deleted once the run's outputs are written ({@link #finished()}).
 */
final class CommitteeRun {
    /** For tests: throw after this many epochs trained in this call (0: never), as an interruption would. */
    static int interruptAfterEpochs = 0;

    private final List<Recipe.Run> members;
    private final Predictions test;
    private final Path folder;

    private CommitteeRun(List<Recipe.Run> members, Predictions test, Path folder) {
        this.members = members;
        this.test = test;
        this.folder = folder;
    }

    /** The recipe of member {@code k} (from 0): {@code recipe} with that member's seed. */
    static Recipe member(Recipe recipe, int k) {
        return k == 0 ? recipe : recipe.withSeed(Seeds.mix(recipe.seed(), k));
    }

    /**
     * Whether this run saves checkpoints: the full run always, any committee; a single network of
     * smoke or standard mode trains as it always did, leaving no files behind.
     */
    static boolean checkpointed(Mode mode, int members) {
        return mode == Mode.FULL || members > 1;
    }

    /**
     * The checkpoint folder of this run: {@code checkpoints/MODE-HASH} in the lesson's runs folder,
     * the hash naming every knob, the seed and the thread count.
     */
    static Path folder(Path runs, Lesson lesson) {
        String key = lesson.knobs() + "; seed " + lesson.seed() + "; threads " + Compute.current().threads();
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        return runs.resolve("checkpoints").resolve(lesson.mode() + "-" + HexFormat.of().formatHex(Sha256.of(bytes, bytes.length), 0, 5));
    }

    /**
     * Trains the committee's members one after another (continuing from the checkpoint folder if
     * there is one) and averages their test predictions.
     */
    static CommitteeRun train(Lesson lesson, Recipe recipe, int size, RunData data, Path runs) {
        Path folder = checkpointed(lesson.mode(), size) ? folder(runs, lesson) : null;
        if (folder != null && Files.isDirectory(folder)) {
            lesson.out().println(resuming(lesson, recipe, size, data, folder, runs));
        }
        Interruption interruption = new Interruption(interruptAfterEpochs);
        List<Recipe.Run> members = new ArrayList<>();
        for (int k = 0; k < size; k++) {
            Recipe r = member(recipe, k);
            TrainingListener progress = interruption.around(lesson.progress(r));
            Recipe.Run run = folder == null ? r.train(data, progress) : r.train(data, progress, checkpoint(folder, k));
            members.add(run.orThrow());
        }
        Predictions test = size == 1 ? members.get(0).test()
                : Committee.average(members.stream().map(Recipe.Run::test).toList());
        return new CommitteeRun(members, test, folder);
    }

    /** The members' runs, member 1 first. */
    List<Recipe.Run> members() {
        return members;
    }

    /** The committee's predictions on the test set; for a committee of one, its member's own. */
    Predictions test() {
        return test;
    }

    /** The mean of the members' test accuracies. */
    double memberAccuracyMean() {
        return members.stream().mapToDouble(Recipe.Run::testAccuracy).average().orElse(Double.NaN);
    }

    /** The run's outputs are written: its checkpoints are no longer needed. */
    void finished() {
        if (folder == null) {
            return;
        }
        try {
            AtomicFiles.deleteTree(folder);
            Path parent = folder.getParent();
            try (var left = Files.list(parent)) {
                if (left.findAny().isEmpty()) {
                    Files.delete(parent);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the checkpoints in " + folder + ": " + e.getMessage()
                    + "; the run's outputs are written, delete that folder by hand", e);
        }
    }

    private static Path checkpoint(Path folder, int k) {
        return folder.resolve("member-" + (k + 1) + ".ckpt");
    }

    /** "resuming the interrupted full run from ...: member 3 of 8 at epoch 41 of 100; delete that folder to start over". */
    private static String resuming(Lesson lesson, Recipe recipe, int size, RunData data, Path folder, Path runs) {
        int k = 0;
        int done = 0;
        for (; k < size; k++) {
            Recipe r = member(recipe, k);
            done = new Checkpoint(checkpoint(folder, k), r.fingerprint(data)).epochsDone();
            if (done < recipe.epochs()) {
                break;
            }
        }
        Path shown = runs.getFileName().resolve(runs.relativize(folder));
        return k == size
                ? "resuming the interrupted " + lesson.mode() + " run from " + shown + ": all " + size
                        + " members are trained; delete that folder to start over"
                : "resuming the interrupted " + lesson.mode() + " run from " + shown + ": member " + (k + 1) + " of "
                        + size + " at epoch " + done + " of " + recipe.epochs() + "; delete that folder to start over";
    }

    /** Counts the epochs trained in this call and throws after {@code after} of them (0: never): a test's Ctrl-C. */
    private static final class Interruption {
        private final int after;
        private int epochs;

        Interruption(int after) {
            this.after = after;
        }

        TrainingListener around(TrainingListener listener) {
            if (after == 0) {
                return listener;
            }
            return new TrainingListener() {
                @Override
                public void stepEnded(int epoch, int step, float loss, float rate) {
                    listener.stepEnded(epoch, step, loss, rate);
                }

                @Override
                public boolean epochEnded(EpochRecord record, int total) {
                    if (++epochs == after) {
                        throw new IllegalStateException("interrupted after " + epochs + " epochs (a test)");
                    }
                    return listener.epochEnded(record, total);
                }
            };
        }
    }
}
