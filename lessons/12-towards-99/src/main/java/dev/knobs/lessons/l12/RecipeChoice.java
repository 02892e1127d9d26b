package dev.knobs.lessons.l12;

import static dev.knobs.lessons.common.Percent.pct;

import dev.knobs.lessons.common.KnobSet;
import dev.knobs.lessons.common.Mode;
import dev.knobs.lessons.common.Words;
import dev.knobs.lessons.l12.TowardsNinetyNine.Hyperparams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a run's recipe comes from, in one sentence the run prints and keeps in its results: is it
 * the recipe {@code --select} chose on validation data, and if not, in which knobs does it differ?
 * A standard or full run reads the standard choice ({@code runs/select}), a smoke run the smoke one
 * ({@code runs/select-smoke}), so that tiny recipes are compared with tiny candidates. Without a
 * choice of the right size, the sentence gives the command that makes it. A committee's recipe is
 * its members' recipe: the committee's size is not compared.
 */
final class RecipeChoice {
    private RecipeChoice() {}

    /**
     * The choice a run of {@code mode} compares with: the smoke one for a smoke run, the standard one
     * otherwise (a full run's recipe is a standard candidate trained longer on stronger distortions).
     */
    static Mode size(Mode mode) {
        return mode == Mode.SMOKE ? Mode.SMOKE : Mode.STANDARD;
    }

    /**
     * What the lesson's runs folder holds of the choice of {@code size}: the choice, or (with a null
     * selection) the sentence that says why there is none to compare with, missing, unreadable or
     * of another size, and gives the command that makes it.
     */
    record Found(Selection selection, String missing) {}

    /** The choice of {@code size} kept in the lesson's runs folder {@code runs}. */
    static Found find(Path runs, Mode size) {
        Path folder = RecipeSelection.folder(runs, size);
        Path file = folder.resolve(Selection.FILE);
        if (!Files.isRegularFile(file)) {
            return new Found(null, "No choice of the recipe on validation data is kept (" + RecipeSelection.shown(file)
                    + " is missing); make it with " + RecipeSelection.command(size));
        }
        Selection selection;
        try {
            selection = Selection.read(file);
            selection.chosenOne();
        } catch (RuntimeException e) {
            return new Found(null, unreadable(file, e, size));
        }
        if (!size.toString().equals(selection.mode())) {
            return new Found(null, RecipeSelection.shown(folder) + " holds a choice among " + selection.mode()
                    + "-sized candidates, not " + size + " ones; make the " + size + " choice with "
                    + RecipeSelection.command(size));
        }
        return new Found(selection, null);
    }

    private static String unreadable(Path file, RuntimeException e, Mode size) {
        return RecipeSelection.shown(file) + " cannot be read (" + e.getMessage() + "); make the choice again with "
                + RecipeSelection.command(size);
    }

    /**
     * The sentence for a run of {@code mode} with the knobs {@code hp}, from the choice kept in the
     * lesson's runs folder {@code runs}.
     */
    static String of(Path runs, Mode mode, Hyperparams hp) {
        Mode size = size(mode);
        Found found = find(runs, size);
        if (found.selection() == null) {
            return found.missing();
        }
        Selection selection = found.selection();
        Selection.Scored entry = selection.chosenOne();
        Path folder = RecipeSelection.folder(runs, size);
        KnobSet<Hyperparams> knobs = KnobSet.of(Hyperparams.class);
        Hyperparams chosen;
        try {
            chosen = knobs.apply(Hyperparams.defaults(size), entry.knobs());
        } catch (RuntimeException e) {
            return unreadable(folder.resolve(Selection.FILE), e, size);
        }
        String which = "'" + entry.name() + "', " + pct(entry.validationAccuracy()) + " on "
                + String.format(Locale.ROOT, "%,d", selection.validationImages()) + " held-out training images";
        Hyperparams member = hp.withMembers(chosen.members());         // a committee's recipe is its members'
        List<String> differences = knobs.differences(chosen, member);
        if (differences.isEmpty()) {
            return "This recipe is the one chosen on validation data: " + which + " ("
                    + RecipeSelection.shown(folder.resolve(Selection.TABLE_FILE)) + ").";
        }
        Map<String, String> mine = knobs.values(member);
        Map<String, String> theirs = knobs.values(chosen);
        List<String> knobsThatDiffer = new ArrayList<>();
        for (String k : differences) {
            knobsThatDiffer.add(k + " (" + mine.get(k) + "; chosen: " + theirs.get(k) + ")");
        }
        return "This recipe is not the one chosen on validation data (" + which + "): it differs in "
                + Words.and(knobsThatDiffer) + ".";
    }
}
