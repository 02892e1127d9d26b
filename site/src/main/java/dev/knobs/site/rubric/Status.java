package dev.knobs.site.rubric;

/** Where a requirement stands, as measured. */
public enum Status {
    /** Every check passed on graded runs: standard or full mode, on the real MNIST test set. */
    MET("met"),
    /** The lessons ran, and a check failed or a piece of evidence is missing; the row says which. */
    NOT_MET("not met"),
    /** Every check passed, but on smoke runs: a few seconds on 2,000 images prove the code runs, not the result. */
    SMOKE("smoke run: not graded"),
    /** Every check passed, but a run read another test set than MNIST's (its checksums say so). */
    OTHER_DATA("other test set: not graded"),
    /** A lesson the requirement relies on has no result yet. */
    NOT_RUN("not run yet");

    private final String label;

    Status(String label) {
        this.label = label;
    }

    /** The words shown on the page. */
    public String label() {
        return label;
    }

    /** A CSS-friendly name: {@code met}, {@code not-met}, {@code not-graded}, {@code not-run}. */
    public String cssClass() {
        return switch (this) {
            case MET -> "met";
            case NOT_MET -> "not-met";
            case SMOKE, OTHER_DATA -> "not-graded";
            case NOT_RUN -> "not-run";
        };
    }
}
