package dev.knobs.grader.checks;

/**
 * The checks of one exercise.
 *
 * <p>The checks work on a factory {@code F} (a constructor, a static method) rather than on a
 * class, so the same checks run on nn-core's reference solution, on a plausible wrong answer in
 * a test, and on a student's compiled class, which {@link #adapt} turns into an {@code F}.
 *
 * @param <F> how the checks create or call the implementation under test
 */
public interface ExerciseChecks<F> {

    /** The student's class as an {@code F}; a {@link CheckFailure} if its signature is not the skeleton's. */
    F adapt(Class<?> type);

    /** Runs every check on {@code subject}, recording each outcome in {@code checker}. */
    void run(F subject, Checker checker);

    /** Adapts {@code type} and runs the checks; a class of the wrong shape fails every check with one message. */
    default Checker grade(Class<?> type) {
        Checker checker = new Checker();
        F subject;
        try {
            subject = adapt(type);
        } catch (CheckFailure e) {
            checker.fail("the class has the skeleton's signature", e.getMessage());
            return checker;
        }
        run(subject, checker);
        return checker;
    }

    /** Runs the checks on an implementation given directly (the reference, or a wrong answer in a test). */
    default Checker gradeDirectly(F subject) {
        Checker checker = new Checker();
        run(subject, checker);
        return checker;
    }
}
