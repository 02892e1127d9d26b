package dev.knobs.site.render;

import dev.knobs.lessons.common.LessonResult;
import dev.knobs.site.inputs.KeptRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the pages say about one kept run: the knobs it turned, what it chose, its accuracies, the
 * command that runs it again, and the anchor of its entry on the runs page.
 */
final class RunFacts {
    /** The seed of every reference run. */
    static final long DEFAULT_SEED = 42;

    private RunFacts() {}

    /** The id of a run's entry on its lesson's runs page, e.g. {@code run-reference}. */
    static String anchor(KeptRun run) {
        return "run-" + run.name().replaceAll("[^A-Za-z0-9._-]", "-");
    }

    /** {@code lesson/name}, as {@link dev.knobs.lessons.common.RunComparison} labels runs. */
    static String label(KeptRun run) {
        return run.lesson() + "/" + run.name();
    }

    /** The knobs the run turned away from its mode's defaults, with their values, and the seed when it is not 42. */
    static List<View> turned(KeptRun run) {
        LessonResult r = run.result();
        Map<String, String> knobs = r.knobs();
        List<View> turned = new ArrayList<>();
        for (String knob : r.turned()) {
            turned.add(View.of().with("name", knob).with("value", knobs.getOrDefault(knob, "?")));
        }
        if (r.provenance() != null && r.provenance().seed() != DEFAULT_SEED) {
            turned.add(View.of().with("name", "seed").with("value", Long.toString(r.provenance().seed())));
        }
        return turned;
    }

    /** The chosen configuration's label, or a dash. */
    static String chosen(KeptRun run) {
        LessonResult.Chosen c = run.result().chosen();
        return c == null || c.label() == null ? "-" : c.label();
    }

    /** The chosen configuration's validation accuracy, or why there is none. */
    static String validation(KeptRun run) {
        LessonResult.Chosen c = run.result().chosen();
        return c == null || Double.isNaN(c.validationAccuracy()) ? "none (no validation set)"
                : Format.percent(c.validationAccuracy());
    }

    /**
     * The command that runs it again: with its {@code knobs.properties} when it has one, else with
     * the flags it was run with. Paths inside the project are written relative to the project root,
     * where the command is run.
     */
    static String command(KeptRun run, Path root) {
        String base = "mvn -pl lessons/" + run.lesson() + " exec:java";
        if (run.knobFile() != null) {
            return base + " -Dexec.args=\"--config " + shown(run.knobFile(), root) + "\"";
        }
        List<String> args = new ArrayList<>();
        List<String> recorded = run.result().provenance() == null || run.result().provenance().arguments() == null
                ? List.of() : run.result().provenance().arguments();
        for (int i = 0; i < recorded.size(); i++) {
            String a = recorded.get(i);
            if (a.equals("--out") || a.equals("--runs-dir")) {
                i++;                                            // where it was written, not what it ran
                continue;
            }
            args.add(a.isEmpty() || a.matches(".*[\\s\"'|&;<>$`\\\\].*") ? "'" + a.replace("'", "'\\''") + "'" : a);
        }
        return args.isEmpty() ? base : base + " -Dexec.args=\"" + String.join(" ", args) + "\"";
    }

    /** {@code file} relative to the project root with forward slashes, or as it is when outside it. */
    static String shown(Path file, Path root) {
        Path f = file.toAbsolutePath().normalize();
        Path r = root.toAbsolutePath().normalize();
        return (f.startsWith(r) ? r.relativize(f) : f).toString().replace('\\', '/');
    }
}
