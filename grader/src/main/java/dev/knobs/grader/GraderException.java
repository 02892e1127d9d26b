package dev.knobs.grader;

/** A problem with the grader's input (a missing folder, an unknown exercise), told in one sentence. */
public final class GraderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and what to do */
    public GraderException(String message) {
        super(message);
    }
}
