package dev.knobs.site.digit;

import dev.knobs.data.DataException;
import dev.knobs.data.Mnist;
import dev.knobs.nn.data.TrainTest;
import dev.knobs.nn.io.ModelFile;
import dev.knobs.nn.io.ModelFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the digit page is built from: the exported model (or why there is none) and the sample
 * test digits (or none, when the MNIST files are not on this machine).
 *
 * @param model    the model, or null
 * @param problem  why {@code model} is null, for the page
 * @param digits   sample test digits, possibly empty
 */
public record DigitData(ExportedModel model, String problem, List<TestDigits.Digit> digits) {
    /** Sample digits per class. */
    public static final int PER_CLASS = 2;

    /**
     * Loads the model file and the MNIST test digits. Never throws: what cannot be loaded becomes
     * the {@code problem} the page shows.
     *
     * @param modelFile the model, normally lesson 12's {@code model.knobs}
     * @param mnistDir  the folder with the MNIST files, or null for the data cache
     */
    public static DigitData load(Path modelFile, Path mnistDir) {
        ExportedModel model = null;
        String problem = null;
        if (!Files.isRegularFile(modelFile)) {
            problem = "Lesson 12 has not saved a model yet (" + modelFile.getFileName() + " is missing from its output).";
        } else {
            try {
                model = ExportedModel.of(ModelFile.load(modelFile));
            } catch (ModelFileException | IllegalArgumentException e) {
                problem = "The model could not be used: " + e.getMessage();
            }
        }
        List<TestDigits.Digit> digits = List.of();
        Path dir = mnistDir != null ? mnistDir : Mnist.cacheDir();
        if (Files.isDirectory(dir)) {
            try {
                TrainTest mnist = Mnist.load(dir);
                digits = TestDigits.pick(mnist.test(), PER_CLASS);
            } catch (DataException | IllegalArgumentException e) {
                System.err.println("site: no sample digits for the digit page: " + e.getMessage());
            }
        } else {
            System.err.println("site: no sample digits for the digit page: no MNIST files in " + dir);
        }
        return new DigitData(model, problem, digits);
    }
}
