package dev.knobs.site;

import dev.knobs.data.ProjectPaths;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The site generator's command line, read with picocli into a {@link SiteConfig}. */
@Command(name = "site", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Builds the course site from the lessons' reference runs and the Tribuo experiments' outputs.",
        footer = {"", "  mvn -pl site exec:java", "  mvn -pl site exec:java -Dexec.args=\"--out /tmp/site\""})
final class SiteCommand {
    @Option(names = "--root", paramLabel = "DIR", description = "the project root (default: found from the working directory)")
    Path root;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write the site (default: site/target/site under the root)")
    Path out;

    @Option(names = "--output", paramLabel = "LESSON=DIR",
            description = "read LESSON's run from DIR instead of its reference run (repeatable)")
    Map<String, Path> outputs = new LinkedHashMap<>();

    @Option(names = "--runs", paramLabel = "LESSON=DIR",
            description = "read LESSON's kept runs from DIR instead of lessons/LESSON/runs (repeatable)")
    Map<String, Path> runs = new LinkedHashMap<>();

    @Option(names = "--tribuo-output", paramLabel = "DIR",
            description = "read the Tribuo experiments from DIR instead of tribuo-port/output")
    Path tribuo;

    @Option(names = "--model", paramLabel = "FILE",
            description = "the digit page's model (default: lesson 12's reference run's model.knobs)")
    Path model;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "the MNIST files for the sample digits (default: the data cache)")
    Path data;

    @Option(names = "--grades", paramLabel = "DIR",
            description = "show one student's grade report (a grading folder with report.json and report.html) on the rubric page")
    Path grades;

    /** The help text. */
    static String usage() {
        return new CommandLine(new SiteCommand()).getUsageMessage();
    }

    /**
     * Reads the flags; a bad flag or value is an {@link IllegalArgumentException} saying which.
     *
     * @return null when help was asked for (and printed)
     */
    static SiteConfig parse(String[] args) {
        SiteCommand c = new SiteCommand();
        CommandLine cli = new CommandLine(c);
        try {
            cli.parseArgs(java.util.Arrays.stream(args).filter(a -> !a.isBlank()).toArray(String[]::new));
        } catch (CommandLine.UnmatchedArgumentException e) {
            String flag = e.getUnmatched().isEmpty() ? "?" : e.getUnmatched().get(0);
            throw new IllegalArgumentException("unknown flag '" + flag + "'" + (e.getSuggestions().isEmpty() ? ""
                    : "; did you mean " + e.getSuggestions().get(0) + "?"));
        } catch (CommandLine.ParameterException e) {
            String message = e.getMessage();
            throw new IllegalArgumentException(message.contains("--output") || message.contains("--runs")
                    || message.contains("LESSON=DIR") ? "--output and --runs need LESSON=DIR, e.g. 07-dropout=/some/folder: "
                    + message : message);
        }
        if (cli.isUsageHelpRequested() || cli.isVersionHelpRequested()) {
            return null;
        }
        Path r = c.root != null ? c.root : ProjectPaths.root().orElseThrow(() -> new IllegalArgumentException(
                "cannot find the project root from " + Path.of("").toAbsolutePath() + "; run from the project or pass --root"));
        SiteConfig defaults = SiteConfig.defaults(r);
        return new SiteConfig(defaults.root(), c.out != null ? c.out : defaults.out(), c.outputs, c.runs, c.tribuo, c.model,
                c.data, c.grades);
    }
}
