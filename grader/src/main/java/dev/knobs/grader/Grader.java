package dev.knobs.grader;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The grader's command line.
 *
 * <pre>
 *   mvn -q -pl grader exec:java -Dexec.args="grade path/to/submission"
 *   mvn -q -pl grader exec:java -Dexec.args="grade-class path/to/folder-of-clones"
 *   mvn -q -pl grader exec:java -Dexec.args="list"
 * </pre>
 */
@Command(name = "grader", mixinStandardHelpOptions = true, description = Grader.DESCRIPTION, subcommands = {Grader.Grade.class, Grader.GradeClass.class, Grader.ListExercises.class})
public final class Grader implements Callable<Integer> {
    static final String DESCRIPTION = "Grades the exercises of students' clones of the course.";

    /** Runs the command line and exits with its code when it is not 0. */
    public static void main(String[] args) {
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        if (code != 0) {
            System.exit(code);
        }
    }

    /** The command line without {@code System.exit}, for tests: 0 on success, 1 on failure, 2 on bad input. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Grader());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof GraderException) {
                err.println("error: " + e.getMessage());
                return 2;
            }
            err.println("error: " + (e instanceof UncheckedIOException ? e.getMessage() : e.toString()));
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 2;
    }

    /** Options shared by {@code grade} and {@code grade-class}. */
    static class Common {
        @Option(names = "--out", paramLabel = "DIR", description = "where reports go (default: ${DEFAULT-VALUE})",
                defaultValue = "grading")
        Path out;

        @Option(names = "--only", paramLabel = "ID", split = ",", description = "grade only these exercises, e.g. 07.1,06.2")
        List<String> only = new ArrayList<>();

        @Option(names = "--time-limit", paramLabel = "SECONDS", defaultValue = "60",
                description = "time limit of one exercise's checks (default: ${DEFAULT-VALUE})")
        int timeLimit;

        @Option(names = "--max-heap", paramLabel = "SIZE", defaultValue = "256m",
                description = "heap of the JVM that runs one exercise's checks (default: ${DEFAULT-VALUE})")
        String maxHeap;

        SubmissionGrader grader() {
            if (timeLimit < 1 || timeLimit > 3600) {
                throw new GraderException("--time-limit must be 1 to 3600 seconds, got " + timeLimit);
            }
            if (!maxHeap.matches("[1-9][0-9]*[mMgG]")) {
                throw new GraderException("--max-heap must look like 256m or 1g, got '" + maxHeap + "'");
            }
            return new SubmissionGrader(new IsolatedRunner(Duration.ofSeconds(timeLimit), maxHeap), System.out);
        }
    }

    /** {@code grade SUBMISSION}: one student's clone. */
    @Command(name = "grade", mixinStandardHelpOptions = true,
            description = "Grade one submission (a student's clone of the course); it is only read, never written.")
    static final class Grade implements Callable<Integer> {
        @Parameters(paramLabel = "SUBMISSION", description = "the folder of a student's clone")
        Path submission;

        @Option(names = "--student", paramLabel = "NAME", description = "the student's name (default: the folder's name)")
        String student;

        @CommandLine.Mixin
        Common common = new Common();

        @Override
        public Integer call() {
            Submission s = Submission.open(submission, student);
            if (!s.hasExercises()) {
                throw new GraderException("no exercises in " + s.root() + ": expected folders like "
                        + Exercises.ALL.get(0).sourceRoot());
            }
            common.grader().grade(s, Exercises.select(common.only), common.out);
            return 0;
        }
    }

    /** {@code grade-class FOLDER}: every clone in a folder. */
    @Command(name = "grade-class", mixinStandardHelpOptions = true,
            description = "Grade every clone in a folder (one sub-folder per student); writes grades.csv and a page per student.")
    static final class GradeClass implements Callable<Integer> {
        @Parameters(paramLabel = "FOLDER", description = "a folder holding one clone per student, named after the student")
        Path folder;

        @CommandLine.Mixin
        Common common = new Common();

        @Override
        public Integer call() {
            List<Path> clones = ClassGrades.submissions(folder);
            List<Exercise> exercises = Exercises.select(common.only);
            SubmissionGrader grader = common.grader();
            List<SubmissionReport> reports = new ArrayList<>();
            for (Path clone : clones) {
                reports.add(grader.grade(Submission.open(clone, null), exercises, common.out));
            }
            ClassGrades.write(reports, exercises, common.out);
            System.out.println("class grades: " + common.out.resolve("grades.csv").toAbsolutePath());
            return 0;
        }
    }

    /** {@code list}: the exercises and where they live. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the exercises and their files.")
    static final class ListExercises implements Callable<Integer> {
        @Override
        public Integer call() {
            for (Exercise e : Exercises.ALL) {
                System.out.printf("%-5s %-40s %s%n", e.id(), e.title(), e.sourceFile());
            }
            return 0;
        }
    }
}
