package dev.knobs.lessons.l12;

import static dev.knobs.lessons.common.Percent.pct;

import dev.knobs.lessons.common.Knob;
import dev.knobs.lessons.common.KnobSet;
import dev.knobs.lessons.common.Provenance;
import dev.knobs.lessons.common.TextTable;
import dev.knobs.lessons.l12.TowardsNinetyNine.Hyperparams;
import dev.knobs.nn.io.Json;
import dev.knobs.nn.layer.Mlp;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code --select} found, as {@code selection.json} holds it: every candidate with its knobs
 * and its validation accuracy, and the one chosen.
 *
 * @param mode             {@code standard} or {@code smoke}: the size of the candidates
 * @param seed             the seed of the split into training and validation images, and of every candidate's training
 * @param trainingImages   images every candidate trained on (55,000; 1,800 in smoke mode)
 * @param validationImages training images held out, on which every candidate was scored (5,000; 200 in smoke mode)
 * @param rule             how the choice is made, in words ({@link #RULE})
 * @param candidates       every candidate, in the order of the README's table
 * @param chosen           the name of the chosen candidate
 * @param seconds          wall-clock seconds of the whole selection, data loading included
 * @param command          the command that made this choice, and makes it again
 * @param provenance       how it was made; its test set is null because no test image was loaded
 */
record Selection(String mode, long seed, int trainingImages, int validationImages, String rule,
                 List<Scored> candidates, String chosen, double seconds, String command, Provenance provenance) {

    /** The file a selection is written to, in its folder. */
    static final String FILE = "selection.json";
    /** Its table as Markdown, next to it. */
    static final String TABLE_FILE = "selection.md";

    /** How {@link #choose} chooses. */
    static final String RULE = "the highest validation accuracy after the last epoch; on a tie (the same number of "
            + "validation errors), the one with less training work (parameters times epochs), then the simpler, "
            + "which comes first in the table";

    /**
     * A candidate after training: its recipe, and how it did on the validation images.
     *
     * @param name               the candidate's name, e.g. {@code "lighter dropout, longer"}
     * @param knobs              every knob of lesson 12, as a knob file or the flags take it back
     * @param network            the layer widths, e.g. {@code 784-1024-1024-10}
     * @param dropout            input and hidden dropout, e.g. {@code "0 / 0.2"}
     * @param augmentation       {@code none}, {@code affine} or {@code elastic + affine}
     * @param epochs             passes over the training images
     * @param parameters         weights and biases of the network
     * @param validationAccuracy share of the validation images classified correctly after the last epoch
     * @param validationErrors   validation images classified wrongly after the last epoch
     * @param trainLoss          mean training loss of the last epoch (on distorted images, dropout on): near 0
     *                           for a network that has learned its training images by heart
     * @param seconds            wall-clock seconds of its training, the validation after every epoch included, to a tenth
     */
    record Scored(String name, Map<String, String> knobs, String network, String dropout, String augmentation,
                  int epochs, long parameters, double validationAccuracy, int validationErrors, double trainLoss,
                  double seconds) {

        /** A candidate and its score. */
        static Scored of(Candidate c, long parameters, double validationAccuracy, int validationImages, double trainLoss,
                         double seconds) {
            Hyperparams hp = c.knobs();
            int errors = validationImages - (int) Math.round(validationAccuracy * validationImages);
            return new Scored(c.name(), KnobSet.of(Hyperparams.class).values(hp), Mlp.architecture(hp.widths()),
                    Knob.format(hp.inputDropout()) + " / " + Knob.format(hp.hiddenDropout()), hp.distortions().kind(),
                    hp.epochs(), parameters, validationAccuracy, errors, trainLoss, seconds);
        }

        /** Training work, in units of one weight or bias updated for one epoch: what a tie is broken on. */
        long work() {
            return parameters * epochs;
        }
    }

    /**
     * The chosen candidate: the fewest validation errors (the highest validation accuracy); on a
     * tie, the least training work ({@link Scored#work}); on a tie of both, the first in the list,
     * which puts simpler recipes first. Validation errors, not accuracies, are compared, so that a tie
     * is a tie and not a rounding difference.
     */
    static Scored choose(List<Scored> candidates) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("there is nothing to choose from: no candidate was trained");
        }
        Scored best = candidates.get(0);
        for (Scored c : candidates) {
            if (c.validationErrors() < best.validationErrors()
                    || c.validationErrors() == best.validationErrors() && c.work() < best.work()) {
                best = c;
            }
        }
        return best;
    }

    /** The chosen candidate's entry. */
    Scored chosenOne() {
        return candidates.stream().filter(c -> c.name().equals(chosen)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("the chosen candidate '" + chosen + "' is not among the candidates"));
    }

    /** The README's table: one row per candidate, the chosen one's accuracy in bold. */
    TextTable table() {
        TextTable t = new TextTable("Validation accuracy after the last epoch, " + String.format(Locale.ROOT, "%,d",
                validationImages) + " held-out training images", "run", "network", "dropout (input / hidden)",
                "augmentation", "epochs", "validation accuracy");
        for (Scored c : candidates) {
            String accuracy = pct(c.validationAccuracy());
            t.row(c.name(), c.network(), c.dropout(), c.augmentation(), c.epochs(),
                    c.name().equals(chosen) ? "**" + accuracy + "**" : accuracy);
        }
        return t;
    }

    /** {@code selection.md}: what was done, the table, what was chosen and by which rule. */
    String markdown() {
        Scored c = chosenOne();
        return "Made by `" + command + "`: each candidate trained on " + String.format(Locale.ROOT, "%,d", trainingImages)
                + " training images and scored on the " + String.format(Locale.ROOT, "%,d", validationImages)
                + " held out (`RunData.withValidation`, seed " + seed + "); no test image was loaded. All runs: "
                + "Nesterov 0.9, one-cycle with peak 0.1, batches of 128, seed " + seed + ". Validation accuracy after "
                + "the last epoch:\n\n"
                + table().markdown()
                + "\nChosen: **" + c.name() + "**, " + pct(c.validationAccuracy()) + " (" + c.validationErrors()
                + " errors in " + String.format(Locale.ROOT, "%,d", validationImages) + "), by " + RULE + ".\n\n"
                + String.format(Locale.ROOT, "%.0f seconds in all on %d threads (%s mode).%n", seconds,
                provenance == null ? 0 : provenance.threads(), mode);
    }

    /** Reads a {@code selection.json}; a missing or malformed file is an exception naming it. */
    static Selection read(Path file) {
        return Json.read(file, Selection.class);
    }
}
