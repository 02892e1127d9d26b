package dev.knobs.nn.io;

/** A model file that cannot be read: missing, not a model, from a newer version, corrupt or mismatched. */
public final class ModelFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ModelFileException(String message) {
        super(message);
    }

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
