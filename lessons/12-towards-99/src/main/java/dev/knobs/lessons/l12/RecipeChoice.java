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
     * The sentence for a run of {@code mode} with the knobs {@code hp}, from the choice kept in the
     * lesson's runs folder {@code runs}.
     */
    static String of(Path runs, Mode mode, Hyperparams hp) {
        Mode size = mode == Mode.SMOKE ? Mode.SMOKE : Mode.STANDARD;
        Path folder = RecipeSelection.folder(runs, size);
        Path file = folder.resolve(Selection.FILE);
        String remake = RecipeSelection.command(size);
        if (!Files.isRegularFile(file)) {
            return "No choice of the recipe on validation data is kept (" + RecipeSelection.shown(file) + " is missing); "
                    + "make it with " + remake;
        }
        Selection selection;
        Hyperparams chosen;
        Selection.Scored entry;
        KnobSet<Hyperparams> knobs = KnobSet.of(Hyperparams.class);
        try {
            selection = Selection.read(file);
            entry = selection.chosenOne();
            chosen = knobs.apply(Hyperparams.defaults(size), entry.knobs());
        } catch (RuntimeException e) {
            return RecipeSelection.shown(file) + " cannot be read (" + e.getMessage() + "); make the choice again with "
                    + remake;
        }
        if (!size.toString().equals(selection.mode())) {
            return RecipeSelection.shown(folder) + " holds a choice among " + selection.mode() + "-sized candidates, not "
                    + size + " ones; make the " + size + " choice with " + remake;
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
