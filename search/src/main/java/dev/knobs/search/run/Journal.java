package dev.knobs.search.run;

import dev.knobs.lessons.common.UsageException;
import dev.knobs.nn.io.Json;
import dev.knobs.search.strategy.TrialResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A search's journal, {@code search.json} in its folder: its settings and every trial finished so
 * far, in the order they finished. It is written atomically after each trial (a new file renamed
 * over the old one), so a search stopped at any moment, by Ctrl-C, a crash or a killed JVM, leaves
 * a journal of every trial that finished, and {@code --resume} goes on from there.
 *
 * @param settings    what the search is
 * @param seconds     wall-clock seconds the search has run, over all its sessions
 * @param trials      the finished trials, in the order they finished
 * @param chosen      the trial chosen on validation accuracy, once the search is over (0 before)
 * @param testAccuracy the chosen configuration's test accuracy, measured once at the end (NaN before)
 * @param finalRun    the folder of the run that measured it, relative to the search folder, or null
 */
public record Journal(SearchSettings settings, double seconds, List<TrialResult> trials, int chosen,
                      double testAccuracy, String finalRun) {
    public static final String FILE = "search.json";

    public Journal {
        trials = List.copyOf(trials);
    }

    /** A new search's empty journal. */
    public static Journal start(SearchSettings settings) {
        return new Journal(settings, 0, List.of(), 0, Double.NaN, null);
    }

    /**
     * The journal of the search in {@code folder}, checked to be a search with {@code settings}.
     *
     * @throws UsageException when there is none, or it is of another search
     */
    public static Journal resume(Path folder, SearchSettings settings) {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new UsageException("--resume: no search to resume in " + folder + " (no " + FILE + ")");
        }
        Journal j = Json.read(file, Journal.class);
        if (!j.settings().equals(settings)) {
            throw new UsageException("--resume: the search in " + folder + " was started with other settings ("
                    + j.settings() + "); resume it with the same flags, or give a new --name");
        }
        return j;
    }

    /** True when {@code folder} already holds a search journal. */
    public static boolean exists(Path folder) {
        return Files.isRegularFile(folder.resolve(FILE));
    }

    /** This journal with one more finished trial. */
    public Journal with(TrialResult result, double seconds) {
        List<TrialResult> t = new ArrayList<>(trials);
        t.add(result);
        return new Journal(settings, seconds, t, chosen, testAccuracy, finalRun);
    }

    /** This journal with the search's choice and its test accuracy. */
    public Journal chosen(int trial, double test, String run, double seconds) {
        return new Journal(settings, seconds, trials, trial, test, run);
    }

    /** Writes it to {@code folder}/search.json, atomically. */
    public void write(Path folder) {
        Json.write(folder.resolve(FILE), this);
    }
}
