package dev.knobs.lessons.common;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The harness every lesson test starts with: run the lesson in smoke mode (seconds) into
 * {@code target/smoke-output} (with knobs turned, a folder of its own beside it, so the
 * defaults' run stays for the site's tests), require a clean exit, and check its output folder with
 * {@link OutputCheck}. The test then asserts what is particular to its lesson.
 *
 * <pre>
 *   SmokeRun run = SmokeRun.of(DropoutRates.LESSON);
 *   run.expectFigures("input-dropout.png", "gap.png", ...);
 *   double best = run.result().metrics().get("best_rate");
 * </pre>
 *
 * @param out    the output folder the run wrote
 * @param result its parsed {@code result.json}
 */
public record SmokeRun(Path out, LessonResult result) {

    /** Runs the lesson; a failed run is an {@link AssertionError} quoting what the lesson printed on stderr. */
    public static SmokeRun of(LessonDefinition<?, ?> lesson, String... moreArgs) {
        String id = lesson.id();
        // The defaults' run is the one the site's tests reuse; a run with knobs turned must not replace it.
        Path out = Path.of("target", moreArgs.length == 0 ? "smoke-output"
                : "smoke-output-" + Integer.toHexString(List.of(moreArgs).hashCode()));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new java.util.ArrayList<>(List.of("--mode", "smoke", "--out", out.toString()));
        args.addAll(List.of(moreArgs));
        int code = Lesson.execute(args.toArray(String[]::new), lesson, new PrintStream(System.out),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        System.err.print(err.toString(StandardCharsets.UTF_8));
        if (code != 0) {
            throw new AssertionError("lesson " + id + " exited with " + code + " in smoke mode: "
                    + err.toString(StandardCharsets.UTF_8).strip());
        }
        LessonResult result = OutputCheck.verify(out, id);
        if (!"smoke".equals(result.mode())) {
            throw new AssertionError("lesson " + id + " ran in mode " + result.mode() + ", not smoke");
        }
        return new SmokeRun(out, result);
    }

    /** The figures, in the order the lesson saved them. */
    public void expectFigures(String... files) {
        List<String> saved = result.figures().stream().map(LessonResult.Figure::file).toList();
        if (!saved.equals(List.of(files))) {
            throw new AssertionError("lesson " + result.lesson() + " saved figures " + saved + ", expected " + List.of(files));
        }
    }

    /** Every one of these metrics is in the result. */
    public void expectMetrics(String... keys) {
        for (String key : keys) {
            if (!result.metrics().containsKey(key)) {
                throw new AssertionError("lesson " + result.lesson() + " reports no metric " + key + "; it has "
                        + result.metrics().keySet());
            }
        }
    }
}
