package dev.knobs.lessons.common;

/** A command-line flag that makes no sense; the message says which and what is allowed. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message one line naming the flag or knob, the value and what is allowed */
    public UsageException(String message) {
        super(message);
    }
}
