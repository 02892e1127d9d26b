package dev.knobs.data;

import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.TrainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The four files of an MNIST-format dataset, found in one directory.
 *
 * <pre>
 *   train-images-idx3-ubyte   training images   [60000, 28, 28]  (MNIST; other datasets may differ)
 *   train-labels-idx1-ubyte   training labels   [60000]
 *   t10k-images-idx3-ubyte    test images       [10000, 28, 28]
 *   t10k-labels-idx1-ubyte    test labels       [10000]
 * </pre>
 *
 * <p>Each file may also be gzip-compressed with a {@code .gz} suffix (as the mirrors serve it), or
 * spelled with a dot before {@code idx} ({@code train-images.idx3-ubyte}), as some copies are.
 * Any dataset published in this layout reads the same way: Fashion-MNIST, for example, whose
 * Debian package {@code dataset-fashion-mnist} installs the four gzip files under
 * {@code /usr/share/datasets/fashion-mnist}.
 *
 * @param trainImages the training images file
 * @param trainLabels the training labels file
 * @param testImages  the test images file
 * @param testLabels  the test labels file
 */
public record MnistFiles(Path trainImages, Path trainLabels, Path testImages, Path testLabels) {

    /** The four canonical file names, in the order train images, train labels, test images, test labels. */
    public static final List<String> NAMES = List.of(
            "train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    /**
     * Finds the four files in {@code dir}. For each, the first spelling that exists wins:
     * the canonical name, then with {@code .gz}, then the dotted name, then dotted with {@code .gz}.
     *
     * @throws DataException naming which of the four were found and which are missing
     */
    public static MnistFiles in(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DataException((Files.exists(dir) ? dir + " is a file, not a directory" : "The directory " + dir
                    + " does not exist") + "; expected a directory holding the four MNIST-format files "
                    + String.join(", ", NAMES) + " (each may end in .gz).");
        }
        List<Path> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : NAMES) {
            Path file = find(dir, name);
            if (file == null) {
                missing.add(name);
            } else {
                found.add(file);
            }
        }
        if (!missing.isEmpty()) {
            List<String> foundNames = found.stream().map(p -> p.getFileName().toString()).toList();
            throw new DataException("The directory " + dir + " does not hold all four MNIST-format files. Found: "
                    + (foundNames.isEmpty() ? "none" : String.join(", ", foundNames)) + ". Missing: "
                    + String.join(", ", missing) + " (each may also end in .gz, or be spelled with a dot as in "
                    + dotted(missing.get(0)) + "). Put the missing files into " + dir
                    + ", or point to the directory that holds all four.");
        }
        return new MnistFiles(found.get(0), found.get(1), found.get(2), found.get(3));
    }

    /**
     * The spellings accepted for a canonical name, in order of preference: the name itself, with
     * {@code .gz}, the dotted name, dotted with {@code .gz}.
     */
    public static List<String> spellings(String canonicalName) {
        String dotted = dotted(canonicalName);
        return List.of(canonicalName, canonicalName + ".gz", dotted, dotted + ".gz");
    }

    /**
     * Reads all four files.
     *
     * @param prefix  dataset name prefix: the results are named {@code prefix + "-train"} and {@code prefix + "-test"}
     * @param classes number of classes; every label must lie in {@code 0 .. classes-1}
     * @throws DataException if a file is broken, or the test images differ in size from the training images
     */
    public TrainTest read(String prefix, int classes) {
        Dataset train = Idx.read(prefix + "-train", trainImages, trainLabels, classes);
        Dataset test = Idx.read(prefix + "-test", testImages, testLabels, classes);
        if (train.height() != test.height() || train.width() != test.width()) {
            throw new DataException("The training images in " + trainImages + " are " + train.height() + "x"
                    + train.width() + " pixels but the test images in " + testImages + " are " + test.height() + "x"
                    + test.width() + "; both halves of a dataset must have the same image size.");
        }
        return new TrainTest(train, test);
    }

    private static Path find(Path dir, String canonicalName) {
        for (String spelling : spellings(canonicalName)) {
            Path file = dir.resolve(spelling);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        return null;
    }

    /** {@code train-images-idx3-ubyte} becomes {@code train-images.idx3-ubyte}. */
    private static String dotted(String canonicalName) {
        return canonicalName.replace("-idx", ".idx");
    }
}
