package dev.knobs.nn.io;

/** A checkpoint that cannot be used: not a checkpoint, truncated, corrupt, or of another run. */
public final class CheckpointException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong with which file, and what to do */
    public CheckpointException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong with which file, and what to do
     * @param cause   the underlying failure
     */
    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
