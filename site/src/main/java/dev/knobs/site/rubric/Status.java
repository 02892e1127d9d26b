package dev.knobs.site.rubric;

/** Where a requirement stands, as measured. */
public enum Status {
    /** Every check passed on the lessons' results. */
    MET("met"),
    /** The lessons ran, and a check failed; the row says which, with the measured value. */
    NOT_MET("not met"),
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

    /** A CSS-friendly name: {@code met}, {@code not-met}, {@code not-run}. */
    public String cssClass() {
        return switch (this) {
            case MET -> "met";
            case NOT_MET -> "not-met";
            case NOT_RUN -> "not-run";
        };
    }
}
