package dev.knobs.nn.train;

/** Training stopped because the loss became NaN, infinite or exploded; the message says where and what to try. */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int epoch;
    private final int step;
    private final float loss;

    /**
     * @param message what blew up and what to try
     * @param epoch   1-based epoch
     * @param step    1-based step over the whole run
     */
    public TrainingDivergedException(String message, int epoch, int step) {
        this(message, epoch, step, Float.NaN);
    }

    /** @param loss the mini-batch loss that blew up (NaN, infinite or too large) */
    public TrainingDivergedException(String message, int epoch, int step, float loss) {
        super(message);
        this.epoch = epoch;
        this.step = step;
        this.loss = loss;
    }

    /** The mini-batch loss that blew up: NaN, infinite, or a finite value far above the first loss. */
    public float loss() {
        return loss;
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
