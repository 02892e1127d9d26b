package dev.knobs.nn.io;

/** A model file that cannot be read: missing, not a model, from a newer version, corrupt or mismatched. */
public final class ModelFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong with which file, and what to do */
    public ModelFileException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong with which file, and what to do
     * @param cause   the underlying failure
     */
    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
