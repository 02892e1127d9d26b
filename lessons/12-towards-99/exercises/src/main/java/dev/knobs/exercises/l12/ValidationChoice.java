package dev.knobs.exercises.l12;

/**
 * Exercise 12.2: choosing a recipe on validation data, as {@code --select} does: of the
 * candidates trained, the one that made the fewest errors on held-out training images.
 *
 * <pre>
 *   candidate i:  validationErrors[i], trainingLoss[i], parameters[i], epochs[i]   i = 0 .. n-1, simpler recipes first
 *   work[i] = parameters[i] · epochs[i]                   weights and biases updated, times passes over the data
 *   chosen:  the fewest validation errors;
 *            on a tie, the least work;
 *            on a tie of both, the earliest (the smallest i)
 *   result:  the chosen candidate's index i
 * </pre>
 *
 * <p>Why: the test set must not choose the recipe, or its accuracy stops measuring anything (the
 * recipe is then fitted to those 10,000 images too). So lesson 12 holds out 5,000 training images,
 * trains every candidate on the rest and chooses on the held-out ones. The training loss is not the
 * criterion: it is measured on images the network has learned, and the recipe that memorises them
 * best (the biggest network, the least dropout, no augmentation) has the lowest training loss and
 * often not the fewest validation errors. Errors are compared, not accuracies, so a tie is a tie and
 * not a rounding difference. On a tie the cheaper candidate wins because it did as well for less
 * (Occam's razor, in training time), and then the earlier one, since the candidates are listed
 * simplest first. Work is a {@code long}: 1.86 million parameters times 50 epochs passes 2^31.
 *
 * <p>Grading: candidates worked out by hand where the lowest training loss, the later of tied
 * candidates or the fewer parameters alone would choose differently, and a comparison with lesson
 * 12's rule ({@code Selection.choose}) on random candidates full of ties.
 */
public final class ValidationChoice {
    private ValidationChoice() {}

    /**
     * The index of the chosen candidate, as in the class comment.
     *
     * @param validationErrors held-out images each candidate classified wrongly after its last epoch
     * @param trainingLoss     each candidate's mean training loss of its last epoch
     * @param parameters       each candidate's weights and biases
     * @param epochs           each candidate's passes over the training images
     * @return the chosen candidate's index, 0 for the first
     */
    public static int choose(int[] validationErrors, double[] trainingLoss, long[] parameters, int[] epochs) {
        checkSameCandidates(validationErrors, trainingLoss, parameters, epochs);
        throw new UnsupportedOperationException("exercise 12.2: choosing on validation data: the fewest validation "
                + "errors, then the least work (parameters x epochs), then the earliest "
                + "(lessons/12-towards-99/exercises/.../ValidationChoice.java)");
    }

    /** Refuses no candidate, or arrays that do not describe the same candidates. */
    private static void checkSameCandidates(int[] validationErrors, double[] trainingLoss, long[] parameters,
                                            int[] epochs) {
        if (validationErrors == null || validationErrors.length == 0) {
            throw new IllegalArgumentException("there is nothing to choose from: no candidate was trained");
        }
        int n = validationErrors.length;
        if (trainingLoss == null || parameters == null || epochs == null || trainingLoss.length != n
                || parameters.length != n || epochs.length != n) {
            throw new IllegalArgumentException("every candidate needs its validation errors, training loss, parameters "
                    + "and epochs: the four arrays must have the same length");
        }
    }
}
