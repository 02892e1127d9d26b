package dev.knobs.tools.runs;

import dev.knobs.lessons.common.RunComparison;
import dev.knobs.lessons.common.RunFolders;
import dev.knobs.tools.Knobs;
import dev.knobs.tools.ToolException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code knobs compare}: kept runs side by side. Names a lesson ({@code 07-dropout}: all its
 * runs), a run ({@code 07-dropout/reference}), or a run folder anywhere; with nothing named, every
 * run of the course. Prints the table (the knobs that differ, what each run chose, validation and
 * test accuracy, time), writes the overlaid training curves, and the table as CSV if asked.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare kept runs: the knobs that differ, validation and test accuracy, time, and their "
                + "training curves overlaid."},
        footer = {"", "Examples:",
            "  mvn -q -pl tools exec:java -Dexec.args=\"compare 07-dropout\"",
            "  mvn -q -pl tools exec:java -Dexec.args=\"compare 07-dropout/reference 12-towards-99 --csv runs.csv\""})
public final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RUNS", arity = "0..*",
            description = "a lesson (all its runs), LESSON/RUN, or a run folder; nothing: every run of the course")
    List<String> names = new ArrayList<>();

    @Option(names = "--csv", paramLabel = "FILE", description = "also write the table as CSV to FILE")
    Path csv;

    @Option(names = "--plots", paramLabel = "DIR", description = "where the curves go (default: tools/target/compare)")
    Path plots;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<RunFolders.Run> runs = RunSelection.select(names);
        if (runs.isEmpty()) {
            throw new ToolException("no finished runs to compare" + (names.isEmpty() ? "" : " in " + String.join(", ", names)),
                    "run a lesson first, e.g. mvn -pl lessons/07-dropout exec:java -Dexec.args=\"--mode smoke\"");
        }
        RunComparison comparison = new RunComparison(runs);
        out.print(comparison.table());
        Path folder = plots != null ? plots : RunSelection.defaultPlotFolder();
        List<Path> written = comparison.plot(folder);
        if (!written.isEmpty()) {
            out.println();
            out.println("curves of the chosen configurations: " + folder.toAbsolutePath().normalize()
                    + " (validation-accuracy.png, train-loss.png, and SVG)");
        }
        if (csv != null) {
            comparison.writeCsv(csv);
            out.println("table as CSV: " + csv.toAbsolutePath().normalize());
        }
        return Knobs.OK;
    }
}
