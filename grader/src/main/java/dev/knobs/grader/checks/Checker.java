package dev.knobs.grader.checks;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the checks of one exercise one after another and keeps their outcomes: a check that
 * throws, whatever it throws, fails alone and the next one still runs.
 */
public final class Checker {
    private final List<CheckResult> results = new ArrayList<>();

    /** The body of one check: returns normally when the student's code is right. */
    @FunctionalInterface
    public interface Body {
        /** Runs the check; throws {@link CheckFailure} with an actionable message when it fails. */
        void run() throws Exception;
    }

    /** Runs one check and records whether it passed, and why not. */
    public void check(String name, Body body) {
        try {
            body.run();
            results.add(new CheckResult(name, true, ""));
        } catch (CheckFailure e) {
            results.add(new CheckResult(name, false, e.getMessage()));
        } catch (UnsupportedOperationException e) {
            results.add(new CheckResult(name, false, "not done yet: " + e.getMessage()));
        } catch (StackOverflowError e) {
            results.add(new CheckResult(name, false, "your code recursed until the stack overflowed" + where(e)));
        } catch (OutOfMemoryError e) {
            results.add(new CheckResult(name, false, "your code ran out of memory" + where(e)));
        } catch (Throwable e) {
            results.add(new CheckResult(name, false, "your code threw " + e + where(e)));
        }
    }

    /** Records a check that could not run at all (the class has the wrong shape, say). */
    public void fail(String name, String message) {
        results.add(new CheckResult(name, false, message));
    }

    /** The outcomes so far, in the order the checks ran. */
    public List<CheckResult> results() {
        return List.copyOf(results);
    }

    /** The share of checks passed, 0 when there were none. */
    public double score() {
        return results.isEmpty() ? 0 : (double) results.stream().filter(CheckResult::passed).count() / results.size();
    }

    /** " at Class.method(File.java:line)" for the first frame in an exercise, or in any code if none. */
    static String where(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        for (StackTraceElement frame : trace) {
            if (frame.getClassName().startsWith("dev.knobs.exercises.")) {
                return " at " + frame;
            }
        }
        return trace.length > 0 ? " at " + trace[0] : "";
    }
}
