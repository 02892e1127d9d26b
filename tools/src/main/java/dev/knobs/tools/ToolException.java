package dev.knobs.tools;

/**
 * A failure the user can do something about: {@link Knobs} prints it as one line,
 * {@code error: <message>}, then the {@code hint} (what to do) on the next, never a stack trace,
 * and exits with status 1.
 */
public class ToolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String hint;

    /**
     * @param message what went wrong, naming the file or value concerned
     * @param hint    what to do about it, or null when the message says it all
     */
    public ToolException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    public ToolException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    /** What to do about it, or null. */
    public String hint() {
        return hint;
    }
}
