package dev.knobs.nn.train;

/** Training stopped because the loss became NaN, infinite or exploded; the message says where and what to try. */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int epoch;
    private final int step;

    public TrainingDivergedException(String message, int epoch, int step) {
        super(message);
        this.epoch = epoch;
        this.step = step;
    }

    /** 1-based epoch in which the loss blew up. */
    public int epoch() {
        return epoch;
    }

    /** 1-based mini-batch step (counted over the whole run) at which the loss blew up. */
    public int step() {
        return step;
    }
}
