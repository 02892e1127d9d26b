package dev.knobs.search;

import dev.knobs.data.DataException;
import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.Mode;
import dev.knobs.lessons.common.UsageException;
import dev.knobs.search.run.BackendProvider;
import dev.knobs.search.run.LocalBackend;
import dev.knobs.search.run.TrialBackend;
import dev.knobs.search.strategy.Strategy;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code search}: a hyperparameter search over any lesson's knobs, from the command line.
 *
 * <pre>
 *   mvn -q -pl search exec:java -Dexec.args="--lesson 12-towards-99 --strategy asha --trials 9 --epochs 3
 *       --space \"peak-lr=log(0.02,0.3) hidden-dropout=uniform(0,0.5)\" --mode smoke"
 * </pre>
 */
@Command(name = "search", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"A hyperparameter search over a lesson's knobs: grid, random, synchronous successive halving or "
                + "ASHA. Each trial is a lesson run, kept in its own run folder; the configuration is chosen on validation "
                + "accuracy, and its test accuracy is measured once, at the end."},
        footer = {"", "Space: knob=kind(...) separated by spaces, with the lesson's knob names and value syntax:",
            "  choice(0.1,0.2,0.5)   choice(512,512 | 1024,1024)   int(1,4)   uniform(0,0.5)   log(0.01,0.5)",
            "", "Examples:",
            "  mvn -q -pl search exec:java -Dexec.args=\"--lesson 12-towards-99 --strategy asha --trials 9 --epochs 3 "
                + "--space 'peak-lr=log(0.02,0.3) hidden-dropout=uniform(0,0.5)' --mode smoke\"",
            "  mvn -q -pl search exec:java -Dexec.args=\"--lesson 07-dropout --strategy random --trials 4 "
                + "--space 'lr=log(0.01,0.5)' --mode smoke --holdout 0\"",
            "  mvn -q -pl search exec:java -Dexec.args=\"--lesson 12-towards-99 --name my-search --resume ...same flags\""})
public final class SearchCommand implements Callable<Integer> {
    private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneId.systemDefault());

    @Option(names = "--lesson", required = true, paramLabel = "ID", description = "the lesson to search, e.g. 12-towards-99")
    String lesson;

    @Option(names = "--strategy", paramLabel = "NAME", defaultValue = "random",
            description = "grid, random, halving (synchronous successive halving) or asha (default: ${DEFAULT-VALUE})")
    String strategy;

    @Option(names = "--space", paramLabel = "TEXT", description = "the space, e.g. \"peak-lr=log(0.02,0.3) hidden=choice(512,512 | 1024,1024)\"")
    String space;

    @Option(names = "--space-file", paramLabel = "FILE", description = "read the space from a file (one knob=kind(...) per line, # comments)")
    Path spaceFile;

    @Option(names = "--trials", paramLabel = "N", description = "configurations to try (grid: default the whole grid)")
    int trials;

    @Option(names = "--time", paramLabel = "DURATION", description = "wall-time budget, e.g. 90s, 20m, 1h: no trial starts "
            + "after it (not reproducible: what finishes depends on the machine)")
    String time;

    @Option(names = "--epochs", paramLabel = "N", description = "halving, asha: the largest budget (top rung); grid, random: "
            + "every trial's epochs (default the lesson's own)")
    int epochs;

    @Option(names = "--min-epochs", paramLabel = "N", defaultValue = "1", description = "halving, asha: the smallest budget "
            + "(default: ${DEFAULT-VALUE})")
    int minEpochs;

    @Option(names = "--eta", paramLabel = "N", defaultValue = "3", description = "halving, asha: keep the best 1/η at each "
            + "rung, and train them η times longer (default: ${DEFAULT-VALUE})")
    int eta;

    @Option(names = "--grid-points", paramLabel = "N", defaultValue = "3", description = "grid: values per numeric knob "
            + "(default: ${DEFAULT-VALUE})")
    int gridPoints;

    @Option(names = "--mode", paramLabel = "MODE", description = "the lesson's run size: smoke, standard or full (default "
            + "standard, or -Dknobs.mode)")
    String mode;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "seed of the draws and of every trial "
            + "(default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--parallel", paramLabel = "N", description = "trials at once (default 1; with --spark: one per executor task slot)")
    Integer parallel;

    @Option(names = "--threads", paramLabel = "N", description = "kernel threads per trial (default: cores / --parallel; "
            + "with --spark 1, and Spark gives each trial as many cores)")
    Integer threads;

    @Option(names = "--holdout", paramLabel = "N", defaultValue = "10000", description = "training images held out to "
            + "validate on (the last N); 0: each lesson's own validation set (default: ${DEFAULT-VALUE})")
    int holdout;

    @Option(names = "--name", paramLabel = "NAME", description = "the search folder is runs/search-NAME of the lesson "
            + "(default: the date, time and strategy)")
    String name;

    @Option(names = "--runs-dir", paramLabel = "DIR", description = "where the search folder goes (default: the lesson's runs/)")
    Path runsDir;

    @Option(names = "--resume", description = "go on with the search of this --name from its finished trials")
    boolean resume;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "2", description = "restarts of a trial that failed to "
            + "run, e.g. on a lost executor (default: ${DEFAULT-VALUE})")
    int retries;

    @Option(names = "--no-final", description = "do not measure the chosen configuration on the test set at the end")
    boolean noFinal;

    @Option(names = "--spark", paramLabel = "MASTER", description = "run trials on Apache Spark: local[2], or "
            + "spark://host:7077 (needs the search-spark module)")
    String spark;

    private PrintStream out = System.out;

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /** Runs the command without {@code System.exit}: 0 when the search finished, 2 for a bad flag, 1 otherwise. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        SearchCommand command = new SearchCommand();
        command.out = out;
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setParameterExceptionHandler((e, a) -> {
            err.println("error: " + e.getMessage());
            err.println("Run with --help to see the flags.");
            return 2;
        });
        cl.setExecutionExceptionHandler((e, c, p) -> {
            if (e instanceof UsageException || e instanceof IllegalArgumentException) {
                err.println("error: " + e.getMessage());
                return 2;
            }
            if (e instanceof DataException || e instanceof UncheckedIOException || e instanceof IllegalStateException) {
                err.println("error: " + e.getMessage());
                return 1;
            }
            err.println("error: the search failed: " + e);
            return 1;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() throws InterruptedException {
        SearchRequest request = request();
        LessonSearch search = LessonSearch.of(request);
        try (TrialBackend backend = backend(request)) {
            search.run(backend, out);
        }
        return 0;
    }

    private SearchRequest request() {
        Strategy s = Strategy.parse(strategy);
        Mode m = mode != null ? Mode.parse(mode) : Mode.parse(System.getProperty("knobs.mode", "standard"));
        int p = parallel != null ? parallel : spark != null ? 0 : 1;
        int cores = Runtime.getRuntime().availableProcessors();
        int t = threads != null ? threads : spark != null ? 1 : Math.max(1, cores / Math.max(1, p));
        if (name != null && !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new UsageException("--name must be 1 to 64 letters, digits, dots, dashes or underscores, got '" + name + "'");
        }
        if (resume && name == null) {
            throw new UsageException("--resume needs the --name of the search to go on with");
        }
        String folderName = "search-" + (name != null ? name : FOLDER_TIME.format(Instant.now()) + "-" + s);
        Path folder = (runsDir != null ? runsDir : Lesson.runsFolder(lesson)).resolve(folderName).toAbsolutePath()
                .normalize();
        return new SearchRequest(lesson, s, spaceText(), trials, duration(time), eta, minEpochs, epochs, gridPoints, m,
                seed, p, t, holdout, folder, resume, retries, !noFinal);
    }

    private String spaceText() {
        if (space != null && spaceFile != null) {
            throw new UsageException("give the space with --space or --space-file, not both");
        }
        if (spaceFile != null) {
            try {
                return Files.readString(spaceFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UsageException("--space-file: cannot read " + spaceFile + ": " + e.getMessage());
            }
        }
        if (space == null) {
            throw new UsageException("give a space: --space \"knob=kind(...) ...\" or --space-file FILE");
        }
        return space;
    }

    private TrialBackend backend(SearchRequest r) {
        if (spark == null) {
            return new LocalBackend(Math.max(1, r.parallel()), r.threads(), r.retries());
        }
        for (BackendProvider provider : ServiceLoader.load(BackendProvider.class)) {
            return provider.open(spark, r.parallel(), r.threads(), r.retries(), out);
        }
        if (r.parallel() == 0) {
            throw new UsageException("--parallel must be at least 1");
        }
        throw new UsageException("--spark needs the search-spark module: mvn -q -pl search-spark exec:java "
                + "-Dexec.args=\"--spark local[2] ...\"");
    }

    /** {@code 90s}, {@code 20m}, {@code 1h}, {@code 1h30m}, or ISO-8601 ({@code PT20M}); null for null. */
    static Duration duration(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip().toUpperCase(java.util.Locale.ROOT);
        try {
            Duration d = Duration.parse(t.startsWith("P") ? t : "PT" + t);
            if (d.isNegative() || d.isZero()) {
                throw new UsageException("--time must be positive, got '" + text + "'");
            }
            return d;
        } catch (java.time.format.DateTimeParseException e) {
            throw new UsageException("--time must be a duration such as 90s, 20m or 1h30m, got '" + text + "'");
        }
    }
}
