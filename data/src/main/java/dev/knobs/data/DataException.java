package dev.knobs.data;

/**
 * Data that cannot be found, fetched or read: a missing, truncated, damaged or mistaken file.
 *
 * <p>The message is one paragraph a person can act on: it names the file, says what was expected
 * and what was found, and what to do about it. Callers print {@link #getMessage()} and stop; the
 * stack trace adds nothing for the reader. Unchecked, because no caller can do better than to
 * report it.
 */
public final class DataException extends RuntimeException {

    /** A problem described completely by {@code message}. */
    public DataException(String message) {
        super(message);
    }

    /** A problem described by {@code message}, caused by a lower-level failure kept for debugging. */
    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
