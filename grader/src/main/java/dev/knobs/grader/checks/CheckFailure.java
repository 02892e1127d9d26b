package dev.knobs.grader.checks;

/** Thrown by a check that found a wrong answer; its message is what the student reads. */
public final class CheckFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message which input, what was expected and what came out */
    public CheckFailure(String message) {
        super(message, null, false, false);
    }
}
