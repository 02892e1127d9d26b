package dev.knobs.lessons.common;

/** A command-line flag that makes no sense; the message says which and what is allowed. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
