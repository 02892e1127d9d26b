package dev.knobs.tools;

import dev.knobs.tools.predict.PredictCommand;
import dev.knobs.tools.runs.CompareCommand;
import dev.knobs.tools.runs.RunsCommand;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code knobs}, the course's command line: one entry point, one subcommand per tool.
 *
 * <pre>
 *   mvn -q -pl tools exec:java -Dexec.args="predict my-digit.png"
 *   mvn -q -pl tools exec:java -Dexec.args="--help"
 * </pre>
 *
 * <p>A new tool is a picocli {@code @Command} class implementing {@code Callable<Integer>}, added
 * with one line to {@code subcommands} below. It reports a failure the user can fix by throwing a
 * {@link ToolException}; this class turns it into one {@code error:} line and the hint, never a
 * stack trace.
 *
 * <p>Exit status: 0 done, 1 failed (a file, the model, anything at run time), 2 bad usage (an
 * unknown option, a missing argument).
 */
@Command(name = "knobs", mixinStandardHelpOptions = true, version = "Knobs tools 1.0",
        description = "The Knobs course's command line.",
        subcommands = {
            PredictCommand.class,                // predict FILE...: the digit in your own pictures
            CompareCommand.class,                // compare RUNS...: kept runs side by side
            RunsCommand.class,                   // runs list|remove: what is kept, and tidying up
            CommandLine.HelpCommand.class,       // help COMMAND
        },
        footer = {"", "Run a command with --help for its options, e.g.:",
            "  mvn -q -pl tools exec:java -Dexec.args=\"predict --help\""})
public final class Knobs implements Callable<Integer> {
    /** Exit status: done. */
    public static final int OK = 0;
    /** Exit status: something failed at run time. */
    public static final int FAILED = 1;
    /** Exit status: the command line was wrong. */
    public static final int USAGE = 2;
    /** Set this system property ({@code -Dknobs.trace=true}) to see stack traces of unexpected errors. */
    public static final String TRACE_PROPERTY = "knobs.trace";

    @Spec
    CommandSpec spec;

    /** {@code knobs} with no command: say which there are. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("error: name a command: " + String.join(", ", commandNames(spec.commandLine())));
        err.println(spec.commandLine().getUsageMessage());
        return USAGE;
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != OK) {
            System.exit(code);               // only on failure, so `mvn exec:java` ends normally otherwise
        }
    }

    /** Runs the command line and returns the exit status, without exiting (for tests). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        PrintWriter stdout = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter stderr = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        CommandLine cli = commandLine();
        cli.setOut(stdout);
        cli.setErr(stderr);
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            stderr.println("error: out of memory");
            stderr.println("give Java more heap, e.g. MAVEN_OPTS=-Xmx4g, or use a smaller image");
            return FAILED;
        } finally {
            stdout.flush();
            stderr.flush();
        }
    }

    /** The command tree with this project's error handling. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Knobs());
        cli.setParameterExceptionHandler(Knobs::badUsage);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> failed(e, commandLine.getErr()));
        return cli;
    }

    /** A wrong command line: the problem in one line, any suggestion, and where the help is. */
    private static int badUsage(ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("error: " + e.getMessage());
        if (e instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            err.println("did you mean " + String.join(" or ", u.getSuggestions()) + "?");
        }
        String name = e.getCommandLine().getCommandSpec().qualifiedName(" ");
        String helpArgs = name.equals("knobs") ? "--help" : name.substring("knobs ".length()) + " --help";
        err.println("for the usage run: mvn -q -pl tools exec:java -Dexec.args=\"" + helpArgs + "\"");
        return USAGE;
    }

    /** A failure while running: one line, the hint, and no stack trace unless asked for. */
    private static int failed(Exception e, PrintWriter err) {
        if (e instanceof ToolException t) {
            err.println("error: " + t.getMessage());
            if (t.hint() != null) {
                err.println(t.hint());
            }
        } else {
            err.println("error: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
            if (Boolean.getBoolean(TRACE_PROPERTY)) {
                e.printStackTrace(err);
            } else {
                err.println("this is a bug in Knobs; run with -D" + TRACE_PROPERTY + "=true to see where it happened");
            }
        }
        return FAILED;
    }

    private static List<String> commandNames(CommandLine cli) {
        return cli.getSubcommands().keySet().stream().filter(n -> !n.equals("help")).toList();
    }
}
