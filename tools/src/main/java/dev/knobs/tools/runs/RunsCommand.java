package dev.knobs.tools.runs;

import dev.knobs.lessons.common.RunFolders;
import dev.knobs.lessons.common.TextTable;
import dev.knobs.lessons.common.UsageException;
import dev.knobs.tools.Knobs;
import dev.knobs.tools.ToolException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code knobs runs}: the kept runs, with their size, and removing the ones a student no longer
 * wants. A reference run (what the site shows) is never removed.
 */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = {"List kept runs with their size, or remove some (never a reference run)."},
        subcommands = {RunsCommand.List.class, RunsCommand.Remove.class},
        footer = {"", "Examples:",
            "  mvn -q -pl tools exec:java -Dexec.args=\"runs list 07-dropout\"",
            "  mvn -q -pl tools exec:java -Dexec.args=\"runs remove 07-dropout/20261206-101500-hidden-dropout-0.5\""})
public final class RunsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** {@code knobs runs} alone lists every run. */
    @Override
    public Integer call() {
        return new List().list(spec.commandLine().getOut(), java.util.List.of());
    }

    /** {@code runs list [LESSON|LESSON/RUN...]}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List runs: lesson, name, test accuracy, size.")
    static final class List implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "RUNS", arity = "0..*", description = "lessons or runs; nothing: the whole course")
        java.util.List<String> names = new ArrayList<>();

        @Override
        public Integer call() {
            return list(spec.commandLine().getOut(), names);
        }

        int list(PrintWriter out, java.util.List<String> which) {
            java.util.List<RunFolders.Run> runs = RunSelection.select(which);
            TextTable t = new TextTable(runs.size() + (runs.size() == 1 ? " run" : " runs"), "run", "mode", "knobs turned",
                    "test accuracy", "size");
            long total = 0;
            for (RunFolders.Run r : runs) {
                java.util.List<String> turned = r.result().turned() == null ? java.util.List.of() : r.result().turned();
                t.row(r.lesson() + "/" + r.name() + (r.reference() ? " (reference)" : ""), r.result().mode(),
                        turned.isEmpty() ? "-" : String.join(", ", turned),
                        String.format(Locale.ROOT, "%.2f%%", 100 * r.result().testAccuracy()), size(r.bytes()));
                total += r.bytes();
            }
            out.print(t);
            out.println("in all " + size(total));
            return Knobs.OK;
        }
    }

    /** {@code runs remove LESSON/RUN...}. */
    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove runs, named LESSON/RUN or by folder; a reference run is refused.")
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "RUN", arity = "1..*", description = "LESSON/RUN, or a run folder")
        java.util.List<String> names = new ArrayList<>();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            java.util.List<RunFolders.Run> runs = new ArrayList<>();
            for (String name : names) {
                RunFolders.Run run = RunSelection.one(name);
                if (run.reference()) {
                    throw new ToolException(run.lesson() + "/" + run.name() + " is a reference run: the site shows it, "
                            + "so it is never removed; nothing was removed",
                            "run the lesson with its defaults to refresh it, or name the runs you made");
                }
                runs.add(run);
            }
            long freed = 0;
            for (RunFolders.Run run : runs) {
                try {
                    RunFolders.remove(run);
                } catch (UsageException e) {
                    throw new ToolException(e.getMessage(), null);
                }
                freed += run.bytes();
                out.println("removed " + run.lesson() + "/" + run.name() + " (" + size(run.bytes()) + ")");
            }
            out.println("freed " + size(freed));
            return Knobs.OK;
        }
    }

    static String size(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.0f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
