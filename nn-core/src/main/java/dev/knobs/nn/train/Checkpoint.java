package dev.knobs.nn.train;

import dev.knobs.nn.io.CheckpointException;
import dev.knobs.nn.io.CheckpointFile;
import dev.knobs.nn.layer.Dropout;
import dev.knobs.nn.layer.Layer;
import dev.knobs.nn.layer.Parameter;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.nn.metrics.History;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a {@link TrainingLoop} saves its state after every epoch, and continues from when it
 * starts again: so an interrupted run loses at most the epoch in progress.
 *
 * <p>A run's numbers depend on its random draws and on what its parts remember. The draws are
 * keyed by position, not by a shared generator: the mini-batch order by (seed, epoch), the
 * augmentation by (seed, epoch, batch, image), a dropout mask by (seed, masks drawn so far). So
 * continuing needs only what the parts remember, and that is what a checkpoint holds
 * ({@link CheckpointFile}): the weights, the optimiser's memory, each dropout layer's mask count,
 * the divergence guard's first loss, the step count and the history. A schedule's memory (reduce
 * on plateau) is not saved: the loop replays the saved epochs' losses into a fresh schedule, which
 * then is where the interrupted one was. Continued this way a run gives the same numbers, bit for
 * bit, as a run that was never interrupted; only the epochs' wall-clock seconds differ.
 *
 * <p>The fingerprint names the run (its recipe and its data); a checkpoint of another run is
 * refused, with a message that says to delete it.
 */
public final class Checkpoint {
    private final Path file;
    private final String fingerprint;

    /**
     * Where the run's state is continued from and saved to.
     *
     * @param file        the checkpoint file; it need not exist yet
     * @param fingerprint what the run is, e.g. {@link Recipe#fingerprint}
     */
    public Checkpoint(Path file, String fingerprint) {
        this.file = file;
        this.fingerprint = fingerprint;
    }

    /** Where a run stands: the epochs and steps done and what it recorded. */
    record Progress(int epochs, int steps, History history) {}

    /** The checkpoint file. */
    public Path file() {
        return file;
    }

    /** True if there is a saved state to continue from. */
    public boolean exists() {
        return Files.exists(file);
    }

    /**
     * How far the saved run got, without restoring anything: epochs completed. For a message such
     * as "resuming at epoch 41"; 0 if there is no checkpoint.
     */
    public int epochsDone() {
        return exists() ? read().epochs() : 0;
    }

    /** Saves the state of a run that has completed {@code progress.epochs()} epochs, atomically. */
    void save(Progress progress, TrainStep step, DivergenceGuard guard) {
        List<float[]> values = new ArrayList<>();
        for (Parameter p : step.model().parameters()) {
            values.add(p.value());
        }
        CheckpointFile.save(new CheckpointFile.Contents(fingerprint, progress.epochs(), progress.steps(), guard.first(),
                dropoutCalls(step.model()), values, step.optimizer().memory(step.model().parameters()),
                progress.history()), file);
    }

    /**
     * Sets the weights, the optimiser, the dropout layers and the guard to the saved state.
     *
     * @return where the saved run stood
     */
    Progress restore(TrainStep step, DivergenceGuard guard) {
        CheckpointFile.Contents saved = read();
        Sequential model = step.model();
        List<Parameter> parameters = model.parameters();
        List<Dropout> dropouts = dropouts(model);
        if (saved.parameters().size() != parameters.size() || saved.dropoutCalls().length != dropouts.size()) {
            throw new CheckpointException("checkpoint " + file + " does not fit this network (" + model.architecture()
                    + "); delete it to start the run over");
        }
        for (int i = 0; i < parameters.size(); i++) {
            float[] value = parameters.get(i).value();
            if (saved.parameters().get(i).length != value.length) {
                throw new CheckpointException("checkpoint " + file + " does not fit parameter " + parameters.get(i).name()
                        + "; delete it to start the run over");
            }
            System.arraycopy(saved.parameters().get(i), 0, value, 0, value.length);
        }
        try {
            step.optimizer().restore(parameters, saved.optimizer());
        } catch (IllegalArgumentException e) {
            throw new CheckpointException("checkpoint " + file + ": " + e.getMessage() + "; delete it to start the run over", e);
        }
        for (int i = 0; i < dropouts.size(); i++) {
            dropouts.get(i).resumeAt(saved.dropoutCalls()[i]);
        }
        guard.remember(saved.firstLoss());
        return new Progress(saved.epochs(), saved.steps(), saved.history());
    }

    /** The saved contents, refused if they belong to another run. */
    private CheckpointFile.Contents read() {
        CheckpointFile.Contents saved = CheckpointFile.load(file);
        if (!saved.fingerprint().equals(fingerprint)) {
            throw new CheckpointException("checkpoint " + file + " belongs to another run: it was saved by\n  "
                    + saved.fingerprint() + "\nbut this run is\n  " + fingerprint
                    + "\ndelete it to start this run over, or give this run another checkpoint file");
        }
        return saved;
    }

    private long[] dropoutCalls(Sequential model) {
        return dropouts(model).stream().mapToLong(Dropout::calls).toArray();
    }

    /**
     * The network's dropout layers, in order. A layer from outside nn-core may remember things a
     * checkpoint does not know of (a student's dropout, its mask count), so it is refused.
     */
    private List<Dropout> dropouts(Sequential model) {
        List<Dropout> dropouts = new ArrayList<>();
        for (Layer layer : model.layers()) {
            if (layer.getClass().getPackage() != Dropout.class.getPackage()) {
                throw new IllegalArgumentException("a checkpoint can save nn-core's layers only, but the network has a "
                        + layer.getClass().getSimpleName() + "; train it without a checkpoint");
            }
            if (layer instanceof Dropout d) {
                dropouts.add(d);
            }
        }
        return dropouts;
    }
}
